package dev.acumat.analytics.body;

import dev.acumat.contract.Posture;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Counts of (true, predicted) postures, printed as Markdown. */
final class Confusion {
    private final Map<Posture, int[]> rows = new EnumMap<>(Posture.class);

    void add(Posture truth, Posture predicted) {
        rows.computeIfAbsent(truth, k -> new int[Posture.values().length])[predicted.ordinal()]++;
    }

    void addAll(Confusion other) {
        other.rows.forEach((t, r) -> {
            int[] mine = rows.computeIfAbsent(t, k -> new int[Posture.values().length]);
            for (int i = 0; i < r.length; i++) {
                mine[i] += r[i];
            }
        });
    }

    int total(Posture truth) {
        int[] r = rows.get(truth);
        int n = 0;
        if (r != null) {
            for (int v : r) {
                n += v;
            }
        }
        return n;
    }

    int correct(Posture truth) {
        int[] r = rows.get(truth);
        return r == null ? 0 : r[truth.ordinal()];
    }

    int total() {
        int n = 0;
        for (Posture p : rows.keySet()) {
            n += total(p);
        }
        return n;
    }

    int correct() {
        int n = 0;
        for (Posture p : rows.keySet()) {
            n += correct(p);
        }
        return n;
    }

    double accuracy() {
        return (double) correct() / Math.max(1, total());
    }

    double accuracy(Posture truth) {
        return (double) correct(truth) / Math.max(1, total(truth));
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }

    /** A Markdown table, one row per true posture, one column per posture predicted at least once. */
    String markdown() {
        List<Posture> cols = new ArrayList<>();
        for (Posture p : Posture.values()) {
            boolean seen = rows.containsKey(p);
            for (int[] r : rows.values()) {
                seen |= r[p.ordinal()] > 0;
            }
            if (seen) {
                cols.add(p);
            }
        }
        StringBuilder sb = new StringBuilder("| true \\ predicted |");
        for (Posture p : cols) {
            sb.append(' ').append(p.label()).append(" |");
        }
        sb.append(" accuracy |\n|---|");
        sb.append("---:|".repeat(cols.size() + 1)).append('\n');
        for (Posture t : Posture.values()) {
            int[] r = rows.get(t);
            if (r == null) {
                continue;
            }
            sb.append("| ").append(t.label()).append(" |");
            for (Posture p : cols) {
                sb.append(' ').append(r[p.ordinal()]).append(" |");
            }
            sb.append(' ').append(percent(accuracy(t))).append(" |\n");
        }
        return sb.toString();
    }
}
