/**
 * The device gateway: reads a mat's serial port, decodes its frames and produces them to
 * Kafka. Its serial reader, producer and spool arrive with the gateway issue.
 */
package dev.acumat.gateway;
