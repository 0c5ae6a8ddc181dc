package dev.acumat.analytics.history;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sessions as a table for a terminal ({@code acumat history}): one line per session in the
 * order given, columns aligned, and a totals line. Times are local (the zone given), durations
 * mm:ss (minutes may pass 59), coverage the session's mean in percent; the session id last, for
 * {@code acumat export --session}.
 */
public final class SessionTable {
    private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    /** Right-aligned columns: the numbers. */
    private static final boolean[] RIGHT = {false, false, true, true, true, true, false, false, false};

    private SessionTable() {
    }

    /**
     * The table, or one line saying there is nothing.
     *
     * @param withMat a mat column (when the sessions are of every mat)
     * @param more there were more sessions than shown; the totals line says so
     */
    public static String render(List<StoredSession> sessions, boolean withMat, ZoneId zone, boolean more) {
        if (sessions.isEmpty()) {
            return "no sessions\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"start", "mat", "duration", "lower back", "coverage", "shifts", "postures", "active",
            "session"});
        double total = 0;
        double lowerBack = 0;
        long shifts = 0;
        for (StoredSession s : sessions) {
            rows.add(new String[] {START.format(Instant.ofEpochMilli(s.startMs()).atZone(zone)), s.mat(),
                mmss(s.durationS()), mmss(s.lowerBackTimeS()),
                s.lowerBackCoverageMean() == null ? "-" : Math.round(s.lowerBackCoverageMean() * 100) + "%",
                Long.toString(s.postureShifts()), postures(s.postureSeconds()), s.active() ? "yes" : "no",
                s.sessionId()});
            total += s.durationS();
            lowerBack += s.lowerBackTimeS();
            shifts += s.postureShifts();
        }
        StringBuilder out = new StringBuilder(aligned(rows, RIGHT, withMat));
        out.append(sessions.size()).append(sessions.size() == 1 ? " session: " : " sessions: ").append(mmss(total))
                .append(" on the mat, ").append(mmss(lowerBack)).append(" with the lower back covered, ").append(shifts)
                .append(shifts == 1 ? " shift" : " shifts");
        if (more) {
            out.append(" (the latest ").append(sessions.size()).append(" only: raise --limit for more)");
        }
        return out.append('\n').toString();
    }

    /** Seconds as mm:ss, rounded to the second. */
    static String mmss(double seconds) {
        long s = Math.round(Math.max(0, seconds));
        return String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }

    /** The postures by time, longest first, as shares of the time in any: "supine 90%, left 10%". */
    static String postures(Map<String, Double> seconds) {
        double sum = seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        if (!(sum > 0)) {
            return "-";
        }
        List<Map.Entry<String, Double>> byTime = new ArrayList<>(seconds.entrySet());
        byTime.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Double> e : byTime) {
            long share = Math.round(e.getValue() / sum * 100);
            if (share >= 1) {
                parts.add(e.getKey() + " " + share + "%");
            }
        }
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    /**
     * The rows as aligned columns, two spaces apart, a line each; column 1 (the mat) only
     * {@code withMat}.
     */
    static String aligned(List<String[]> rows, boolean[] right, boolean withMat) {
        StringBuilder out = new StringBuilder();
        int[] widths = widths(rows);
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                if (c == 1 && !withMat) {
                    continue;
                }
                String pad = " ".repeat(widths[c] - row[c].length());
                line.append(line.length() > 0 ? "  " : "").append(right[c] ? pad + row[c] : row[c] + pad);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static int[] widths(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        return widths;
    }
}
