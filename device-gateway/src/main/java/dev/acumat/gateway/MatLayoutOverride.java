package dev.acumat.gateway;

import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.MatKind;
import dev.acumat.protocol.MatLayout;

/**
 * What the gateway says about the mat's wiring and kind on its behalf (the settings
 * {@value #CELL_ORDER} and {@value #LAYOUT}): for a mat whose firmware sends no {@code mat_layout}
 * message, or a wrong one. A setting given wins over what the mat says; a part not given is the
 * mat's own (from its last {@code mat_layout}, else "not stated"). An error names the setting.
 *
 * @param order the cell order to state, or null to keep the mat's
 * @param kind  the kind of mat to state, or null to keep the mat's
 */
public record MatLayoutOverride(CellOrder order, MatKind kind) {
    /** The cell order to state for the mat. */
    public static final String CELL_ORDER = "mat.cell-order";
    /** The kind of mat to state for it. */
    public static final String LAYOUT = "mat.layout";

    public MatLayoutOverride {
        if (kind == MatKind.NOT_STATED) {
            throw new IllegalArgumentException(LAYOUT + ": one of full-body, torso, lumbar-pad");
        }
    }

    /** The override of these settings (each may be null or blank: not given), or null when neither is given. */
    public static MatLayoutOverride of(String cellOrder, String matLayout) {
        CellOrder order = null;
        MatKind kind = null;
        if (cellOrder != null && !cellOrder.isBlank()) {
            try {
                order = CellOrder.parse(cellOrder);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(CELL_ORDER + ": " + e.getMessage(), e);
            }
        }
        if (matLayout != null && !matLayout.isBlank()) {
            try {
                kind = MatKind.parse(matLayout);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(LAYOUT + ": " + e.getMessage(), e);
            }
        }
        return order == null && kind == null ? null : new MatLayoutOverride(order, kind);
    }

    /** The message to forward for a mat whose own last message was {@code own}. */
    public MatLayout applyTo(MatLayout own) {
        int bits = order != null ? order.bits() : own.cellOrderBits();
        int code = kind != null ? kind.code() : own.layoutCode();
        return new MatLayout(bits, code);
    }

    /** For the start-up log: {@code cell order flip-cols, layout lumbar-pad}. */
    @Override
    public String toString() {
        return (order != null ? "cell order " + order : "")
                + (order != null && kind != null ? ", " : "") + (kind != null ? "layout " + kind : "");
    }
}
