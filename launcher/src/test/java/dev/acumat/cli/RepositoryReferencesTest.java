package dev.acumat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository stands alone: every document it cites is in it. A relative link in a Markdown
 * file must lead to a file or folder of the repository, and a document named anywhere (a
 * {@code PROTOCOL.md} in a Javadoc, {@code docs/WEB.md} in a script) must exist, at that path
 * when one is given. A contract that lives only outside the repository is one a user cannot read.
 */
class RepositoryReferencesTest {
    private static final Path ROOT = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    /** A Markdown document named the way this repository names them: capitals, e.g. TOPICS.md. */
    private static final Pattern MENTION = Pattern.compile("(?<![\\w/.-])((?:[\\w.-]+/)*[A-Z][A-Z0-9_-]*\\.md)\\b");
    private static final Pattern TEXT = Pattern.compile(".*\\.(md|java|js|html|css|c|h|ino|py|sh|properties|xml)"
            + "|acumat|run-tests|ensure-packages|bench|evaluate|soak|train-posture-models|make-pmd-data");
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", "node_modules", "__pycache__", "data");

    @Test
    void everyDocumentTheRepositoryCitesIsInIt() throws IOException {
        List<Path> files = files();
        Set<String> names = new HashSet<>();
        files.forEach(f -> names.add(f.getFileName().toString()));
        assertThat(names).as("the repository at %s", ROOT).contains("README.md", "PROTOCOL.md", "TOPICS.md");
        List<String> missing = new ArrayList<>();
        for (Path f : files) {
            if (!TEXT.matcher(f.getFileName().toString()).matches()) {
                continue;
            }
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (MalformedInputException e) {
                continue;  // not text
            }
            String where = ROOT.relativize(f).toString();
            if (f.toString().endsWith(".md")) {
                Matcher m = LINK.matcher(text);
                while (m.find()) {
                    String target = m.group(1);
                    if (target.matches("(https?|mailto):.*|#.*")) {
                        continue;
                    }
                    Path p = f.getParent().resolve(target.replaceFirst("#.*", "")).normalize();
                    if (!Files.exists(p)) {
                        missing.add(where + ": link to " + target);
                    }
                }
            }
            Matcher m = MENTION.matcher(text);
            while (m.find()) {
                String doc = m.group(1);
                boolean found = doc.contains("/")
                        ? Files.exists(f.getParent().resolve(doc).normalize()) || Files.exists(ROOT.resolve(doc))
                                || names.contains(Path.of(doc).getFileName().toString())
                        : names.contains(doc);
                if (!found) {
                    missing.add(where + ": names " + doc);
                }
            }
        }
        assertThat(missing).as("references to documents the repository does not have").isEmpty();
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        for (Path part : ROOT.relativize(p)) {
                            if (SKIPPED_DIRS.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .toList();
        }
    }
}
