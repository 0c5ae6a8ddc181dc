package dev.acumat.gateway.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.protocol.DecodeError;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.Message;
import dev.acumat.protocol.MessageReader;
import dev.acumat.protocol.PressureFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What an input hands on and what it says, for the tests of this package. */
final class Recording implements InputListener, InputLog {
    final List<Message> messages = new ArrayList<>();
    final List<DecodeError> errors = new ArrayList<>();
    final List<String> said = new ArrayList<>();
    int malformed;

    @Override
    public void onMessage(Message message) {
        messages.add(message);
    }

    @Override
    public void onMessage(Message message, byte[] bytes, int offset, int length) {
        // The bytes are what goes to Kafka: they must read back as the message.
        assertThat(MessageReader.parse(Arrays.copyOfRange(bytes, offset, offset + length))).isEqualTo(message);
        messages.add(message);
    }

    @Override
    public void onError(DecodeError error) {
        errors.add(error);
    }

    @Override
    public void onMalformedLine() {
        malformed++;
    }

    @Override
    public void info(String line) {
        said.add("INFO " + line);
    }

    @Override
    public void warn(String line) {
        said.add("WARN " + line);
    }

    List<PressureFrame> frames() {
        return messages.stream().filter(PressureFrame.class::isInstance).map(PressureFrame.class::cast).toList();
    }

    List<DeviceInfo> infos() {
        return messages.stream().filter(DeviceInfo.class::isInstance).map(DeviceInfo.class::cast).toList();
    }

    static void feed(MatInput input, String text, InputListener to) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        input.feed(b, 0, b.length, to);
    }
}
