package dev.acumat.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/TOPICS.md and this module name the same topics, headers and fields. */
class TopicsDocumentedTest {
    private static final Path DOC = Path.of("..", "docs", "TOPICS.md");

    @Test
    void everyTopicHasItsSection() throws IOException {
        Set<String> sections = new TreeSet<>();
        Matcher m = Pattern.compile("^#{2,3} `([^`]+)`", Pattern.MULTILINE).matcher(doc());
        while (m.find()) {
            sections.add(m.group(1));
        }
        assertThat(sections).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    @Test
    void everyHeaderIsDescribed() throws IOException {
        Set<String> described = new TreeSet<>();
        Matcher m = Pattern.compile("\\| header `([^`]+)` \\|").matcher(doc());
        while (m.find()) {
            described.add(m.group(1));
        }
        assertThat(described).containsExactlyInAnyOrderElementsOf(PipelineHeaders.ALL);
    }

    @Test
    void everyNameOfTheFormInTheDocumentIsATopicOrAHeader() throws IOException {
        List<String> known = new ArrayList<>(Topics.ALL);
        known.addAll(PipelineHeaders.ALL);
        // Not a Java package (dev.acumat.contract).
        Matcher m = Pattern.compile("(?<![\\w.])acumat\\.[a-z][a-z-]*").matcher(doc());
        while (m.find()) {
            assertThat(known).as("%s in docs/TOPICS.md", m.group()).contains(m.group());
        }
    }

    @Test
    void everyFieldOfAJsonRecordIsInItsExample() throws IOException {
        assertThat(exampleFields("acumat.contact")).containsExactlyElementsOf(RecordLayouts.Contact.FIELDS);
        assertThat(exampleFields("acumat.sessions")).containsExactlyElementsOf(RecordLayouts.Session.FIELDS);
        assertThat(exampleFields("acumat.posture-shifts")).containsExactlyElementsOf(RecordLayouts.PostureShift.FIELDS);
        assertThat(exampleFields("acumat.device-health")).containsExactlyElementsOf(RecordLayouts.DeviceHealth.FIELDS);
    }

    @Test
    void theDefaultPartitionsAreTheDocumented() throws IOException {
        assertThat(doc()).contains("when missing: " + Topics.DEFAULT_FRAMES_PARTITIONS + " partitions")
                .contains("min(" + Topics.OTHER_PARTITIONS + ", `--partitions`) partitions")
                .contains("Compacted (a mat's latest record is what counts), " + Topics.OTHER_PARTITIONS + " partitions");
    }

    /** The top-level field names of the JSON example in a topic's section, in their order. */
    private static List<String> exampleFields(String topic) throws IOException {
        String doc = doc();
        int section = doc.indexOf("`" + topic + "`\n");
        assertThat(section).as("section of %s", topic).isPositive();
        int start = doc.indexOf("```json\n", section);
        String json = doc.substring(start + 8, doc.indexOf("```", start + 8));
        // The top level's names only: what is inside a nested object is a map's keys.
        String flat = json.replaceAll("\\{[^{}]*}(?=\\s*[,}])", "{}");
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\"([a-z0-9_]+)\":").matcher(flat.substring(1));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String doc() throws IOException {
        return Files.readString(DOC, StandardCharsets.UTF_8);
    }

}
