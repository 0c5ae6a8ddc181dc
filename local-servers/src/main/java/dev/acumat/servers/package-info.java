/**
 * Real servers started on this machine for the demo and for integration tests, listening on the
 * loopback interface only, with their data under a directory the caller picks: a single-node
 * Apache Kafka broker in KRaft mode ({@link dev.acumat.servers.LocalKafka}), run as a child JVM,
 * and InfluxDB 1.x ({@link dev.acumat.servers.LocalInflux}), Debian's {@code influxd}. Both share
 * one lifecycle ({@link dev.acumat.servers.LocalServer}): start on ports kept across restarts,
 * stop, kill, restart, and never outlive this JVM.
 */
package dev.acumat.servers;
