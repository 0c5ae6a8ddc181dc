package dev.acumat.protocol;

import java.util.ArrayList;
import java.util.List;

/** A listener that keeps everything it hears, in order, for assertions. */
final class Recorder implements DecodeListener {
    final List<Object> events = new ArrayList<>();
    final List<Message> messages = new ArrayList<>();
    final List<DecodeError> errors = new ArrayList<>();

    @Override
    public void onMessage(Message message) {
        events.add(message);
        messages.add(message);
    }

    @Override
    public void onError(DecodeError error) {
        events.add(error.type());
        errors.add(error);
    }

    static List<Message> decodeAll(byte[] stream, int chunk) {
        StreamDecoder decoder = new StreamDecoder();
        Recorder r = new Recorder();
        for (int off = 0; off < stream.length; off += chunk) {
            decoder.feed(stream, off, Math.min(chunk, stream.length - off), r);
        }
        return r.messages;
    }
}
