package dev.acumat.gateway.serial;

import dev.acumat.protocol.DecodeError;
import dev.acumat.protocol.DecodeListener;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.InfoRequest;
import dev.acumat.protocol.Message;
import dev.acumat.protocol.StreamDecoder;
import dev.acumat.protocol.WireEncoder;
import dev.acumat.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code --serial auto}: finds the mat among the serial ports the system lists. Ports whose USB
 * description names acumat are tried first, then USB CDC (ttyACM) and USB-serial (ttyUSB)
 * adapters, then the rest; each is opened, sent an info request, and kept if a device-info
 * answers within the probe time. Ptys are not listed by the system: give their path.
 */
public final class MatPortFinder implements SerialReader.Opener {
    private final SerialPorts ports;
    private final int baud;
    private final Duration readTimeout;
    private final Duration probeTime;
    private final Time time;

    public MatPortFinder(SerialPorts ports, int baud, Duration readTimeout, Duration probeTime, Time time) {
        this.ports = ports;
        this.baud = baud;
        this.readTimeout = readTimeout;
        this.probeTime = probeTime;
        this.time = time;
    }

    @Override
    public SerialLink open() throws SerialException {
        List<SerialPorts.PortDescription> candidates = new ArrayList<>(ports.list());
        candidates.sort(Comparator.comparingInt(MatPortFinder::rank));
        List<String> tried = new ArrayList<>();
        for (SerialPorts.PortDescription candidate : candidates) {
            tried.add(candidate.path());
            SerialLink link;
            try {
                link = ports.open(candidate.path(), baud, readTimeout);
            } catch (SerialException e) {
                continue;
            }
            if (answersAsAMat(link)) {
                // The reader asks again and resets its decoder: the probe's bytes do no harm.
                return link;
            }
            link.close();
        }
        throw new SerialException("port auto: no mat answered on " + (tried.isEmpty()
                ? "any serial port (none listed; give a path with --serial)" : String.join(", ", tried)));
    }

    static int rank(SerialPorts.PortDescription p) {
        String d = (p.description() + " " + p.path()).toLowerCase(Locale.ROOT);
        if (d.contains("acumat")) {
            return 0;
        }
        if (p.path().contains("ttyACM")) {
            return 1;
        }
        return p.path().contains("ttyUSB") ? 2 : 3;
    }

    private boolean answersAsAMat(SerialLink link) {
        boolean[] found = new boolean[1];
        DecodeListener listener = new DecodeListener() {
            @Override
            public void onMessage(Message message) {
                found[0] |= message instanceof DeviceInfo;
            }

            @Override
            public void onError(DecodeError error) {
                // Another device's chatter: not a mat, unless a device-info still comes.
            }
        };
        StreamDecoder decoder = new StreamDecoder();
        byte[] buf = new byte[4096];
        long deadline = time.nanoTime() + probeTime.toNanos();
        try {
            link.write(new byte[] {WireEncoder.DELIMITER});
            link.write(WireEncoder.encode(InfoRequest.INSTANCE));
            while (!found[0] && time.nanoTime() - deadline < 0) {
                int n = link.read(buf, 0, buf.length);
                decoder.feed(buf, 0, n, listener);
            }
        } catch (SerialException e) {
            return false;
        }
        return found[0];
    }
}
