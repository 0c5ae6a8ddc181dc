package dev.acumat.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortFileTest {
    private static final List<String> KEYS = List.of("port", "other.port");

    @Test
    void keepsTheChosenPortsAndWhatIsKeptBesideThemForTheNextStart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("local-test.properties");
        PortFile first = PortFile.load(file, KEYS, "test");
        int[] ports = first.choose(new int[] {0, 0}, false);
        assertThat(ports[0]).isPositive().isNotEqualTo(ports[1]);
        first.keep("cluster.id", "abc");
        first.save(ports);

        PortFile again = PortFile.load(file, KEYS, "test");
        assertThat(again.get("cluster.id")).isEqualTo("abc");
        assertThat(again.choose(new int[] {0, 0}, false)).as("free still: the same").containsExactly(ports);
    }

    @Test
    void picksAnotherForAKeptPortThatIsTakenOrWhenAskedForFreshOnes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("local-test.properties");
        PortFile state = PortFile.load(file, KEYS, "test");
        int[] kept = state.choose(new int[] {0, 0}, false);
        state.save(kept);
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), kept[0]));
            int[] chosen = PortFile.load(file, KEYS, "test").choose(new int[] {0, 0}, false);
            assertThat(chosen[0]).isNotEqualTo(kept[0]);
            assertThat(chosen[1]).isEqualTo(kept[1]);
        }
        int[] fresh = PortFile.load(file, KEYS, "test").choose(new int[] {0, 0}, true);
        assertThat(fresh[0]).isNotEqualTo(fresh[1]);
    }

    @Test
    void aFixedPortIsNeverPickedForTheOther(@TempDir Path dir) throws Exception {
        PortFile state = PortFile.load(dir.resolve("local-test.properties"), KEYS, "test");
        int fixed = LoopbackPorts.freePort(java.util.Set.of());
        int[] chosen = state.choose(new int[] {0, fixed}, false);
        assertThat(chosen[1]).isEqualTo(fixed);
        assertThat(chosen[0]).isNotEqualTo(fixed);
    }
}
