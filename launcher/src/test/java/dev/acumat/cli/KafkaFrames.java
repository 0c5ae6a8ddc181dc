package dev.acumat.cli;

import dev.acumat.protocol.Message;
import dev.acumat.protocol.MessageReader;
import dev.acumat.protocol.PressureFrame;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The pressure frames among the records a gateway wrote to the frames topic, in record order. */
final class KafkaFrames {
    private KafkaFrames() {
    }

    static List<PressureFrame> of(List<ConsumerRecord<byte[], byte[]>> records) {
        List<PressureFrame> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Message m = MessageReader.parse(r.value());
            if (m instanceof PressureFrame f) {
                out.add(f);
            }
        }
        return out;
    }
}
