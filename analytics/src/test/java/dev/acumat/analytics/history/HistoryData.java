package dev.acumat.analytics.history;

import dev.acumat.analytics.influx.ContactPoint;
import dev.acumat.analytics.influx.InfluxWriter;
import dev.acumat.analytics.influx.SessionPoint;
import dev.acumat.analytics.influx.ShiftPoint;
import dev.acumat.analytics.influx.SinkPoint;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Point;

/**
 * The known history HistoryApiIT reads, written the way the analytics writes it (InfluxWriter:
 * every session and shift to the default policy and again to rollup). Times are relative to
 * now, because the raw policy refuses points older than 30 days.
 */
final class HistoryData {
    final long now = System.currentTimeMillis();
    /** Midnight UTC three days ago: the day of A1, A2 and B1; A3 is the day before. */
    final long day0 = LocalDate.now(ZoneOffset.UTC).minusDays(3).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    final long a1 = day0 + 10 * 3600_000L;            // 10 minutes, 600 contact points, two shifts
    final long b1 = day0 + 10 * 3600_000L + 1800_000; // another mat, same day
    final long a2 = day0 + 11 * 3600_000L;            // three hours: 10,800 contact points, thinned
    final long a3 = day0 - 14 * 3600_000L;            // the day before, 10:00 UTC
    /** 45 days ago: beyond the raw policy, so only in rollup (session, shift, contact_1m). */
    final long old = (now - 45 * 86_400_000L) / 60_000 * 60_000 + 10_000;
    /** Running: began five minutes ago. */
    final long active = (now - 300_000) / 1000 * 1000;

    void write(InfluxWriter writer, InfluxDB client) throws InterruptedException {
        List<SinkPoint> points = new ArrayList<>();
        points.add(SessionPoint.of("mat-A", a1, "mat-A." + a1, 600, 0.6, 300, 2, false)
                .withPostures(Map.of("supine", 540.0, "left", 60.0), "got-off"));
        for (int i = 0; i < 600; i++) {
            String posture = i >= 200 && i < 260 ? "left" : "supine";
            points.add(ContactPoint.of("mat-A", a1 + i * 1000L, 0.4, 900, (i % 10) / 10.0, 30, 5, 20.0, 40.0, posture));
        }
        points.add(ShiftPoint.of("mat-A", a1 + 200_000, "mat-A." + a1, "supine", "left", 4.5));
        points.add(ShiftPoint.of("mat-A", a1 + 260_000, "mat-A." + a1, "left", "supine", null));
        points.add(SessionPoint.of("mat-A", a2, "mat-A." + a2, 10_800, 0.5, 5000, 0, false)
                .withPostures(Map.of("supine", 10_800.0), "silent"));
        for (int i = 0; i < 10_800; i++) {
            points.add(ContactPoint.of("mat-A", a2 + i * 1000L, 0.3, 800, 0.5, 30, 5, 20.0, 40.0, "supine"));
        }
        points.add(SessionPoint.of("mat-A", a3, "mat-A." + a3, 300, null, 0, 1, false)
                .withPostures(Map.of("sitting", 300.0), "got-off"));
        points.add(SessionPoint.of("mat-B", b1, "mat-B." + b1, 900, 0.8, 800, 3, false)
                .withPostures(Map.of("prone", 900.0), "got-off"));
        points.add(ShiftPoint.of("mat-B", b1 + 60_000, "mat-B." + b1, "prone", "left", 3.0));
        points.add(SessionPoint.of("mat-A", active, "mat-A." + active, 240, 0.7, 120, 0, true)
                .withPostures(Map.of("supine", 240.0), null));
        for (int i = 0; i < 300; i++) {
            points.add(ContactPoint.of("mat-A", active + i * 1000L, 0.5, 1000, 0.7, 30, 5, 20.0, 40.0, "supine"));
        }
        writer.write(points);
        // The raw policy refuses these (400, logged by the writer); the rollup copy keeps them.
        writer.write(List.of(SessionPoint.of("mat-A", old, "mat-A." + old, 1200, 0.9, 1100, 1, false)
                .withPostures(Map.of("supine", 1200.0), "got-off"),
                ShiftPoint.of("mat-A", old + 600_000, "mat-A." + old, "supine", "right", 6.0)));
        long minute = old / 60_000 * 60_000;
        for (int k = 0; k < 20; k++) {
            client.write("acumat", "rollup", Point.measurement("contact_1m").tag("mat", "mat-A")
                    .time(minute + k * 60_000L, TimeUnit.MILLISECONDS).addField("contact_ratio", 0.35)
                    .addField("lower_back_coverage", 0.9).addField("contact_area_cm2", 900.0)
                    .addField("peak_pressure", 30.0).addField("posture", "supine").addField("samples", 60L).build());
        }
    }
}
