package dev.acumat.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.time.ManualTime;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bytes on disk are exactly those SPOOL.md describes, so another tool can read a spool from the doc alone. */
class SpoolFormatTest {
    @TempDir
    Path dir;

    @Test
    void anEntryIsLaidOutAsDocumented() throws IOException {
        ManualTime time = new ManualTime(0, 0x0102030405060708L);
        try (Spool spool = Spool.open(dir, SpoolTesting.config(1 << 20, 1 << 20), time)) {
            spool.append("t", null, new byte[] {(byte) 0xAB}, 0x1112131415161718L,
                    List.of(new SpoolEntry.Header("h", null)));
        }
        byte[] file = Files.readAllBytes(dir.resolve("00000000000000000000.spool"));
        String body = "01" // version
                + "0000000000000000" // offset 0
                + "0102030405060708" // append time
                + "1112131415161718" // timestamp
                + "0001" + "74" // topic "t"
                + "ffffffff" // key: null
                + "00000001" + "ab" // value
                + "0001" // one header
                + "0001" + "68" + "ffffffff"; // "h", null value
        byte[] bodyBytes = HexFormat.of().parseHex(body);
        CRC32C crc = new CRC32C();
        crc.update(bodyBytes);
        byte[] prefix = ByteBuffer.allocate(8).putInt(bodyBytes.length).putInt((int) crc.getValue()).array();
        assertThat(HexFormat.of().formatHex(file)).isEqualTo(HexFormat.of().formatHex(prefix) + body);
    }

    @Test
    void theCheckpointIsOneLineOfText() throws IOException {
        Checkpoint.write(dir, 41, Forcer.DEFAULT);
        String head = "acumat-spool-checkpoint 1 acknowledged=41";
        CRC32C crc = new CRC32C();
        crc.update(head.getBytes(StandardCharsets.UTF_8));
        assertThat(dir.resolve(Checkpoint.FILE)).hasContent(head + String.format(" crc32c=%08x", crc.getValue()));
        assertThat(Files.readString(dir.resolve(Checkpoint.FILE))).endsWith("\n");
        assertThat(Checkpoint.read(dir)).isEqualTo(41);
    }
}
