package dev.acumat.protocol;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Turns a {@link Message} into its unstuffed bytes: header, body and CRC-32C. These bytes
 * are also what the gateway puts into Kafka; {@link WireEncoder} adds the serial framing.
 */
public final class MessageWriter {
    private MessageWriter() {
    }

    /** The message's bytes with header and CRC, without COBS stuffing or delimiter. */
    public static byte[] toBytes(Message message) {
        if (message instanceof PressureFrame frame) {
            return frameBytes(frame);
        }
        byte[] body = message instanceof DeviceInfo info ? deviceInfoBody(info)
                : message instanceof MatLayout layout ? matLayoutBody(layout) : new byte[0];
        byte[] out = new byte[WireFormat.OVERHEAD + body.length];
        System.arraycopy(body, 0, out, WireFormat.BODY_OFFSET, body.length);
        return seal(out, message.type(), body.length);
    }

    private static byte[] frameBytes(PressureFrame frame) {
        return frameBytes(frame, true);
    }

    /** With {@code allowSparse} false, always dense: for measuring what the sparse form saves. */
    static byte[] frameBytes(PressureFrame frame, boolean allowSparse) {
        int dense = WireFormat.FRAME_CELLS_OFFSET + 2 * frame.cells();
        int sparse = allowSparse ? WireFormat.FRAME_CELLS_OFFSET + SparseCells.encodedLength(frame.rawValues())
                : Integer.MAX_VALUE;
        // Sparse only when strictly smaller: the choice is canonical, so every encoder agrees byte for byte.
        boolean useSparse = sparse < dense;
        int bodyLength = useSparse ? sparse : dense;
        byte[] out = new byte[WireFormat.OVERHEAD + bodyLength];
        writeFrameBody(frame, useSparse, out, WireFormat.BODY_OFFSET);
        return seal(out, frame.type(), bodyLength);
    }

    private static void writeFrameBody(PressureFrame f, boolean sparse, byte[] out, int off) {
        LittleEndian.putU32(out, off + WireFormat.FRAME_SEQ_OFFSET, f.sequence());
        LittleEndian.putU64(out, off + WireFormat.FRAME_TIME_OFFSET, f.deviceTimeMicros());
        LittleEndian.putU16(out, off + WireFormat.FRAME_ROWS_OFFSET, f.rows());
        LittleEndian.putU16(out, off + WireFormat.FRAME_COLS_OFFSET, f.cols());
        out[off + WireFormat.FRAME_ENCODING_OFFSET] =
                (byte) (sparse ? WireFormat.ENCODING_SPARSE : WireFormat.ENCODING_DENSE);
        out[off + WireFormat.FRAME_FLAGS_OFFSET] = 0;
        short[] values = f.rawValues();
        int pos = off + WireFormat.FRAME_CELLS_OFFSET;
        if (sparse) {
            SparseCells.encode(values, out, pos);
        } else {
            for (short v : values) {
                LittleEndian.putU16(out, pos, v);
                pos += 2;
            }
        }
    }

    private static byte[] deviceInfoBody(DeviceInfo info) {
        byte[] id = info.matId().getBytes(StandardCharsets.US_ASCII);
        int n = info.calibration().size();
        byte[] b = new byte[WireFormat.DEVICE_INFO_FIXED_BYTES + id.length + n * WireFormat.CALIBRATION_POINT_BYTES];
        int p = 0;
        b[p++] = (byte) id.length;
        System.arraycopy(id, 0, b, p, id.length);
        p += id.length;
        b[p++] = (byte) info.firmwareMajor();
        b[p++] = (byte) info.firmwareMinor();
        b[p++] = (byte) info.firmwarePatch();
        LittleEndian.putU16(b, p, info.rows());
        p += 2;
        LittleEndian.putU16(b, p, info.cols());
        p += 2;
        LittleEndian.putU32(b, p, info.rowPitchUm());
        p += 4;
        LittleEndian.putU32(b, p, info.colPitchUm());
        p += 4;
        b[p++] = (byte) info.adcBits();
        LittleEndian.putU32(b, p, info.frameIntervalUs());
        p += 4;
        LittleEndian.putU16(b, p, info.deadband());
        p += 2;
        b[p++] = (byte) n;
        for (CalibrationPoint point : info.calibration()) {
            LittleEndian.putU16(b, p, point.raw());
            LittleEndian.putU32(b, p + 2, point.pressurePa());
            p += WireFormat.CALIBRATION_POINT_BYTES;
        }
        return b;
    }

    private static byte[] matLayoutBody(MatLayout layout) {
        byte[] b = new byte[WireFormat.MAT_LAYOUT_BODY_LENGTH];
        b[WireFormat.MAT_LAYOUT_CELL_ORDER_OFFSET] = (byte) layout.cellOrderBits();
        b[WireFormat.MAT_LAYOUT_LAYOUT_OFFSET] = (byte) layout.layoutCode();
        return b;
    }

    private static byte[] seal(byte[] out, int type, int bodyLength) {
        out[WireFormat.VERSION_OFFSET] = (byte) WireFormat.VERSION;
        out[WireFormat.TYPE_OFFSET] = (byte) type;
        LittleEndian.putU32(out, WireFormat.BODY_LENGTH_OFFSET, bodyLength);
        int crcOffset = WireFormat.BODY_OFFSET + bodyLength;
        CRC32C crc = new CRC32C();
        crc.update(out, 0, crcOffset);
        LittleEndian.putU32(out, crcOffset, crc.getValue());
        return out;
    }
}
