package dev.acumat.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Turns the unstuffed bytes of one message (header, body, CRC) into a {@link Message}, or
 * into a typed {@link DecodeError}. It never throws on bad input and checks every length
 * against what is actually there before using it. The checks run in this order: size, CRC,
 * version, body length, type, fields.
 */
public final class MessageReader {
    private MessageReader() {
    }

    /** Reads {@code buf[off, off+len)}; tells {@code listener} the message or the error. */
    public static void read(byte[] buf, int off, int len, int maxBodyLength, DecodeListener listener) {
        read(buf, off, len, maxBodyLength, listener, null);
    }

    /**
     * {@link #read}, for the stream decoder, which passes the sparse runs its unstuffing already
     * walked ({@code walk}) so that the check resumes where that walk stopped. Either way a sparse
     * frame is checked in full and keeps its bytes, to be expanded only if someone reads its
     * values: a gateway mostly does not, and the analytics copy them straight from the bytes
     * into their own buffer ({@link PressureFrame#copyTo}), where a {@code short[]} between
     * was the largest allocation of their stream threads.
     */
    static void read(byte[] buf, int off, int len, int maxBodyLength, DecodeListener listener, UnstuffingWalk walk) {
        if (len < WireFormat.OVERHEAD) {
            listener.onError(new DecodeError(DecodeErrorType.TOO_SHORT, len,
                    len + " bytes, a message has at least " + WireFormat.OVERHEAD));
            return;
        }
        int crcOffset = off + len - WireFormat.CRC_LENGTH;
        long stored = LittleEndian.u32(buf, crcOffset);
        CRC32C crc = new CRC32C();
        crc.update(buf, off, len - WireFormat.CRC_LENGTH);
        long computed = crc.getValue();
        if (stored != computed) {
            listener.onError(new DecodeError(DecodeErrorType.BAD_CRC, len,
                    String.format("stored crc 0x%08x, computed 0x%08x", stored, computed)));
            return;
        }
        int version = LittleEndian.u8(buf, off + WireFormat.VERSION_OFFSET);
        if (version != WireFormat.VERSION) {
            listener.onError(new DecodeError(DecodeErrorType.UNKNOWN_VERSION, len,
                    "version " + version + ", this receiver speaks " + WireFormat.VERSION));
            return;
        }
        long declared = LittleEndian.u32(buf, off + WireFormat.BODY_LENGTH_OFFSET);
        int actual = len - WireFormat.OVERHEAD;
        if (declared != actual || declared > maxBodyLength) {
            listener.onError(new DecodeError(DecodeErrorType.BAD_LENGTH, len, "declared body length " + declared
                    + ", received " + actual + (declared > maxBodyLength ? ", limit " + maxBodyLength : "")));
            return;
        }
        int type = LittleEndian.u8(buf, off + WireFormat.TYPE_OFFSET);
        int body = off + WireFormat.BODY_OFFSET;
        switch (type) {
            case WireFormat.TYPE_PRESSURE_FRAME -> readFrame(buf, off, body, actual, len, listener, walk);
            case WireFormat.TYPE_DEVICE_INFO -> readDeviceInfo(buf, off, body, actual, len, listener);
            case WireFormat.TYPE_MAT_LAYOUT -> {
                // Reserved bits and values are delivered, not rejected: the host decides what it
                // does not know (MatLayout), and the bytes travel on unchanged.
                if (actual != WireFormat.MAT_LAYOUT_BODY_LENGTH) {
                    listener.onError(new DecodeError(DecodeErrorType.BAD_LENGTH, len, "mat layout with a body of "
                            + actual + " bytes, it has " + WireFormat.MAT_LAYOUT_BODY_LENGTH));
                } else {
                    listener.onMessage(new MatLayout(LittleEndian.u8(buf, body + WireFormat.MAT_LAYOUT_CELL_ORDER_OFFSET),
                            LittleEndian.u8(buf, body + WireFormat.MAT_LAYOUT_LAYOUT_OFFSET)), buf, off, len);
                }
            }
            case WireFormat.TYPE_INFO_REQUEST -> {
                if (actual != 0) {
                    listener.onError(new DecodeError(DecodeErrorType.BAD_LENGTH, len,
                            "info request with a body of " + actual + " bytes"));
                } else {
                    listener.onMessage(InfoRequest.INSTANCE, buf, off, len);
                }
            }
            default -> listener.onError(new DecodeError(DecodeErrorType.UNKNOWN_TYPE, len,
                    String.format("message type 0x%02x", type)));
        }
    }

    /** Reads exactly one message or throws {@link ProtocolException}; for bytes stored whole, such as Kafka values. */
    public static Message parse(byte[] bytes) {
        Message[] result = new Message[1];
        DecodeError[] error = new DecodeError[1];
        read(bytes, 0, bytes.length, WireFormat.MAX_BODY_LENGTH, new DecodeListener() {
            @Override
            public void onMessage(Message message) {
                result[0] = message;
            }

            @Override
            public void onError(DecodeError e) {
                error[0] = e;
            }
        });
        if (error[0] != null) {
            throw new ProtocolException(error[0]);
        }
        return result[0];
    }

    private static void readFrame(byte[] b, int off, int body, int bodyLength, int len, DecodeListener listener,
                                  UnstuffingWalk walk) {
        if (bodyLength < WireFormat.FRAME_CELLS_OFFSET) {
            listener.onError(new DecodeError(DecodeErrorType.BAD_LENGTH, len,
                    "pressure frame body of " + bodyLength + " bytes, its header alone has "
                            + WireFormat.FRAME_CELLS_OFFSET));
            return;
        }
        long seq = LittleEndian.u32(b, body + WireFormat.FRAME_SEQ_OFFSET);
        long time = LittleEndian.u64(b, body + WireFormat.FRAME_TIME_OFFSET);
        int rows = LittleEndian.u16(b, body + WireFormat.FRAME_ROWS_OFFSET);
        int cols = LittleEndian.u16(b, body + WireFormat.FRAME_COLS_OFFSET);
        int encoding = LittleEndian.u8(b, body + WireFormat.FRAME_ENCODING_OFFSET);
        if (rows < 1 || rows > WireFormat.MAX_ROWS || cols < 1 || cols > WireFormat.MAX_COLS) {
            listener.onError(new DecodeError(DecodeErrorType.MALFORMED, len,
                    "frame geometry " + rows + " x " + cols + " outside 1..256 x 1..256"));
            return;
        }
        if (time < 0) {
            listener.onError(new DecodeError(DecodeErrorType.MALFORMED, len, "device time beyond 2^63 us"));
            return;
        }
        int cells = rows * cols;
        int cellsOffset = body + WireFormat.FRAME_CELLS_OFFSET;
        int cellBytes = bodyLength - WireFormat.FRAME_CELLS_OFFSET;
        if (encoding == WireFormat.ENCODING_DENSE) {
            if (cellBytes != 2 * cells) {
                listener.onError(new DecodeError(DecodeErrorType.BAD_LENGTH, len, "dense " + rows + " x " + cols
                        + " frame needs " + 2 * cells + " cell bytes, has " + cellBytes));
                return;
            }
            short[] values = new short[cells];
            for (int i = 0, p = cellsOffset; i < cells; i++, p += 2) {
                values[i] = (short) ((b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8);
            }
            listener.onMessage(new PressureFrame(seq, time, rows, cols, values), b, off, len);
        } else if (encoding == WireFormat.ENCODING_SPARSE) {
            // Checked in full now; expanded into values only when someone looks at them, or read
            // straight from the bytes into a consumer's own buffer (PressureFrame.copyTo).
            int cellsEnd = cellsOffset + cellBytes;
            String problem = walk != null && walk.covers(cellsOffset, cellsEnd, cells)
                    ? SparseCells.check(b, cellsOffset, cellsEnd, cells, walk.pos, walk.cell)
                    : SparseCells.check(b, cellsOffset, cellsEnd, cells);
            if (problem != null) {
                listener.onError(new DecodeError(DecodeErrorType.MALFORMED, len, problem));
                return;
            }
            listener.onMessage(PressureFrame.ofCheckedSparse(seq, time, rows, cols,
                    Arrays.copyOfRange(b, cellsOffset, cellsEnd)), b, off, len);
        } else {
            listener.onError(new DecodeError(DecodeErrorType.MALFORMED, len, "unknown cell encoding " + encoding));
        }
    }

    private static void readDeviceInfo(byte[] b, int off, int body, int bodyLength, int len,
                                       DecodeListener listener) {
        int idLength = bodyLength > 0 ? LittleEndian.u8(b, body) : 0;
        int pointsCountOffset = 1 + idLength + WireFormat.DEVICE_INFO_FIXED_BYTES - 2;
        if (bodyLength < pointsCountOffset + 1) {
            listener.onError(new DecodeError(DecodeErrorType.BAD_LENGTH, len,
                    "device info body of " + bodyLength + " bytes is shorter than its fixed fields"));
            return;
        }
        int points = LittleEndian.u8(b, body + pointsCountOffset);
        int expected = pointsCountOffset + 1 + points * WireFormat.CALIBRATION_POINT_BYTES;
        if (bodyLength != expected) {
            listener.onError(new DecodeError(DecodeErrorType.BAD_LENGTH, len, "device info with a " + idLength
                    + "-byte id and " + points + " calibration points has " + expected + " bytes, got " + bodyLength));
            return;
        }
        int p = body + 1;
        String matId = new String(b, p, idLength, StandardCharsets.US_ASCII);
        p += idLength;
        int major = LittleEndian.u8(b, p++);
        int minor = LittleEndian.u8(b, p++);
        int patch = LittleEndian.u8(b, p++);
        int rows = LittleEndian.u16(b, p);
        int cols = LittleEndian.u16(b, p + 2);
        long rowPitch = LittleEndian.u32(b, p + 4);
        long colPitch = LittleEndian.u32(b, p + 8);
        int adcBits = LittleEndian.u8(b, p + 12);
        long interval = LittleEndian.u32(b, p + 13);
        int deadband = LittleEndian.u16(b, p + 17);
        p += 20;
        List<CalibrationPoint> calibration = new ArrayList<>(points);
        try {
            for (int i = 0; i < points; i++, p += WireFormat.CALIBRATION_POINT_BYTES) {
                calibration.add(new CalibrationPoint(LittleEndian.u16(b, p), LittleEndian.u32(b, p + 2)));
            }
            listener.onMessage(new DeviceInfo(matId, major, minor, patch, rows, cols, rowPitch, colPitch,
                    adcBits, interval, deadband, calibration), b, off, len);
        } catch (IllegalArgumentException e) {
            listener.onError(new DecodeError(DecodeErrorType.MALFORMED, len, "device info: " + e.getMessage()));
        }
    }
}
