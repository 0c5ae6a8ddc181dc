package dev.acumat.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acumat.time.Time;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolLockTest {
    @TempDir
    Path dir;

    private final SpoolConfig config = SpoolTesting.config(1 << 20, 4096);

    @Test
    void aSecondSpoolOnTheSameDirectoryIsRefusedUntilTheFirstCloses() throws IOException {
        Spool first = Spool.open(dir, config, Time.SYSTEM);
        assertThatThrownBy(() -> Spool.open(dir, config, Time.SYSTEM)).isInstanceOf(IOException.class)
                .hasMessage("spool " + dir + " is in use by another gateway");
        assertThatThrownBy(() -> Spool.open(dir.resolve("."), config, Time.SYSTEM))
                .hasMessageContaining("is in use by another gateway");
        first.close();
        Spool.open(dir, config, Time.SYSTEM).close();
    }

    @Test
    void anotherProcessHoldingTheSpoolKeepsThisOneOut() throws Exception {
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), HoldSpool.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("open");
            assertThatThrownBy(() -> Spool.open(dir, config, Time.SYSTEM)).isInstanceOf(IOException.class)
                    .hasMessageContaining("is in use by another gateway");
            holder.getOutputStream().close();  // tells it to close the spool and exit
            assertThat(out.readLine()).isEqualTo("closed");
            assertThat(holder.waitFor()).isZero();
        } finally {
            holder.destroyForcibly();
        }
        try (Spool spool = Spool.open(dir, config, Time.SYSTEM)) {
            assertThat(spool.nextOffset()).isEqualTo(1);  // the other process appended one entry
        }
    }

    /** Run in a child process: opens the spool, appends, says "open", waits for stdin to close. */
    public static final class HoldSpool {
        public static void main(String[] args) throws IOException {
            try (Spool spool = Spool.open(Path.of(args[0]), SpoolTesting.config(1 << 20, 4096), Time.SYSTEM)) {
                SpoolTesting.appendNumbered(spool, 0);
                System.out.println("open");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait for end of input
                }
            }
            System.out.println("closed");
        }
    }
}
