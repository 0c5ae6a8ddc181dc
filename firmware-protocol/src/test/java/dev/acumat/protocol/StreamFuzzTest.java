package dev.acumat.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes at all, as they might come off a serial line, into the streaming decoder under
 * Jazzer, a coverage-guided fuzzer. A plain test run replays the committed corpus
 * ({@code src/test/resources/dev/acumat/protocol/StreamFuzzTestInputs/anyBytes/}); with
 * {@code JAZZER_FUZZ=1} it fuzzes (docs/RELIABILITY.md has the commands). What must hold for
 * every input is in {@link DecoderCheck}.
 */
class StreamFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void anyBytes(byte[] data) {
        DecoderCheck.stream(data);
    }
}
