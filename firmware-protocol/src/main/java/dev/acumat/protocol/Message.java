package dev.acumat.protocol;

/**
 * One message of the mat protocol: what a mat sends ({@link DeviceInfo}, {@link MatLayout},
 * {@link PressureFrame}) or is asked ({@link InfoRequest}).
 */
public sealed interface Message permits DeviceInfo, MatLayout, PressureFrame, InfoRequest {
    /** The message's type byte on the wire. */
    int type();
}
