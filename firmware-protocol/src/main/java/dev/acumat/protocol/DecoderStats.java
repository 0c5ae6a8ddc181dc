package dev.acumat.protocol;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of what a {@link StreamDecoder} has seen since it was made.
 *
 * @param bytes          bytes fed in
 * @param messages       messages decoded
 * @param errors         rejected stretches by kind (every kind present, zero if none)
 * @param bytesDropped   bytes thrown away with errors
 * @param bytesSkipped   bytes skipped while synchronising to the first delimiter (start or reset)
 */
public record DecoderStats(long bytes, long messages, Map<DecodeErrorType, Long> errors, long bytesDropped,
                           long bytesSkipped) {
    public DecoderStats {
        EnumMap<DecodeErrorType, Long> copy = new EnumMap<>(DecodeErrorType.class);
        for (DecodeErrorType t : DecodeErrorType.values()) {
            copy.put(t, errors.getOrDefault(t, 0L));
        }
        errors = Collections.unmodifiableMap(copy);
    }

    public long errors(DecodeErrorType type) {
        return errors.get(type);
    }

    /** All rejected stretches: each is a point where the decoder dropped bytes and resynchronised. */
    public long totalErrors() {
        long n = 0;
        for (long v : errors.values()) {
            n += v;
        }
        return n;
    }
}
