package dev.acumat.protocol;

/** Host to device: asks the mat to send its {@link DeviceInfo} now. It has an empty body. */
public record InfoRequest() implements Message {
    public static final InfoRequest INSTANCE = new InfoRequest();

    @Override
    public int type() {
        return WireFormat.TYPE_INFO_REQUEST;
    }
}
