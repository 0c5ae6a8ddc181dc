package dev.acumat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every committed test vector decodes to its expected content, and every single message re-encodes to its bytes. */
class TestVectorsTest {
    static final Path VECTORS = Path.of("vectors");

    static Stream<String> vectors() throws IOException {
        try (Stream<Path> files = Files.list(VECTORS)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".bin")).map(n -> n.substring(0, n.length() - 4)).sorted().toList();
            assertThat(names).hasSizeGreaterThanOrEqualTo(10);
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void decodesToTheExpectedContent(String name) throws IOException {
        byte[] bin = Files.readAllBytes(VECTORS.resolve(name + ".bin"));
        List<VectorFile.Expected> expected = VectorFile.read(VECTORS.resolve(name + ".txt"));
        for (int chunk : new int[] {1, 3, 64, bin.length}) {
            StreamDecoder decoder = new StreamDecoder();
            Recorder r = new Recorder();
            for (int off = 0; off < bin.length; off += chunk) {
                decoder.feed(Arrays.copyOfRange(bin, off, Math.min(bin.length, off + chunk)), r);
            }
            List<Object> want = new ArrayList<>();
            for (VectorFile.Expected e : expected) {
                want.add(e.error() != null ? e.error() : e.message());
            }
            assertThat(r.events).as("%s fed in chunks of %d", name, chunk).containsExactlyElementsOf(want);
        }
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void singleMessagesEncodeToTheVectorBytes(String name) throws IOException {
        List<VectorFile.Expected> expected = VectorFile.read(VECTORS.resolve(name + ".txt"));
        if (expected.size() != 1 || expected.get(0).message() == null) {
            return;  // a stream vector: decode-only
        }
        VectorFile.Expected e = expected.get(0);
        byte[] bin = Files.readAllBytes(VECTORS.resolve(name + ".bin"));
        assertThat(bin[0]).as("start-up delimiter").isZero();
        assertThat(WireEncoder.encode(e.message())).isEqualTo(Arrays.copyOfRange(bin, 1, bin.length));
        if (e.encoding() != null) {
            byte encoding = MessageWriter.toBytes(e.message())[WireFormat.BODY_OFFSET + WireFormat.FRAME_ENCODING_OFFSET];
            assertThat(encoding == WireFormat.ENCODING_SPARSE ? "sparse" : "dense").isEqualTo(e.encoding());
        }
    }
}
