package dev.acumat.gateway.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@link SerialPorts} on jSerialComm: the only class of the gateway that touches it. */
public final class JSerialCommPorts implements SerialPorts {

    @Override
    public SerialLink open(String path, int baud, Duration readTimeout) throws SerialException {
        if (!Files.exists(Path.of(path))) {
            throw new SerialException("port " + path + ": not present");
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new SerialException("port " + path + ": not a serial port (" + e.getMessage() + ")", e);
        }
        if (!port.openPort()) {
            throw new SerialException("port " + path + ": cannot open (" + lastError(port) + ")");
        }
        int timeoutMs = (int) Math.max(1, Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
        if (!port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY)
                || !port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, timeoutMs, 0)) {
            String why = lastError(port);
            port.closePort();
            throw new SerialException("port " + path + ": cannot set " + baud + " baud 8N1 and timeouts (" + why + ")");
        }
        return new Link(path, port);
    }

    @Override
    public List<PortDescription> list() {
        List<PortDescription> out = new ArrayList<>();
        for (SerialPort p : SerialPort.getCommPorts()) {
            out.add(new PortDescription(p.getSystemPortPath(), p.getPortDescription() + " " + p.getDescriptivePortName(),
                    p.getVendorID(), p.getProductID()));
        }
        return out;
    }

    /** Linux's EINTR and EAGAIN: the read was interrupted or had nothing yet; the device is there. */
    static boolean isPassing(int errno) {
        return errno == 4 || errno == 11;
    }

    private static String lastError(SerialPort port) {
        return "error " + port.getLastErrorCode() + " at " + port.getLastErrorLocation();
    }

    private static final class Link implements SerialLink {
        private final String path;
        private final SerialPort port;
        private boolean closed;

        Link(String path, SerialPort port) {
            this.path = path;
            this.port = port;
        }

        @Override
        public String port() {
            return path;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws SerialException {
            // A pulled device shows as -1 while isOpen() still says true: the return code is the truth.
            int n = port.readBytes(buf, len, off);
            if (n < 0 && isPassing(port.getLastErrorCode())) {
                // A signal landing on this thread (the JVM's own, Ctrl-C) or a spurious wake-up:
                // nothing to read this time. Reopening would flush the line and lose a frame.
                return 0;
            }
            if (n < 0) {
                throw new SerialException("port " + path + ": read failed, the device is gone (" + lastError(port) + ")");
            }
            return n;
        }

        @Override
        public void write(byte[] bytes) throws SerialException {
            int n = port.writeBytes(bytes, bytes.length);
            if (n != bytes.length) {
                throw new SerialException("port " + path + ": wrote " + n + " of " + bytes.length + " bytes ("
                        + lastError(port) + ")");
            }
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                port.closePort();
            }
        }
    }
}
