package dev.acumat.gateway.input;

import dev.acumat.protocol.DecodeListener;

/** Where a {@link MatInput} sends what it makes of the bytes: messages, decode errors, and text lines it dropped. */
public interface InputListener extends DecodeListener {
    /**
     * A text mat's line that is no frame (wrong count of values, not numbers, out of range, too
     * long): dropped. Ignored by default, as by a listener that reads the protocol only.
     */
    default void onMalformedLine() {
    }
}
