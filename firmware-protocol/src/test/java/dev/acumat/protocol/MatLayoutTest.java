package dev.acumat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class MatLayoutTest {
    @Test
    void roundTripsThroughTheWire() {
        MatLayout sent = MatLayout.of(CellOrder.parse("flip-cols,serpentine"), MatKind.LUMBAR_PAD);
        byte[] bytes = MessageWriter.toBytes(sent);
        assertThat(bytes).hasSize(WireFormat.OVERHEAD + 2);
        assertThat(bytes[WireFormat.TYPE_OFFSET]).isEqualTo((byte) 0x03);
        MatLayout read = (MatLayout) MessageReader.parse(bytes);
        assertThat(read).isEqualTo(sent);
        assertThat(read.cellOrder()).isEqualTo(CellOrder.of(false, true, false, true));
        assertThat(read.kind()).isEqualTo(MatKind.LUMBAR_PAD);
    }

    /** Forward compatibility: reserved bits and values are delivered as they came, and read as "not stated". */
    @Test
    void reservedBitsAndValuesAreDeliveredAndReadAsNotStated() {
        MatLayout read = (MatLayout) MessageReader.parse(sealed(0x12, 9, 2));
        assertThat(read.cellOrderBits()).isEqualTo(0x12);
        assertThat(read.cellOrder()).as("an order with a step this host does not know").isNull();
        assertThat(read.kind()).isEqualTo(MatKind.NOT_STATED);
        assertThat(MessageWriter.toBytes(read)).isEqualTo(sealed(0x12, 9, 2));
    }

    @Test
    void aBodyOfAnotherLengthIsBadLength() {
        assertThatThrownBy(() -> MessageReader.parse(sealed(0, 1, 3)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("BAD_LENGTH");
        assertThatThrownBy(() -> MessageReader.parse(sealed(0, 1, 1)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("BAD_LENGTH");
    }

    @Test
    void kindsParseTheirWords() {
        assertThat(MatKind.parse(" Lumbar-Pad ")).isEqualTo(MatKind.LUMBAR_PAD);
        assertThat(MatKind.parse("full-body")).isEqualTo(MatKind.FULL_BODY);
        assertThatThrownBy(() -> MatKind.parse("not-stated")).hasMessageContaining("full-body, torso, lumbar-pad");
        assertThatThrownBy(() -> MatKind.parse("bed")).hasMessageContaining("'bed' is not a mat layout");
    }

    /** A mat_layout message with the given first two body bytes and a body of {@code bodyLength} bytes. */
    private static byte[] sealed(int cellOrder, int layout, int bodyLength) {
        byte[] m = new byte[WireFormat.OVERHEAD + bodyLength];
        m[0] = 1;
        m[1] = (byte) WireFormat.TYPE_MAT_LAYOUT;
        LittleEndian.putU32(m, 2, bodyLength);
        if (bodyLength > 0) {
            m[WireFormat.BODY_OFFSET] = (byte) cellOrder;
        }
        if (bodyLength > 1) {
            m[WireFormat.BODY_OFFSET + 1] = (byte) layout;
        }
        CRC32C crc = new CRC32C();
        crc.update(m, 0, m.length - 4);
        LittleEndian.putU32(m, m.length - 4, crc.getValue());
        return m;
    }
}
