package dev.acumat.analytics.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acumat.analytics.influx.ContactPoint;
import dev.acumat.analytics.influx.HealthPoint;
import dev.acumat.analytics.influx.SessionPoint;
import dev.acumat.analytics.influx.ShiftPoint;
import dev.acumat.analytics.influx.SinkPoint;
import dev.acumat.analytics.stream.AnalyticsRecords;
import dev.acumat.contract.RecordLayouts;
import dev.acumat.contract.Topics;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The records of the analytics' and the gateway's topics as InfluxDB points (docs/TOPICS.md to {@link dev.acumat.analytics.influx.InfluxSchema}). */
final class RecordPoints {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordPoints() {
    }

    /** The point of a record; throws IOException for a record that is not what its topic promises. */
    static SinkPoint of(ConsumerRecord<String, byte[]> r) throws IOException {
        switch (r.topic()) {
            case Topics.CONTACT:
                return AnalyticsRecords.fromJson(r.value(), ContactPoint.class);
            case Topics.SESSIONS:
                return AnalyticsRecords.fromJson(r.value(), SessionPoint.class);
            case Topics.POSTURE_SHIFTS:
                return AnalyticsRecords.fromJson(r.value(), ShiftPoint.class);
            case Topics.DEVICE_HEALTH: {
                JsonNode n = JSON.readTree(r.value());
                Map<String, Number> fields = new HashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    if (f.getValue().isNumber()) {
                        fields.put(f.getKey(), f.getValue().numberValue());
                    }
                }
                return HealthPoint.fromFields(n.path(RecordLayouts.MAT).asText(r.key()),
                        n.path(RecordLayouts.DeviceHealth.TIME_MS).asLong(r.timestamp()),
                        fields);
            }
            default:
                throw new IOException("no points for topic " + r.topic());
        }
    }
}
