package dev.acumat.gateway.serial;

import java.time.Duration;
import java.util.List;

/** Opens and lists serial ports; injected so the gateway can be tested without hardware. */
public interface SerialPorts {
    /**
     * Opens {@code path} (a device, a pty, or a symlink to either) at {@code baud}, 8N1, with
     * reads that return after {@code readTimeout} when nothing arrives.
     */
    SerialLink open(String path, int baud, Duration readTimeout) throws SerialException;

    /** The serial ports the system lists (ptys are not listed), for finding a mat automatically. */
    List<PortDescription> list();

    /**
     * A port the system lists.
     *
     * @param path        the device path, e.g. /dev/ttyACM0
     * @param description what the USB device calls itself, or empty
     * @param vendorId    USB vendor id, or -1
     * @param productId   USB product id, or -1
     */
    record PortDescription(String path, String description, int vendorId, int productId) {
    }
}
