package dev.acumat.analytics.stream;

import dev.acumat.analytics.settings.MatSettings;
import dev.acumat.contract.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;

/**
 * The analytics as a Kafka Streams topology: acumat.frames in, keyed by mat, through
 * {@link MatProcessor} with a persistent, changelog-backed store of each mat's state
 * ({@link MatStateStore}: the changelog gets a mat's latest state once per commit, not once per
 * frame); contact,
 * sessions and shifts out to their topics. Instances with the same application id share the
 * partitions, and a mat's state follows its partition.
 */
public final class AnalyticsTopology {
    static final String STATE_STORE = "mat-state";
    static final String SOURCE = "frames";
    static final String PROCESSOR = "mats";
    static final String CONTACT_SINK = "contact";
    static final String SESSIONS_SINK = "sessions";
    static final String SHIFTS_SINK = "shifts";
    static final String MATS_SINK = "mats-heard";

    private AnalyticsTopology() {
    }

    /** The topology for mats without settings of their own. */
    public static Topology build() {
        return build(MatSettings.NONE);
    }

    /** The topology, reading each mat's frames with its {@link MatSettings} (its cell order). */
    public static Topology build(MatSettings settings) {
        Topology t = new Topology();
        t.addSource(SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), Topics.FRAMES);
        t.addProcessor(PROCESSOR, () -> new MatProcessor(settings), SOURCE);
        t.addStateStore(MatStateStore.builder(STATE_STORE), PROCESSOR);
        t.addSink(CONTACT_SINK, Topics.CONTACT, Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), PROCESSOR);
        t.addSink(SESSIONS_SINK, Topics.SESSIONS, Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), PROCESSOR);
        t.addSink(SHIFTS_SINK, Topics.POSTURE_SHIFTS, Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), PROCESSOR);
        t.addSink(MATS_SINK, Topics.MATS, Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), PROCESSOR);
        return t;
    }
}
