/**
 * The analytics: per-mat contact, lower-back coverage, time on mat, postures and posture
 * shifts. {@code frame} turns raw frames into pressure and contact; {@code body} finds the
 * body's landmarks, its posture and its lower back; {@code session} follows a person on the
 * mat over time. These are pure Java, with no Kafka inside; streaming and storage wrap them.
 */
package dev.acumat.analytics;
