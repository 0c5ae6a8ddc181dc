package dev.acumat.analytics.evaluation;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A labels file ({@code LabelledRecordings}' format) for PhysioNet PMD's directories as PhysioNet
 * publishes them, for evaluating on all their frames rather than the subset in data/: experiment
 * I ({@code S<s>/<n>.txt} and {@code labels.csv}; 64 x 32 at 28 mm, columns the other way round)
 * and experiment II ({@code S<s>/<Air|Sponge>_Mat/Matrix_*_<posture>.txt}; 64 x 27 at 28 x 35 mm,
 * head at the last row). The sides of experiment II's postures are as data/README.md gives them;
 * G1-G3 are left out, and S8, a near copy of S4, counts as S4.
 */
final class PmdDirectories {
    static final Map<String, String> EXPERIMENT_TWO_SIDES = Map.of("C", "right", "D", "left", "E1", "right",
            "E2", "right", "E5", "right", "E3", "left", "E4", "left", "E6", "left");

    private PmdDirectories() {
    }

    /** Writes the labels of whichever directories are given (null: left out); returns false when none is. */
    static boolean write(Path experimentOne, Path experimentTwo, Path out) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            w.println("file,mat,subject,posture,frames,rows,cols,row_pitch_mm,col_pitch_mm,order");
            if (experimentOne != null) {
                List<String> lines = Files.readAllLines(experimentOne.resolve("labels.csv"), StandardCharsets.UTF_8);
                List<String> header = List.of(lines.get(0).split(","));
                for (String line : lines.subList(1, lines.size())) {
                    if (line.isBlank()) {
                        continue;
                    }
                    String[] f = line.split(",");
                    String file = f[header.indexOf("file")];
                    int first = Integer.parseInt(f[header.indexOf("first_valid_frame_idx")]);
                    w.printf(Locale.ROOT, "%s,pmd1,pmd1-S%s,%s,%d-,64,32,28,28,flip-cols%n",
                            experimentOne.resolve(file).toAbsolutePath(), f[header.indexOf("subject")],
                            f[header.indexOf("coarse_class")].trim().toLowerCase(Locale.ROOT), first);
                }
            }
            if (experimentTwo != null) {
                List<Path> files;
                try (Stream<Path> s = Files.walk(experimentTwo)) {
                    files = s.filter(p -> p.getFileName().toString().startsWith("Matrix_")).sorted().toList();
                }
                for (Path p : files) {
                    String name = p.getFileName().toString();
                    String code = name.substring(name.lastIndexOf('_') + 1, name.length() - 4);
                    String posture = code.startsWith("B") || code.startsWith("F") ? "supine"
                            : EXPERIMENT_TWO_SIDES.getOrDefault(code, EXPERIMENT_TWO_SIDES.get(code.substring(0, 1)));
                    if (posture == null) {
                        continue;  // G1-G3
                    }
                    String s = p.getParent().getParent().getFileName().toString();
                    String subject = "pmd2-" + (s.equals("S8") ? "S4" : s);
                    w.printf(Locale.ROOT, "%s,pmd2,%s,%s,,64,27,28,35,flip-rows%n", p.toAbsolutePath(), subject,
                            posture);
                }
            }
        }
        return experimentOne != null || experimentTwo != null;
    }
}
