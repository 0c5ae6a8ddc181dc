package dev.acumat.protocol;

/**
 * The layout of a protocol message, as constants. PROTOCOL.md is the normative description;
 * this class is its transcription, and every offset is derived from the one before it.
 *
 * <pre>
 * message (before COBS stuffing):
 *   offset  width  field
 *   0       1      version       (1)
 *   1       1      type          (TYPE_*)
 *   2       4      body_length   u32 little-endian, N
 *   6       N      body
 *   6+N     4      crc32c        u32 little-endian, over bytes [0, 6+N)
 * on the wire: COBS(message) 0x00
 * </pre>
 */
public final class WireFormat {
    private WireFormat() {
    }

    public static final int VERSION = 1;

    public static final int TYPE_DEVICE_INFO = 0x01;
    public static final int TYPE_PRESSURE_FRAME = 0x02;
    /** Device to host, right after each device-info: how the mat's cells are wired and what kind of mat it is. */
    public static final int TYPE_MAT_LAYOUT = 0x03;
    /** Host to device: "send your device-info now". Host-originated types have the top bit set. */
    public static final int TYPE_INFO_REQUEST = 0x81;

    public static final int VERSION_OFFSET = 0;
    public static final int VERSION_LENGTH = 1;
    public static final int TYPE_OFFSET = VERSION_OFFSET + VERSION_LENGTH;
    public static final int TYPE_LENGTH = 1;
    public static final int BODY_LENGTH_OFFSET = TYPE_OFFSET + TYPE_LENGTH;
    public static final int BODY_LENGTH_LENGTH = 4;
    public static final int BODY_OFFSET = BODY_LENGTH_OFFSET + BODY_LENGTH_LENGTH;
    public static final int CRC_LENGTH = 4;
    /** Bytes of a message that are not body: the header and the CRC trailer. */
    public static final int OVERHEAD = BODY_OFFSET + CRC_LENGTH;

    // Pressure frame body.
    public static final int FRAME_SEQ_OFFSET = 0;
    public static final int FRAME_TIME_OFFSET = FRAME_SEQ_OFFSET + 4;
    public static final int FRAME_ROWS_OFFSET = FRAME_TIME_OFFSET + 8;
    public static final int FRAME_COLS_OFFSET = FRAME_ROWS_OFFSET + 2;
    public static final int FRAME_ENCODING_OFFSET = FRAME_COLS_OFFSET + 2;
    public static final int FRAME_FLAGS_OFFSET = FRAME_ENCODING_OFFSET + 1;
    public static final int FRAME_CELLS_OFFSET = FRAME_FLAGS_OFFSET + 1;

    public static final int ENCODING_DENSE = 0;
    public static final int ENCODING_SPARSE = 1;

    public static final int MAX_ROWS = 256;
    public static final int MAX_COLS = 256;
    public static final int MAX_CELLS = MAX_ROWS * MAX_COLS;
    /** A sparse run length never needs more than 3 LEB128 bytes (MAX_CELLS needs 17 bits). */
    public static final int MAX_VARINT_BYTES = 3;

    public static final int MAX_MAT_ID_BYTES = 64;
    public static final int MAX_CALIBRATION_POINTS = 32;
    public static final int CALIBRATION_POINT_BYTES = 6;
    /** Device-info body without the mat id and the calibration points. */
    public static final int DEVICE_INFO_FIXED_BYTES = 1 + 3 + 2 + 2 + 4 + 4 + 1 + 4 + 2 + 1;
    public static final int MAX_PITCH_UM = 1_000_000;

    // Mat layout body: two bytes, exactly.
    public static final int MAT_LAYOUT_CELL_ORDER_OFFSET = 0;
    public static final int MAT_LAYOUT_LAYOUT_OFFSET = MAT_LAYOUT_CELL_ORDER_OFFSET + 1;
    public static final int MAT_LAYOUT_BODY_LENGTH = MAT_LAYOUT_LAYOUT_OFFSET + 1;
    /** {@code cell_order} bits: the steps of {@link CellOrder}. */
    public static final int CELL_ORDER_FLIP_ROWS = 0x01;
    public static final int CELL_ORDER_FLIP_COLS = 0x02;
    public static final int CELL_ORDER_TRANSPOSE = 0x04;
    public static final int CELL_ORDER_SERPENTINE = 0x08;
    /** Bits 4..7 are reserved: a device sends them as 0. */
    public static final int CELL_ORDER_KNOWN_BITS = 0x0F;

    /**
     * The largest body any valid version-1 message has: a dense 256 x 256 frame. The encoder
     * never sends a sparse frame larger than its dense form, but a decoder accepts any sparse
     * stream up to this size.
     */
    public static final int MAX_BODY_LENGTH = FRAME_CELLS_OFFSET + 2 * MAX_CELLS;

    /** The largest stuffed message a decoder must hold before its delimiter. */
    public static int maxStuffedLength(int maxBodyLength) {
        int message = OVERHEAD + maxBodyLength;
        return message + message / 254 + 1;
    }

    /** Whether a mat id is 1..64 bytes of [A-Za-z0-9._:-]; the id becomes a Kafka key and an InfluxDB tag. */
    public static boolean isValidMatId(CharSequence id) {
        if (id == null || id.length() == 0 || id.length() > MAX_MAT_ID_BYTES) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
