package dev.acumat.analytics.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.influxdb.dto.Point;
import org.junit.jupiter.api.Test;

/** The exact line protocol of each measurement: the schema is a contract. */
class InfluxSchemaTest {
    private static final long T = 1790000000123L;

    /** The point's line protocol, checking on the way that the writer's fast path writes the same. */
    private static String line(SinkPoint record) {
        String line = InfluxSchema.point(record).orElseThrow().lineProtocol(InfluxSchema.PRECISION);
        StringBuilder fast = new StringBuilder();
        assertThat(LineProtocol.append(fast, record)).isTrue();
        assertThat(fast).hasToString(line + "\n");
        return line;
    }

    @Test
    void theWritersFastPathWritesWhatInfluxdbJavaWrites() {
        Random random = new Random(42);
        double[] specials = {0.0, -0.0, 1e-3, 9.999e-4, 1e7, 9999999.999, -1e7, 1e21, 1e-7, 123456789.125,
                Double.MIN_VALUE, Double.MAX_VALUE, -42.5, Double.NaN, Double.POSITIVE_INFINITY};
        String[] texts = {null, "supine", "a \"quoted\" \\ back,slash = x", "", "ünïcode"};
        String[] mats = {"mat-1", "mat 1,a=b", "m.1:x_y-z", "=,= "};
        for (int i = 0; i < 2000; i++) {
            double[] d = new double[9];
            for (int k = 0; k < d.length; k++) {
                d[k] = random.nextInt(3) == 0 ? specials[random.nextInt(specials.length)]
                        : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(20) - 8);
            }
            String mat = mats[random.nextInt(mats.length)];
            // Milliseconds that still fit in a long as the records' microseconds.
            long t = (random.nextLong() & Long.MAX_VALUE) / 1000;
            String text = texts[random.nextInt(texts.length)];
            List<SinkPoint> records = List.of(
                    ContactPoint.of(mat, t, d[0], d[1], d[2], d[3], d[4], d[5], d[6], text)
                            .withExtras(texts[random.nextInt(texts.length)], random.nextInt(3) - 1, d[7]),
                    SessionPoint.of(mat, t, "s" + i, d[0], d[1], d[2], random.nextInt(), random.nextBoolean())
                            .withPostures(random.nextBoolean()
                                    ? Map.of("supine", d[3], "left", d[4], "z_9", 1.0) : Map.of(), text),
                    ShiftPoint.of(mat, t, "s" + i, text, texts[random.nextInt(texts.length)], d[8]),
                    new HealthPoint(mat, t, random.nextLong(), random.nextInt(), 0, -1, Long.MAX_VALUE, Long.MIN_VALUE,
                            1, 2, 3, 4, 5, d[5]));
            for (SinkPoint record : records) {
                Optional<Point> point = InfluxSchema.point(record);
                StringBuilder fast = new StringBuilder("previous line\n");
                boolean written = LineProtocol.append(fast, record);
                assertThat(written).isEqualTo(point.isPresent());
                assertThat(fast).hasToString("previous line\n"
                        + point.map(p -> p.lineProtocol(InfluxSchema.PRECISION) + "\n").orElse(""));
            }
        }
    }

    @Test
    void contactWithoutTheLowerBackLeavesItsCoverageOut() {
        assertThat(line(ContactPoint.of("mat-1", T, 0.25, 812.5, null, 310, 42.125, 20.5, 61.0, "supine")))
                .isEqualTo("contact,mat=mat-1 contact_area_cm2=812.5,contact_ratio=0.25,cop_x_cm=20.5,cop_y_cm=61.0,"
                        + "mean_pressure=42.125,peak_pressure=310.0,posture=\"supine\" 1790000000123");
    }

    @Test
    void contactWithEveryField() {
        ContactPoint c = ContactPoint.of("mat-1", T, 0.25, 812.5, 0.5, 310, 42.125, 20.5, 61.0, "left")
                .withExtras("kPa", 240, 512.5);
        assertThat(line(c)).isEqualTo("contact,mat=mat-1 contact_area_cm2=812.5,contact_cells=240i,contact_ratio=0.25,"
                + "cop_x_cm=20.5,cop_y_cm=61.0,load_n=512.5,lower_back_coverage=0.5,mean_pressure=42.125,"
                + "peak_pressure=310.0,posture=\"left\",units=\"kPa\" 1790000000123");
    }

    @Test
    void nanInfiniteAndNullFieldsAreLeftOut() {
        ContactPoint c = ContactPoint.of("mat-1", T, Double.NaN, Double.POSITIVE_INFINITY, null,
                Double.NEGATIVE_INFINITY, Double.NaN, 1.5, null, null);
        assertThat(line(c)).isEqualTo("contact,mat=mat-1 cop_x_cm=1.5 1790000000123");
        // Nothing left: no point at all (InfluxDB cannot store a point without fields).
        ContactPoint none = ContactPoint.of("mat-1", T, Double.NaN, Double.NaN, null, Double.NaN, Double.NaN, null,
                null, null);
        assertThat(InfluxSchema.point(none)).isEmpty();
        assertThat(line(ShiftPoint.of("mat-1", T, "s1", "supine", "left", null)))
                .isEqualTo("posture_shift,mat=mat-1 from=\"supine\",session_id=\"s1\",to=\"left\" 1790000000123");
    }

    @Test
    void sessionIsTimedAtItsStartWithIntegerShiftsAndABoolean() {
        SessionPoint s = SessionPoint.of("mat-1", T, "mat-1-1790000000123", 600, 0.75, 420.5, 3, true)
                .withPostures(Map.of("supine", 400.0, "left", 200.0), null);
        assertThat(s.timeMs()).isEqualTo(T);
        assertThat(line(s)).isEqualTo("session,mat=mat-1 active=true,duration_s=600.0,lower_back_coverage_mean=0.75,"
                + "lower_back_time_s=420.5,posture_shifts=3i,session_id=\"mat-1-1790000000123\",time_left_s=200.0,"
                + "time_supine_s=400.0 1790000000123");
        SessionPoint ended = SessionPoint.of("mat-1", T, "s1", 0, null, 0, 0, false);
        assertThat(line(ended)).isEqualTo("session,mat=mat-1 active=false,duration_s=0.0,lower_back_time_s=0.0,"
                + "posture_shifts=0i,session_id=\"s1\" 1790000000123");
        assertThat(line(SessionPoint.of("mat-1", T, "s1", 1, 1.0, 1, 1, false).withPostures(null, "left_mat")))
                .contains("end_reason=\"left_mat\"");
        assertThatThrownBy(() -> SessionPoint.of("mat-1", T, "s1", 1, 1.0, 1, 1, false)
                .withPostures(Map.of("Supine X", 1.0), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shift() {
        assertThat(line(ShiftPoint.of("mat-1", T, "s1", "supine", "left", 7.5)))
                .isEqualTo("posture_shift,mat=mat-1 cop_shift_cm=7.5,from=\"supine\",session_id=\"s1\",to=\"left\""
                        + " 1790000000123");
    }

    @Test
    void healthCountersAreIntegersEvenWhenZero() {
        Map<String, Number> json = new LinkedHashMap<>();
        // As in docs/TOPICS.md; a JSON parser may give any Number type.
        json.put("bytes", 1234567);
        json.put("frames", 2500L);
        json.put("crc_errors", 0);
        json.put("resyncs", 0);
        json.put("sequence_gaps", 0);
        json.put("frames_lost", 0);
        json.put("restarts", 0);
        json.put("reconnects", 1);
        json.put("spool_depth", 3.0);
        json.put("dropped_spool_full", 0);
        json.put("dropped_no_mat_id", 0);
        json.put("frame_rate_hz", 25.0);
        assertThat(line(HealthPoint.fromFields("mat-1", T, json))).isEqualTo("device_health,mat=mat-1 bytes=1234567i,"
                + "crc_errors=0i,dropped_no_mat_id=0i,dropped_spool_full=0i,frame_rate_hz=25.0,frames=2500i,"
                + "frames_lost=0i,reconnects=1i,restarts=0i,resyncs=0i,sequence_gaps=0i,spool_depth=3i 1790000000123");
        assertThat(line(HealthPoint.fromFields("mat-1", T, Map.of("frames", 1)))).doesNotContain("frame_rate_hz");
    }

    @Test
    void escapesTagValuesAndStrings() {
        // Mat ids are [A-Za-z0-9._:-] by the protocol; the escaping holds all the same.
        assertThat(line(ContactPoint.of("mat 1,a=b", T, 0.5, 1, null, 1, 1, 1.0, 1.0, "say \"hi\"\\")))
                .startsWith("contact,mat=mat\\ 1\\,a\\=b ")
                .contains("posture=\"say \\\"hi\\\"\\\\\"");
        assertThat(line(ContactPoint.of("mat.1:a-b_c", T, 0.5, 1, null, 1, 1, 1.0, 1.0, null)))
                .startsWith("contact,mat=mat.1:a-b_c ");
    }

    @Test
    void rejectsMatIdsThatWouldBreakLineProtocol() {
        assertThatThrownBy(() -> ContactPoint.of("mat\n1", T, 0.5, 1, 1.0, 1, 1, 1.0, 1.0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control character");
        assertThatThrownBy(() -> ShiftPoint.of(" ", T, "s", "a", "b", 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing");
        assertThatThrownBy(() -> HealthPoint.fromFields(null, T, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sessionsAndShiftsAreAlsoKeptLong() {
        assertThat(InfluxSchema.keptLong(SessionPoint.of("m", T, "s", 1, 1.0, 1, 0, true))).isTrue();
        assertThat(InfluxSchema.keptLong(ShiftPoint.of("m", T, "s", "a", "b", 1.0))).isTrue();
        assertThat(InfluxSchema.keptLong(ContactPoint.of("m", T, 1, 1, 1.0, 1, 1, 1.0, 1.0, "supine"))).isFalse();
        assertThat(InfluxSchema.keptLong(HealthPoint.fromFields("m", T, Map.of()))).isFalse();
    }
}
