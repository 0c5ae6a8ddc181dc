package dev.acumat.gateway.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.WireEncoder;
import dev.acumat.time.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatPortFinderTest {
    private final ManualTime time = new ManualTime();
    private final List<String> opened = new ArrayList<>();

    private SerialPorts ports(List<SerialPorts.PortDescription> listed, Map<String, FakeSerialLink> links) {
        return new SerialPorts() {
            @Override
            public SerialLink open(String path, int baud, Duration readTimeout) throws SerialException {
                opened.add(path);
                FakeSerialLink l = links.get(path);
                if (l == null) {
                    throw new SerialException("port " + path + ": cannot open (error 13 at 1)");
                }
                return l;
            }

            @Override
            public List<SerialPorts.PortDescription> list() {
                return listed;
            }
        };
    }

    private static byte[] info() {
        byte[] i = WireEncoder.encode(new DeviceInfo("mat-9", 1, 0, 0, 32, 20, 22_000, 22_000, 12, 40_000, 12, List.of()));
        byte[] out = new byte[i.length + 1];
        System.arraycopy(i, 0, out, 1, i.length);
        return out;
    }

    @Test
    void findsThePortWhoseDeviceAnswersWithADeviceInfo() throws Exception {
        Map<String, FakeSerialLink> links = new HashMap<>();
        FakeSerialLink modem = new FakeSerialLink("/dev/ttyS0", time, 200);
        FakeSerialLink mat = new FakeSerialLink("/dev/ttyACM1", time, 200).chunk(new byte[] {1, 2, 3}).chunk(info());
        links.put("/dev/ttyS0", modem);
        links.put("/dev/ttyACM1", mat);
        List<SerialPorts.PortDescription> listed = List.of(
                new SerialPorts.PortDescription("/dev/ttyS0", "Physical Port S0", -1, -1),
                new SerialPorts.PortDescription("/dev/ttyUSB0", "FT232R USB UART", 0x0403, 0x6001),
                new SerialPorts.PortDescription("/dev/ttyACM1", "Pico", 0x2e8a, 0x000a));
        SerialLink found = new MatPortFinder(ports(listed, links), 921_600, Duration.ofMillis(200),
                Duration.ofMillis(1500), time).open();
        assertThat(found).isSameAs(mat);
        assertThat(opened).as("USB CDC first, then USB serial").containsExactly("/dev/ttyACM1");
        assertThat(mat.closed).isFalse();
    }

    @Test
    void anAcumatDescriptionGoesFirstAndSilentPortsAreClosed() throws Exception {
        Map<String, FakeSerialLink> links = new HashMap<>();
        FakeSerialLink silent = new FakeSerialLink("/dev/ttyACM0", time, 200);
        FakeSerialLink mat = new FakeSerialLink("/dev/ttyUSB3", time, 200).chunk(info());
        links.put("/dev/ttyACM0", silent);
        links.put("/dev/ttyUSB3", mat);
        List<SerialPorts.PortDescription> listed = List.of(
                new SerialPorts.PortDescription("/dev/ttyACM0", "Arduino", 1, 2),
                new SerialPorts.PortDescription("/dev/ttyUSB3", "acumat mat rev B", 3, 4));
        MatPortFinder finder = new MatPortFinder(ports(listed, links), 921_600, Duration.ofMillis(200),
                Duration.ofMillis(1000), time);
        assertThat(finder.open()).isSameAs(mat);
        assertThat(opened).containsExactly("/dev/ttyUSB3");

        links.remove("/dev/ttyUSB3");
        opened.clear();
        assertThatThrownBy(finder::open).isInstanceOf(SerialException.class)
                .hasMessage("port auto: no mat answered on /dev/ttyUSB3, /dev/ttyACM0");
        assertThat(silent.closed).isTrue();
    }

    @Test
    void noListedPortSaysHowToGiveOne() {
        MatPortFinder finder = new MatPortFinder(ports(List.of(), Map.of()), 921_600, Duration.ofMillis(200),
                Duration.ofMillis(1000), time);
        assertThatThrownBy(finder::open).hasMessageContaining("none listed; give a path with --serial");
    }
}
