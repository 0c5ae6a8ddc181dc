package dev.acumat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the simulator's truth file ({@code simulate --truth}) says of a session: its length, its
 * posture shifts, and the time and mean lower-back coverage lying supine.
 */
record SessionTruth(double sessionSeconds, int shifts, double meanSupineCoverage, double supineSeconds) {
    static SessionTruth read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        double start = Double.NaN;
        double end = Double.NaN;
        int shifts = 0;
        double coverageSum = 0;
        double coverageTime = 0;
        double supineTime = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode n = json.readTree(line);
            switch (n.path("kind").asText()) {
                case "session_end" -> {
                    start = n.path("start_s").asDouble();
                    end = n.path("end_s").asDouble();
                }
                case "shift" -> shifts++;
                case "interval" -> {
                    if ("supine".equals(n.path("posture").asText())) {
                        double t = n.path("end_s").asDouble() - n.path("start_s").asDouble();
                        supineTime += t;
                        if (n.hasNonNull("lumbar_coverage")) {
                            coverageSum += n.path("lumbar_coverage").asDouble() * t;
                            coverageTime += t;
                        }
                    }
                }
                default -> {
                }
            }
        }
        return new SessionTruth(end - start, shifts, coverageSum / coverageTime, supineTime);
    }
}
