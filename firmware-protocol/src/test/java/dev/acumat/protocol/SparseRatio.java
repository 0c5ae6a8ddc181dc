package dev.acumat.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures what the sparse encoding saves on real pressure maps (PROTOCOL.md, section 11.2):
 * for every frame of the PhysioNet PMD development subset, the wire size of the frame forced
 * dense over its wire size as the encoder sends it, at firmware deadbands 0 and 20. Not a
 * test: run it by hand with a directory of PhysioNet PMD experiment I recordings as argument,
 * from the module directory:
 * {@code java -cp target/classes:target/test-classes dev.acumat.protocol.SparseRatio PMD_DIR}
 */
public final class SparseRatio {
    private SparseRatio() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        List<String> labels = Files.readAllLines(dir.resolve("labels.csv"), StandardCharsets.US_ASCII);
        List<String> head = Arrays.asList(labels.get(0).split(","));
        int fileCol = head.indexOf("file");
        int validCol = head.indexOf("first_valid_frame_idx");
        int emptyCol = head.indexOf("near_empty_frame_idx");
        for (int deadband : new int[] {0, 20}) {
            List<Double> valid = new ArrayList<>();
            List<Double> empty = new ArrayList<>();
            List<Integer> sentValid = new ArrayList<>();
            for (String row : labels.subList(1, labels.size())) {
                String[] f = row.split(",");
                List<String> lines = Files.readAllLines(dir.resolve(f[fileCol]), StandardCharsets.US_ASCII);
                int first = Integer.parseInt(f[validCol]);
                int emptyIdx = f[emptyCol].isEmpty() ? -1 : Integer.parseInt(f[emptyCol]);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).isBlank() || (i < first && i != emptyIdx)) {
                        continue;
                    }
                    int[] v = Arrays.stream(lines.get(i).strip().split("\\s+")).mapToInt(Integer::parseInt).toArray();
                    for (int k = 0; k < v.length; k++) {
                        v[k] = v[k] <= deadband ? 0 : v[k];
                    }
                    PressureFrame frame = new PressureFrame(i, i * 1_000_000L, 64, 32, v);
                    int dense = WireEncoder.frame(MessageWriter.frameBytes(frame, false)).length;
                    int sent = WireEncoder.encode(frame).length;
                    if (i >= first) {
                        valid.add((double) dense / sent);
                        sentValid.add(sent);
                    } else {
                        empty.add((double) dense / sent);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "deadband %d: %d valid frames, dense/sent %s, bytes sent mean %.0f%n",
                    deadband, valid.size(), summary(valid), sentValid.stream().mapToInt(x -> x).average().orElse(0));
            System.out.printf(Locale.ROOT, "deadband %d: %d near-empty frames, dense/sent %s%n", deadband, empty.size(),
                    summary(empty));
        }
    }

    private static String summary(List<Double> xs) {
        double[] s = xs.stream().mapToDouble(d -> d).sorted().toArray();
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        return String.format(Locale.ROOT, "mean %.2f median %.2f min %.2f max %.2f",
                Arrays.stream(s).average().orElse(0), median, s[0], s[n - 1]);
    }
}
