package dev.acumat.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of a bench run, printed as a table at the end (and as each comes in). */
public final class Results {
    /**
     * One figure: what was measured, its value, the target, whether it was met, and the
     * machine's one-minute load average when it was taken (on a shared machine, part of the figure).
     */
    public record Row(String figure, String value, String target, Boolean met, double load) {
        String verdict() {
            return met == null ? "" : met ? "ok" : "MISSED";
        }
    }

    private final List<Row> rows = new ArrayList<>();

    /** A figure without a target. */
    public synchronized void add(String figure, String value) {
        add(new Row(figure, value, "", null, loadAverage()));
    }

    /** A figure with a target. */
    public synchronized void add(String figure, String value, String target, boolean met) {
        add(new Row(figure, value, target, met, loadAverage()));
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private void add(Row row) {
        rows.add(row);
        System.out.printf("bench: %s = %s %s%n", row.figure(), row.value(),
                row.target().isEmpty() ? "" : "(target " + row.target() + ": " + row.verdict() + ")");
    }

    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    /** The table, aligned, one figure a line. */
    public synchronized String table() {
        int f = "figure".length();
        int v = "value".length();
        int t = "target".length();
        for (Row r : rows) {
            f = Math.max(f, r.figure().length());
            v = Math.max(v, r.value().length());
            t = Math.max(t, r.target().length());
        }
        String format = "| %-" + f + "s | %" + v + "s | %-" + t + "s | %-6s | %4s |%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, format, "figure", "value", "target", "", "load"));
        out.append("|").append("-".repeat(f + 2)).append("|").append("-".repeat(v + 2)).append("|")
                .append("-".repeat(t + 2)).append("|--------|------|\n");
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, format, r.figure(), r.value(), r.target(), r.verdict(),
                    num(r.load(), 1)));
        }
        return out.toString();
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, table(), StandardCharsets.UTF_8);
    }

    /** A number with thousands separators and {@code decimals} places, locale-independent. */
    public static String num(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
