package dev.acumat.analytics.influx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.influxdb.InfluxDB;
import org.junit.jupiter.api.Test;

/**
 * docs/INFLUXDB.md and {@link InfluxSchema} name the same measurements, fields and types: a point
 * with every field set is held to its measurement's table in the document, and back.
 */
class InfluxSchemaDocumentedTest {
    private static final Path DOC = Path.of("..", "docs", "INFLUXDB.md");
    private static final long T = 1790000000123L;
    /** A posture's time field stands in the document as one pattern. */
    private static final Pattern POSTURE_TIME = Pattern.compile("time_[a-z]+_s");

    @Test
    void contactPointsAreAsDocumented() throws IOException {
        ContactPoint full = ContactPoint.of("mat-1", T, 0.41, 1270.5, 0.62, 11.8, 3.1, 22.1, 36.4, "supine")
                .withExtras("kPa", 262, 412.0);
        assertThat(fieldsOf(full)).isEqualTo(documented(InfluxSchema.CONTACT));
    }

    @Test
    void sessionPointsAreAsDocumented() throws IOException {
        SessionPoint full = SessionPoint.of("mat-1", T, "mat-1." + T, 600.0, 0.58, 431.2, 4, false)
                .withPostures(Map.of("supine", 540.0, "left", 60.0), "got-off");
        assertThat(fieldsOf(full)).isEqualTo(documented(InfluxSchema.SESSION));
    }

    @Test
    void postureShiftPointsAreAsDocumented() throws IOException {
        ShiftPoint full = ShiftPoint.of("mat-1", T, "mat-1." + T, "supine", "left", 6.3);
        assertThat(fieldsOf(full)).isEqualTo(documented(InfluxSchema.POSTURE_SHIFT));
    }

    @Test
    void deviceHealthPointsAreAsDocumented() throws IOException {
        HealthPoint full = new HealthPoint("mat-1", T, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 25.0);
        assertThat(fieldsOf(full)).isEqualTo(documented(InfluxSchema.DEVICE_HEALTH));
    }

    @Test
    void theRollupIsAsDocumented() throws IOException {
        String select = new InfluxSetup(unusedClient(), "acumat").rollupSelect("");
        Map<String, String> written = new TreeMap<>();
        Matcher m = Pattern.compile("(\\w+)\\(\"\\w+\"\\) AS \"(\\w+)\"").matcher(select);
        while (m.find()) {
            // count() gives an integer; mean() and max() of a float give a float; mode() of a string a string.
            String type = switch (m.group(1)) {
                case "count" -> "integer";
                case "mode" -> "string";
                default -> "float";
            };
            written.put(m.group(2), type);
        }
        assertThat(written).isEqualTo(documented(InfluxSchema.CONTACT_1M));
        assertThat(select).contains("INTO \"acumat\".\"" + InfluxSetup.ROLLUP_POLICY + "\".\"" + InfluxSchema.CONTACT_1M);
    }

    @Test
    void theTagAndPoliciesAreAsDocumented() throws IOException {
        String doc = doc();
        assertThat(doc).contains("one tag, `" + InfluxSchema.TAG_MAT + "`")
                .contains("| `" + InfluxSetup.RAW_POLICY + "` | " + InfluxSetup.RAW_DURATION.toDays() + " days | yes |")
                .contains("| `" + InfluxSetup.ROLLUP_POLICY + "` | " + InfluxSetup.ROLLUP_DURATION.toDays()
                        + " days | no |");
        assertThat(InfluxSchema.PRECISION).hasToString("MILLISECONDS");
        assertThat(doc).contains("millisecond precision");
    }

    /** The fields of a record's point and their line-protocol types, by name. */
    private static Map<String, String> fieldsOf(SinkPoint record) {
        String line = InfluxSchema.point(record).orElseThrow().lineProtocol(InfluxSchema.PRECISION);
        String fieldSet = line.substring(line.indexOf(' ') + 1, line.lastIndexOf(' '));
        Map<String, String> fields = new TreeMap<>();
        // No value in these records has a comma, a quote or an equals sign inside it.
        for (String field : fieldSet.split(",")) {
            String name = field.substring(0, field.indexOf('='));
            String value = field.substring(field.indexOf('=') + 1);
            String type = value.startsWith("\"") ? "string"
                    : value.equals("true") || value.equals("false") ? "boolean"
                    : value.endsWith("i") ? "integer" : "float";
            fields.put(POSTURE_TIME.matcher(name).matches() ? "time_<posture>_s" : name, type);
        }
        return fields;
    }

    /** The field table of a measurement's section: name to its type (the type cell's first word). */
    private static Map<String, String> documented(String measurement) throws IOException {
        String doc = doc();
        Matcher heading = Pattern.compile("^### `" + Pattern.quote(measurement) + "`.*$", Pattern.MULTILINE)
                .matcher(doc);
        assertThat(heading.find()).as("a section for %s in docs/INFLUXDB.md", measurement).isTrue();
        int end = doc.indexOf("\n#", heading.end());
        String section = doc.substring(heading.end(), end < 0 ? doc.length() : end);
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher row = Pattern.compile("^\\| `([^`]+)` \\| ([a-z]+)", Pattern.MULTILINE).matcher(section);
        while (row.find()) {
            fields.put(row.group(1), row.group(2));
        }
        return new TreeMap<>(fields);
    }

    private static String doc() throws IOException {
        return Files.readString(DOC, StandardCharsets.UTF_8);
    }

    /** InfluxSetup wants a client; building its SELECT never calls it. */
    private static InfluxDB unusedClient() {
        return (InfluxDB) Proxy.newProxyInstance(InfluxDB.class.getClassLoader(), new Class<?>[] {InfluxDB.class},
                (proxy, method, args) -> {
                    throw new AssertionError("not called: " + method.getName());
                });
    }
}
