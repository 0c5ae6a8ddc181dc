/**
 * The gateway's spool: a bounded write-ahead log of Kafka records on local disk.
 *
 * <p>Every frame the gateway accepts is appended here before it is produced, so neither a crash
 * nor a broker outage loses it; the sender reads entries in order, produces them and
 * acknowledges what Kafka has taken, and whole acknowledged segments are deleted. The on-disk
 * format, recovery rules and what each {@link dev.acumat.gateway.spool.FsyncPolicy} can lose are
 * in device-gateway/SPOOL.md. This package needs only the JDK.
 */
package dev.acumat.gateway.spool;
