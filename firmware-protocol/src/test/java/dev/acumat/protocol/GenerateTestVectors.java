package dev.acumat.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Writes the files under firmware-protocol/vectors. The committed files are the reference;
 * TestVectorsTest checks that this codec still agrees with them. Run it again only when a
 * vector is added, from the module directory, after {@code mvn -q test-compile}:
 * {@code java -cp target/classes:target/test-classes dev.acumat.protocol.GenerateTestVectors}
 */
public final class GenerateTestVectors {
    private static final Path DIR = Path.of("vectors");

    public static void main(String[] args) throws IOException {
        Files.createDirectories(DIR);
        single("info_request", "Host to device: asks the mat for its device-info. Empty body.", InfoRequest.INSTANCE);
        single("device_info_uncalibrated", "A bed-size mat without calibration: values are raw counts.",
                new DeviceInfo("bed-7", 0, 9, 1, 64, 32, 29_700, 28_100, 12, 1_000_000, 0, List.of()));
        single("device_info_calibrated", "A 32 x 20 acupressure mat at 22 mm, 25 Hz, 12-bit ADC, deadband 12,\n"
                        + "with an 8-point calibration (raw count : pascals).",
                new DeviceInfo("mat-0001", 1, 2, 3, 32, 20, 22_000, 22_000, 12, 40_000, 12, List.of(
                        new CalibrationPoint(13, 0), new CalibrationPoint(200, 1_000),
                        new CalibrationPoint(650, 3_500), new CalibrationPoint(1_200, 7_500),
                        new CalibrationPoint(1_900, 15_000), new CalibrationPoint(2_600, 27_000),
                        new CalibrationPoint(3_300, 50_000), new CalibrationPoint(4_000, 120_000))));
        single("mat_layout_lumbar_pad", "A 16 x 16 lumbar pad whose firmware scans its grid back and forth (serpentine)\n"
                        + "and has column 0 on the other side (flip-cols): cell_order 0x0a, layout 3.",
                MatLayout.of(CellOrder.of(false, true, false, true), MatKind.LUMBAR_PAD));
        single("mat_layout_not_stated", "A mat wired in acumat's order that does not say what kind it is: both bytes 0.",
                MatLayout.of(CellOrder.NONE, MatKind.NOT_STATED));
        single("frame_1x1_dense", "The smallest frame: one cell.",
                frame(0, 0, 1, 1, new int[] {4095}));
        single("frame_2x3_dense", "Sparse would take 12 bytes, as many as dense: dense is used (sparse only when\n"
                        + "strictly smaller). Values at the edges of the byte ranges.",
                frame(1, 40_000, 2, 3, new int[] {0, 1, 255, 256, 4095, 65535}));
        single("frame_u32_u64_byte_order", "Sequence 0xFEDCBA98 and device time 0x0123456789AB us show the byte order.",
                frame(0xFEDC_BA98L, 0x0123_4567_89ABL, 1, 2, new int[] {0x1234, 0xABCD}));
        single("frame_8x6_sparse", "A small contact patch on an 8 x 6 mat: sparse runs.",
                frame(42, 1_680_000, 8, 6, blob(8, 6, 3.5, 2.5, 2.0, 3000)));
        single("frame_empty_32x20", "An empty 32 x 20 mat: one run of 640 zeros and no literals.",
                frame(7, 280_000, 32, 20, new int[640]));
        int[] noZeroBytes = new int[256];
        for (int i = 0; i < noZeroBytes.length; i++) {
            noZeroBytes[i] = 0x0101 + (i * 0x0101) % 0xFEFE;
        }
        single("frame_16x16_no_zero_bytes", "512 cell bytes without a zero: COBS blocks of 254 bytes (code 0xFF).",
                frame(3, 120_000, 16, 16, noZeroBytes));
        int[] blockEnd = new int[125];
        for (int i = 0; i < blockEnd.length; i++) {
            blockEnd[i] = 0x0101 + i;
        }
        single("frame_1x125_cobs_block_end", "The message ends exactly at a full COBS block of 254 bytes: the encoder\n"
                        + "still writes a final code byte 0x01 before the delimiter.",
                frame(1, 1, 1, 125, blockEnd));
        single("frame_128x128_empty", "An empty 128 x 128 mat: the zero run of 16384 needs a 3-byte LEB128 (80 80 01).",
                frame(9, 360_000, 128, 128, new int[128 * 128]));
        single("frame_128x128_sparse", "The largest required geometry, 128 x 128 at 16 bits, with a body-sized blob.",
                frame(100_000, 4_000_000_000L, 128, 128, blob(128, 128, 64, 50, 30, 60000)));
        single("frame_pmd_s1_supine", "A real 64 x 32 frame: PhysioNet PMD, subject S1, supine (S1/1.txt line 3),\n"
                        + "with the firmware's deadband at 20 counts (cells <= 20 sent as 0). See README.md.",
                frame(2, 2_000_000, 64, 32, pmdFrame()));
        streamWithErrors();
    }

    private static PressureFrame frame(long seq, long time, int rows, int cols, int[] values) {
        return new PressureFrame(seq, time, rows, cols, values);
    }

    private static int[] blob(int rows, int cols, double cr, double cc, double radius, int peak) {
        int[] v = new int[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double d2 = ((r - cr) * (r - cr) + (c - cc) * (c - cc)) / (radius * radius);
                v[r * cols + c] = d2 >= 1 ? 0 : (int) Math.round(peak * (1 - d2));
            }
        }
        return v;
    }

    private static int[] pmdFrame() throws IOException {
        Path source = Path.of("src/test/resources/pmd/S1-1-line3.txt");
        String[] cells = Files.readString(source, StandardCharsets.US_ASCII).strip().split("\\s+");
        int[] v = Arrays.stream(cells).mapToInt(Integer::parseInt).toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] <= 20 ? 0 : v[i];
        }
        return v;
    }

    private static void single(String name, String comment, Message m) throws IOException {
        byte[] wire = WireEncoder.encode(m);
        byte[] bin = new byte[wire.length + 1];
        System.arraycopy(wire, 0, bin, 1, wire.length);
        String encoding = null;
        if (m instanceof PressureFrame) {
            byte[] bytes = MessageWriter.toBytes(m);
            encoding = bytes[WireFormat.BODY_OFFSET + WireFormat.FRAME_ENCODING_OFFSET] == WireFormat.ENCODING_SPARSE
                    ? "sparse" : "dense";
        }
        write(name, comment, bin, List.of(VectorFile.Expected.message(m, encoding)));
    }

    /** A stream mixing good messages with every kind of rejected stretch that fits in a small file. */
    private static void streamWithErrors() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<VectorFile.Expected> expected = new ArrayList<>();
        out.writeBytes(new byte[] {0x55, 0x2A, (byte) 0xFF, 0x13});  // mid-message on connect: skipped, no error
        out.write(0);
        PressureFrame a = frame(10, 400_000, 2, 2, new int[] {1, 2, 3, 4});
        PressureFrame b = frame(11, 440_000, 2, 2, new int[] {0, 0, 0, 900});
        PressureFrame c = frame(12, 480_000, 2, 2, new int[] {5, 0, 7, 0});
        addMessage(out, expected, a);

        byte[] corrupt = MessageWriter.toBytes(b);
        corrupt[WireFormat.BODY_OFFSET + 20] ^= 0x01;  // one bit flipped in a cell
        addRaw(out, expected, corrupt, DecodeErrorType.BAD_CRC);
        addMessage(out, expected, b);

        byte[] v2 = MessageWriter.toBytes(c);
        v2[WireFormat.VERSION_OFFSET] = 2;
        addRaw(out, expected, reseal(v2), DecodeErrorType.UNKNOWN_VERSION);

        byte[] unknownType = MessageWriter.toBytes(c);
        unknownType[WireFormat.TYPE_OFFSET] = 0x7E;
        addRaw(out, expected, reseal(unknownType), DecodeErrorType.UNKNOWN_TYPE);

        byte[] lying = MessageWriter.toBytes(c);
        LittleEndian.putU32(lying, WireFormat.BODY_LENGTH_OFFSET, 1000);
        addRaw(out, expected, reseal(lying), DecodeErrorType.BAD_LENGTH);

        byte[] zeroRows = MessageWriter.toBytes(c);
        LittleEndian.putU16(zeroRows, WireFormat.BODY_OFFSET + WireFormat.FRAME_ROWS_OFFSET, 0);
        addRaw(out, expected, reseal(zeroRows), DecodeErrorType.MALFORMED);

        out.writeBytes(new byte[] {0x02, 0x05, 0x00});  // one unstuffed byte
        expected.add(VectorFile.Expected.error(DecodeErrorType.TOO_SHORT));
        out.writeBytes(new byte[] {0x09, 0x01, 0x02, 0x00});  // a COBS code pointing past the delimiter
        expected.add(VectorFile.Expected.error(DecodeErrorType.BAD_FRAMING));
        out.writeBytes(new byte[] {0x00, 0x00});  // idle delimiters: nothing
        addMessage(out, expected, c);
        write("stream_with_errors", "A stream as a receiver may see it: it joins mid-message (skipped silently),\n"
                + "then good frames around one of each rejected kind that fits in a small file.", out.toByteArray(),
                expected);
    }

    private static void addMessage(ByteArrayOutputStream out, List<VectorFile.Expected> expected, PressureFrame f) {
        out.writeBytes(WireEncoder.encode(f));
        byte[] bytes = MessageWriter.toBytes(f);
        String enc = bytes[WireFormat.BODY_OFFSET + WireFormat.FRAME_ENCODING_OFFSET] == 1 ? "sparse" : "dense";
        expected.add(VectorFile.Expected.message(f, enc));
    }

    private static void addRaw(ByteArrayOutputStream out, List<VectorFile.Expected> expected, byte[] message,
                               DecodeErrorType error) {
        out.writeBytes(WireEncoder.frame(message));
        expected.add(VectorFile.Expected.error(error));
    }

    private static byte[] reseal(byte[] message) {
        CRC32C crc = new CRC32C();
        crc.update(message, 0, message.length - WireFormat.CRC_LENGTH);
        LittleEndian.putU32(message, message.length - WireFormat.CRC_LENGTH, crc.getValue());
        return message;
    }

    private static void write(String name, String comment, byte[] bin, List<VectorFile.Expected> expected)
            throws IOException {
        Files.write(DIR.resolve(name + ".bin"), bin);
        Files.writeString(DIR.resolve(name + ".txt"), VectorFile.write(comment, expected), StandardCharsets.UTF_8);
    }
}
