/**
 * The analytics service: per-mat contact, lower-back coverage, sessions and posture shifts
 * from the frames in Kafka, written to InfluxDB and served to the browser.
 */
package dev.acumat.analytics;
