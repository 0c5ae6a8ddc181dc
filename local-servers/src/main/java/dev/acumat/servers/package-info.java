/**
 * Real servers started on this machine for the demo and for integration tests: a single-node
 * Apache Kafka broker in KRaft mode ({@link dev.acumat.servers.LocalKafka}), run as a child JVM,
 * listening on the loopback interface only, with its data under a directory the caller picks.
 */
package dev.acumat.servers;
