package dev.acumat.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes the seed inputs of {@link StreamFuzzTest} and {@link MessageFuzzTest} (files named {@code seed-*} in
 * their inputs directories): every test vector, and hand-made messages at the edges a fuzzer reaches slowly
 * (a body length of 4 GiB, a 256 x 256 frame in four bytes, counts past the end). The inputs
 * the fuzzer found beside them are kept as it wrote them. Run it again only when a seed is
 * added, from the module directory, after {@code mvn -q test-compile}:
 * {@code java -cp target/classes:target/test-classes dev.acumat.protocol.GenerateFuzzSeeds}
 */
public final class GenerateFuzzSeeds {
    private static final Path STREAMS = Path.of("src/test/resources/dev/acumat/protocol/StreamFuzzTestInputs/anyBytes");
    private static final Path MESSAGES = Path.of("src/test/resources/dev/acumat/protocol/MessageFuzzTestInputs/sealed");
    /** The first byte of a MessageFuzzTest input: bit 0 fixes the body length, bit 1 keeps the CRC. */
    private static final byte SEAL_CRC_ONLY = 0;

    private GenerateFuzzSeeds() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, byte[]> messages = new LinkedHashMap<>();
        List<Path> vectors;
        try (Stream<Path> files = Files.list(Path.of("vectors"))) {
            vectors = files.filter(p -> p.toString().endsWith(".bin")).sorted().toList();
        }
        for (Path v : vectors) {
            String name = v.getFileName().toString().replace(".bin", "");
            byte[] wire = Files.readAllBytes(v);
            write(STREAMS, name, wire);
            List<byte[]> unstuffed = unstuff(wire);
            if (unstuffed.size() == 1) {
                messages.put(name, unstuffed.get(0));
            }
        }
        messages.putAll(edges());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> m : messages.entrySet()) {
            byte[] input = new byte[m.getValue().length + 1];
            input[0] = SEAL_CRC_ONLY;
            System.arraycopy(m.getValue(), 0, input, 1, m.getValue().length);
            write(MESSAGES, m.getKey(), input);
            byte[] sealed = MessageFuzzTest.seal(input);
            write(STREAMS, m.getKey(), MessageFuzzTest.wire(sealed));
            all.writeBytes(MessageFuzzTest.wire(sealed));
        }
        write(STREAMS, "every_seed_in_one_stream", all.toByteArray());
    }

    /** Messages at the edges, before their CRC is sealed. */
    private static Map<String, byte[]> edges() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("body_length_4gib", frame(0xFFFF_FFFFL, 1, 1, WireFormat.ENCODING_DENSE, new byte[] {1, 0}));
        out.put("frame_256x256_in_4_bytes", frame(-1, 256, 256, WireFormat.ENCODING_SPARSE,
                new byte[] {(byte) 0x80, (byte) 0x80, 0x04, 0x00}));
        out.put("sparse_literals_past_the_end", frame(-1, 256, 256, WireFormat.ENCODING_SPARSE,
                new byte[] {0x00, (byte) 0xFF, (byte) 0xFF, 0x03, 1, 0}));
        out.put("sparse_varint_too_long", frame(-1, 2, 2, WireFormat.ENCODING_SPARSE,
                new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01, 0x00}));
        out.put("geometry_0x5", frame(-1, 0, 5, WireFormat.ENCODING_DENSE, new byte[0]));
        out.put("geometry_257x1", frame(-1, 257, 1, WireFormat.ENCODING_DENSE, new byte[514]));
        out.put("unknown_cell_encoding", frame(-1, 1, 1, 7, new byte[] {1, 0}));
        byte[] info = MessageWriter.toBytes(Frames.deviceInfo());
        byte[] pointsClaimed = info.clone();
        int pointsCount = pointsClaimed.length - WireFormat.CRC_LENGTH - 2 * WireFormat.CALIBRATION_POINT_BYTES - 1;
        pointsClaimed[pointsCount] = (byte) 255;
        out.put("device_info_255_points_claimed", pointsClaimed);
        byte[] idTooLong = info.clone();
        idTooLong[WireFormat.BODY_OFFSET] = (byte) 200;
        out.put("device_info_id_longer_than_the_body", idTooLong);
        byte[] version = MessageWriter.toBytes(InfoRequest.INSTANCE);
        version[WireFormat.VERSION_OFFSET] = 2;
        out.put("version_2", version);
        return out;
    }

    /** A pressure frame message; {@code declaredLength} -1 declares the true body length. */
    private static byte[] frame(long declaredLength, int rows, int cols, int encoding, byte[] cells) {
        int body = WireFormat.FRAME_CELLS_OFFSET + cells.length;
        byte[] m = new byte[WireFormat.OVERHEAD + body];
        m[WireFormat.VERSION_OFFSET] = WireFormat.VERSION;
        m[WireFormat.TYPE_OFFSET] = WireFormat.TYPE_PRESSURE_FRAME;
        LittleEndian.putU32(m, WireFormat.BODY_LENGTH_OFFSET, declaredLength < 0 ? body : declaredLength);
        int b = WireFormat.BODY_OFFSET;
        LittleEndian.putU32(m, b + WireFormat.FRAME_SEQ_OFFSET, 7);
        LittleEndian.putU64(m, b + WireFormat.FRAME_TIME_OFFSET, 280_000);
        LittleEndian.putU16(m, b + WireFormat.FRAME_ROWS_OFFSET, rows);
        LittleEndian.putU16(m, b + WireFormat.FRAME_COLS_OFFSET, cols);
        m[b + WireFormat.FRAME_ENCODING_OFFSET] = (byte) encoding;
        System.arraycopy(cells, 0, m, b + WireFormat.FRAME_CELLS_OFFSET, cells.length);
        return m;
    }

    private static List<byte[]> unstuff(byte[] wire) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= wire.length; i++) {
            if (i == wire.length || wire[i] == 0) {
                if (i > start) {
                    byte[] run = java.util.Arrays.copyOfRange(wire, start, i);
                    int n = Cobs.decodeInPlace(run, run.length);
                    if (n >= 0) {
                        out.add(java.util.Arrays.copyOf(run, n));
                    }
                }
                start = i + 1;
            }
        }
        return out;
    }

    private static void write(Path dir, String name, byte[] bytes) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("seed-" + name), bytes);
    }
}
