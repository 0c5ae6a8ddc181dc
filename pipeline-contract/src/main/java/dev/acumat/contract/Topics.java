package dev.acumat.contract;

import java.util.List;

/**
 * The Kafka topics of the pipeline and how many partitions they are created with
 * (docs/TOPICS.md describes each; TopicsDocumentedTest keeps the two in step).
 */
public final class Topics {
    private Topics() {
    }

    /** The mats' protocol messages, as the gateway forwards them: key mat id, value one message. */
    public static final String FRAMES = "acumat.frames";
    /** The gateway's counters per mat, JSON ({@link RecordLayouts.DeviceHealth}). */
    public static final String DEVICE_HEALTH = "acumat.device-health";
    /** The analytics' contact readings, JSON ({@link RecordLayouts.Contact}). */
    public static final String CONTACT = "acumat.contact";
    /** The analytics' sessions as they start, run and end, JSON ({@link RecordLayouts.Session}). */
    public static final String SESSIONS = "acumat.sessions";
    /** The analytics' posture shifts, JSON ({@link RecordLayouts.PostureShift}). */
    public static final String POSTURE_SHIFTS = "acumat.posture-shifts";
    /**
     * The mats the analytics hear from: key mat id, value the mat's latest device-info message
     * (as in {@link #FRAMES}), timestamp when the analytics last had a record of it. Compacted:
     * what the live view knows of mats it does not show, without reading every frame of every mat.
     */
    public static final String MATS = "acumat.mats";

    /** Every topic above. */
    public static final List<String> ALL = List.of(FRAMES, DEVICE_HEALTH, CONTACT, SESSIONS, POSTURE_SHIFTS, MATS);

    /**
     * Partitions of {@link #FRAMES} when the gateway or the analytics create it: enough for 32
     * analytics instances, and one mat's records always in one partition whatever the count.
     */
    public static final int DEFAULT_FRAMES_PARTITIONS = 32;
    /** Partitions of every other topic when created: their records are few. */
    public static final int OTHER_PARTITIONS = 8;
}
