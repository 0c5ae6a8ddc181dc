package dev.acumat.analytics.body;

import dev.acumat.analytics.frame.Baseline;
import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.analytics.frame.PressureMap;
import dev.acumat.analytics.frame.PressureMapper;
import dev.acumat.contract.Posture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Frames of the PhysioNet pressure map dataset (PMD, experiment I): 64 x 32 raw 12-bit counts
 * of a bed-size mat at about 28 mm, row 0 at the head end, one frame per line.
 *
 * <p>PMD's columns run the other way round from ours: its column 0 lies under the supine
 * person's LEFT side (see docs/ANALYTICS.md for the evidence: knees, the lower arm and the
 * wedges). Frames are therefore mirrored across the mat here, so that PMD's "Right" label means
 * what our {@link Posture#RIGHT} means. Background (1..20 counts) stays below the uncalibrated
 * contact threshold (41 counts), so a zero baseline serves.
 */
final class PmdFrames {
    static final int ROWS = 64;
    static final int COLS = 32;
    static final MatSpec SPEC = MatSpec.raw("pmd", ROWS, COLS, 28, 12);

    /** One labelled file of the set: subject 1..4, our posture (supine, left or right), the first valid frame. */
    record Entry(String file, int subject, int postureIndex, Posture posture, int firstValid) {
    }

    private final PressureMapper mapper = new PressureMapper(SPEC);
    private final Baseline zero = new Baseline(SPEC.cells());

    private PmdFrames() {
    }

    /** A converter of lines to maps; the map it returns is reused by the next call. */
    static PmdFrames converter() {
        return new PmdFrames();
    }

    /** Parses one line of a PMD file into raw counts in our orientation (mirrored across the mat). */
    static int[] parse(String line) {
        String[] t = line.trim().split("[\\s,]+");
        if (t.length != ROWS * COLS) {
            throw new IllegalArgumentException("a PMD frame has " + ROWS * COLS + " values, not " + t.length);
        }
        int[] raw = new int[ROWS * COLS];
        for (int i = 0; i < raw.length; i++) {
            int r = i / COLS;
            int c = i % COLS;
            raw[r * COLS + (COLS - 1 - c)] = Integer.parseInt(t[i]);
        }
        return raw;
    }

    /** The pressure map of one frame (raw counts above a zero baseline). */
    PressureMap map(int[] raw) {
        return mapper.map(raw, zero);
    }

    /** The labelled files listed in {@code labels.csv} of the PMD directory. */
    static List<Entry> entries(Path dir) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("labels.csv"), StandardCharsets.UTF_8);
            String[] header = lines.get(0).split(",");
            int file = col(header, "file");
            int subject = col(header, "subject");
            int index = col(header, "posture_index");
            int coarse = col(header, "coarse_class");
            int first = col(header, "first_valid_frame_idx");
            List<Entry> out = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                out.add(new Entry(f[file], Integer.parseInt(f[subject]), Integer.parseInt(f[index]),
                        Posture.valueOf(f[coarse].trim().toUpperCase(Locale.ROOT)), Integer.parseInt(f[first])));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The valid frames of one file, every {@code step}-th. */
    static List<int[]> frames(Path dir, Entry e, int step) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(e.file()), StandardCharsets.UTF_8);
            List<int[]> out = new ArrayList<>();
            for (int i = e.firstValid(); i < lines.size(); i += step) {
                if (!lines.get(i).isBlank()) {
                    out.add(parse(lines.get(i)));
                }
            }
            return out;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static int col(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].trim().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("labels.csv has no column " + name);
    }
}
