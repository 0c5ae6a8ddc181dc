package dev.acumat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the C reference encoder (c/acumat_protocol.c) with gcc and holds it to the committed
 * test vectors byte for byte, through the host harness c/test/vector_check.c. gcc is required:
 * without it this test fails rather than skips, because a silently skipped check is how a
 * firmware encoder drifts from the gateway's decoder. {@code -Dacumat.cc=...} picks another
 * gcc-compatible compiler.
 */
class CReferenceEncoderTest {
    private static final List<String> STRICT = List.of("-std=c99", "-pedantic", "-Wall", "-Wextra", "-Werror");
    /** Freestanding C99 headers, and string.h, which every freestanding gcc target provides too. */
    private static final Set<String> ALLOWED_HEADERS = Set.of("stdint.h", "stddef.h", "stdbool.h", "string.h");
    /** gcc may emit calls to these even with -ffreestanding; any other undefined symbol is a libc dependency. */
    private static final Set<String> ALLOWED_UNDEFINED = Set.of("memcpy", "memmove", "memset", "memcmp");

    private static final Path MODULE = ToolRun.MODULE;
    private static final Path C_DIR = MODULE.resolve("c");
    private static final Path LIBRARY = C_DIR.resolve("acumat_protocol.c");
    private static final Path HEADER = C_DIR.resolve("acumat_protocol.h");
    private static final Path HARNESS = C_DIR.resolve("test").resolve("vector_check.c");
    private static final Path VECTORS = MODULE.resolve("vectors");

    @TempDir
    Path tmp;

    @Test
    void encoderMatchesEveryVectorByteForByte() throws IOException, InterruptedException {
        List<Path> single = new ArrayList<>();
        List<Path> streams = new ArrayList<>();
        for (Path txt : vectorTexts()) {
            (isSingleMessage(txt) ? single : streams).add(txt);
        }
        assertThat(single).as("single-message vectors in %s", VECTORS)
                .extracting(p -> p.getFileName().toString())
                .contains("info_request.txt", "device_info_calibrated.txt", "frame_16x16_no_zero_bytes.txt");

        Path exe = tmp.resolve("vector_check");
        List<String> compile = new ArrayList<>(List.of(compiler()));
        compile.addAll(STRICT);
        compile.addAll(List.of("-O2", LIBRARY.toString(), HARNESS.toString(), "-o", exe.toString()));
        run(compile).assertSucceeded("compiling library and harness");

        List<String> check = new ArrayList<>(List.of(exe.toString()));
        for (Path txt : streams) {
            check.add("--rx-stream");
            check.add(binFor(txt).toString());
        }
        single.forEach(p -> check.add(p.toString()));
        ToolRun result = run(check);
        result.assertSucceeded("vector_check");
        assertThat(result.output()).as("harness summary").contains(single.size() + " vectors ok");
    }

    @Test
    void libraryBuildsFreestandingWithoutGlobalStateOrLibc() throws IOException, InterruptedException {
        Path object = tmp.resolve("acumat_protocol.o");
        List<String> compile = new ArrayList<>(List.of(compiler()));
        compile.addAll(STRICT);
        compile.addAll(List.of("-Wconversion", "-Wsign-conversion", "-Wshadow", "-Wstrict-prototypes",
                "-Wmissing-prototypes", "-Wundef", "-Wcast-qual", "-ffreestanding", "-O2", "-c",
                LIBRARY.toString(), "-o", object.toString()));
        run(compile).assertSucceeded("freestanding compile");

        ToolRun nm = run(List.of("nm", object.toString()));
        nm.assertSucceeded("nm (binutils, installed with gcc)");
        List<String> mutable = new ArrayList<>();
        Set<String> undefined = new TreeSet<>();
        for (String line : nm.output().split("\\R")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2 && f[0].equals("U")) {
                undefined.add(f[1]);
            } else if (f.length == 3 && "bBdDcCgGsS".indexOf(f[1].charAt(0)) >= 0) {
                mutable.add(f[2]);
            }
        }
        assertThat(mutable).as("writable data or bss: the library must keep no global state").isEmpty();
        assertThat(undefined).as("external symbols the library needs").isSubsetOf(ALLOWED_UNDEFINED);
    }

    @Test
    void libraryIncludesOnlyAllowedHeadersAndNoAllocator() throws IOException {
        Pattern include = Pattern.compile("^\\s*#\\s*include\\s*([<\"])([^>\"]+)[>\"]", Pattern.MULTILINE);
        Pattern allocator = Pattern.compile("\\b(malloc|calloc|realloc|free)\\s*\\(");
        for (Path file : List.of(HEADER, LIBRARY)) {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            Matcher m = include.matcher(source);
            List<String> headers = new ArrayList<>();
            while (m.find()) {
                headers.add(m.group(2));
                boolean own = m.group(1).equals("\"") && m.group(2).equals("acumat_protocol.h");
                assertThat(own || m.group(1).equals("<") && ALLOWED_HEADERS.contains(m.group(2)))
                        .as("%s includes %s; allowed: %s and \"acumat_protocol.h\"", file.getFileName(),
                                m.group(0).trim(), ALLOWED_HEADERS)
                        .isTrue();
            }
            assertThat(headers).as("includes of %s", file.getFileName()).isNotEmpty();
            assertThat(allocator.matcher(source).find()).as("%s calls an allocator", file.getFileName()).isFalse();
        }
    }

    // ---- helpers ------------------------------------------------------------------------

    private static String compiler() {
        return System.getProperty("acumat.cc", "gcc");
    }

    private ToolRun run(List<String> command) throws IOException, InterruptedException {
        return ToolRun.run(MODULE, tmp, command, Map.of(), "The C reference encoder test needs gcc and binutils on"
                + " the PATH (Debian/Ubuntu: apt-get install gcc); use -Dacumat.cc=<compiler> for another"
                + " gcc-compatible compiler.");
    }

    private static List<Path> vectorTexts() throws IOException {
        try (Stream<Path> files = Files.list(VECTORS)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
        }
    }

    /** One "message" record and no "error" record: encodable on its own. */
    private static boolean isSingleMessage(Path txt) throws IOException {
        int messages = 0;
        int errors = 0;
        for (String line : Files.readAllLines(txt, StandardCharsets.UTF_8)) {
            String s = line.strip();
            if (s.equals("message") || s.startsWith("message ")) {
                messages++;
            } else if (s.equals("error") || s.startsWith("error ")) {
                errors++;
            }
        }
        return messages == 1 && errors == 0;
    }

    private static Path binFor(Path txt) {
        String name = txt.getFileName().toString();
        return txt.resolveSibling(name.substring(0, name.length() - ".txt".length()) + ".bin");
    }
}
