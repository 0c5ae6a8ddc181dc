package dev.acumat.protocol;

/**
 * Device to host, right after each {@link DeviceInfo}: how the mat's cells are wired and what
 * kind of mat it is (PROTOCOL.md 4.4). Holds the two bytes as they came, so that a message with
 * reserved bits or values travels on unchanged; {@link #cellOrder()} and {@link #kind()} read them.
 *
 * @param cellOrderBits the {@code cell_order} byte, 0..255 ({@code WireFormat.CELL_ORDER_*} bits)
 * @param layoutCode    the {@code layout} byte, 0..255 ({@link MatKind#code()})
 */
public record MatLayout(int cellOrderBits, int layoutCode) implements Message {
    public MatLayout {
        if (cellOrderBits < 0 || cellOrderBits > 0xFF || layoutCode < 0 || layoutCode > 0xFF) {
            throw new IllegalArgumentException("mat layout bytes outside 0..255: " + cellOrderBits + ", " + layoutCode);
        }
    }

    /** The message a mat of this order and kind sends. */
    public static MatLayout of(CellOrder order, MatKind kind) {
        return new MatLayout(order.bits(), kind.code());
    }

    /**
     * The cell order, or null when a reserved bit is set: a step this host does not know, so no
     * order it could apply would be right, and the mat's frames are taken as they are (or as
     * configured), with a warning, rather than half turned.
     */
    public CellOrder cellOrder() {
        return (cellOrderBits & ~WireFormat.CELL_ORDER_KNOWN_BITS) != 0 ? null : CellOrder.fromBits(cellOrderBits);
    }

    /** The kind of mat; {@link MatKind#NOT_STATED} for 0 and for a reserved value. */
    public MatKind kind() {
        return MatKind.fromCode(layoutCode);
    }

    @Override
    public int type() {
        return WireFormat.TYPE_MAT_LAYOUT;
    }

    @Override
    public String toString() {
        CellOrder order = cellOrder();
        return "MatLayout[cell order " + (order == null ? String.format("0x%02x (reserved bits)", cellOrderBits) : order)
                + ", " + (kind() == MatKind.NOT_STATED && layoutCode != 0 ? "layout " + layoutCode + " (reserved)" : kind())
                + "]";
    }
}
