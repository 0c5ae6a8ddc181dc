package dev.acumat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.DecodeError;
import dev.acumat.protocol.DecodeListener;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.MatKind;
import dev.acumat.protocol.MatLayout;
import dev.acumat.protocol.Message;
import dev.acumat.protocol.StreamDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate --mat-layout}: the simulated firmware states its layout after each device-info. */
class SimulateMatLayoutTest {
    @TempDir
    Path dir;

    @Test
    void aLumbarPadIsSixteenBySixteenAtTwentyFiveMillimetresAndSaysSo() throws IOException {
        Path wire = Files.createFile(dir.resolve("wire.bin"));
        CommandRun cli = new CommandRun();
        assertThat(cli.run("simulate", "--port", wire.toString(), "--scenario", "empty", "--speed", "0",
                "--mat-layout", "lumbar-pad")).as(cli.err.toString()).isZero();
        List<Message> messages = new ArrayList<>();
        new StreamDecoder().feed(Files.readAllBytes(wire), new DecodeListener() {
            @Override
            public void onMessage(Message m) {
                messages.add(m);
            }

            @Override
            public void onError(DecodeError e) {
                throw new AssertionError(e.toString());
            }
        });
        assertThat(messages.get(0)).isInstanceOf(DeviceInfo.class);
        DeviceInfo info = (DeviceInfo) messages.get(0);
        assertThat(info.rows()).isEqualTo(16);
        assertThat(info.cols()).isEqualTo(16);
        assertThat(info.rowPitchUm()).isEqualTo(25_000);
        assertThat(messages.get(1)).isEqualTo(MatLayout.of(CellOrder.NONE, MatKind.LUMBAR_PAD));
        for (int i = 1; i < messages.size(); i++) {
            if (messages.get(i - 1) instanceof DeviceInfo) {
                assertThat(messages.get(i)).as("after every device-info").isInstanceOf(MatLayout.class);
            }
        }
    }

    @Test
    void aBadLayoutIsOneLineNamingTheOption() {
        CommandRun cli = new CommandRun();
        assertThat(cli.run("simulate", "--port", "-", "--mat-layout", "bed")).isEqualTo(2);
        assertThat(cli.errorLine()).contains("--mat-layout: 'bed' is not a mat layout");
    }
}
