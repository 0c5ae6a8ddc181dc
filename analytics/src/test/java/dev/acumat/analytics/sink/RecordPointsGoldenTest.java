package dev.acumat.analytics.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.analytics.influx.InfluxSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * From a topic's JSON record to its InfluxDB line, exactly: what the sink stores of each record
 * (the JSON of docs/TOPICS.md, the schema of InfluxSchema) is a contract on both sides.
 */
class RecordPointsGoldenTest {

    @Test
    void contact() throws IOException {
        assertThat(line("acumat.contact", "{\"mat\":\"mat-1\",\"time_us\":1790000012000000,"
                + "\"session_id\":\"mat-1.1790000005000\",\"units\":\"kPa\",\"contact_ratio\":0.4102,"
                + "\"contact_area_cm2\":1270.5,\"contact_cells\":262,\"lower_back_coverage\":0.62,"
                + "\"peak_pressure\":11.8,\"mean_pressure\":3.1,\"load_n\":412.0,\"cop_x_cm\":22.1,\"cop_y_cm\":36.4,"
                + "\"posture\":\"supine\"}"))
                .isEqualTo("contact,mat=mat-1 contact_area_cm2=1270.5,contact_cells=262i,contact_ratio=0.4102,"
                        + "cop_x_cm=22.1,cop_y_cm=36.4,load_n=412.0,lower_back_coverage=0.62,mean_pressure=3.1,"
                        + "peak_pressure=11.8,posture=\"supine\",units=\"kPa\" 1790000012000");
    }

    @Test
    void contactWithAbsentFields() throws IOException {
        assertThat(line("acumat.contact", "{\"mat\":\"mat-1\",\"time_us\":1790000013000999,"
                + "\"session_id\":\"mat-1.1790000005000\",\"units\":\"raw\",\"contact_ratio\":0.0,"
                + "\"contact_area_cm2\":0.0,\"contact_cells\":0,\"peak_pressure\":0.0,\"mean_pressure\":0.0,"
                + "\"load_n\":0.0}"))
                .isEqualTo("contact,mat=mat-1 contact_area_cm2=0.0,contact_cells=0i,contact_ratio=0.0,load_n=0.0,"
                        + "mean_pressure=0.0,peak_pressure=0.0,units=\"raw\" 1790000013000");
    }

    @Test
    void session() throws IOException {
        assertThat(line("acumat.sessions", "{\"mat\":\"mat-1\",\"session_id\":\"mat-1.1790000005000\","
                + "\"start_us\":1790000005000000,\"end_us\":1790000605000000,\"active\":false,\"duration_s\":600.0,"
                + "\"lower_back_coverage_mean\":0.58,\"lower_back_time_s\":431.2,\"posture_shifts\":4,"
                + "\"posture_time_s\":{\"supine\":540.0,\"left\":45.2,\"sitting\":12.0},\"end_reason\":\"got-off\"}"))
                .isEqualTo("session,mat=mat-1 active=false,duration_s=600.0,end_reason=\"got-off\","
                        + "lower_back_coverage_mean=0.58,lower_back_time_s=431.2,posture_shifts=4i,"
                        + "session_id=\"mat-1.1790000005000\",time_left_s=45.2,time_sitting_s=12.0,"
                        + "time_supine_s=540.0 1790000005000");
    }

    @Test
    void runningSession() throws IOException {
        assertThat(line("acumat.sessions", "{\"mat\":\"mat-1\",\"session_id\":\"mat-1.1790000005000\","
                + "\"start_us\":1790000005000000,\"end_us\":1790000015000000,\"active\":true,\"duration_s\":10.0,"
                + "\"lower_back_time_s\":0.0,\"posture_shifts\":0,\"posture_time_s\":{}}"))
                .isEqualTo("session,mat=mat-1 active=true,duration_s=10.0,lower_back_time_s=0.0,posture_shifts=0i,"
                        + "session_id=\"mat-1.1790000005000\" 1790000005000");
    }

    @Test
    void shift() throws IOException {
        assertThat(line("acumat.posture-shifts", "{\"mat\":\"mat-1\",\"session_id\":\"mat-1.1790000005000\","
                + "\"time_us\":1790000135520000,\"from\":\"supine\",\"to\":\"left\",\"cop_shift_cm\":6.3}"))
                .isEqualTo("posture_shift,mat=mat-1 cop_shift_cm=6.3,from=\"supine\","
                        + "session_id=\"mat-1.1790000005000\",to=\"left\" 1790000135520");
    }

    @Test
    void deviceHealth() throws IOException {
        assertThat(line("acumat.device-health", "{\"mat\":\"mat-1\",\"time_ms\":1790000000000,\"bytes\":1234567,"
                + "\"frames\":2500,\"crc_errors\":0,\"resyncs\":0,\"sequence_gaps\":0,\"frames_lost\":0,\"restarts\":0,"
                + "\"reconnects\":1,\"spool_depth\":3,\"dropped_spool_full\":0,\"dropped_no_mat_id\":0,"
                + "\"malformed_lines\":0,\"frame_rate_hz\":25.000}"))
                .isEqualTo("device_health,mat=mat-1 bytes=1234567i,crc_errors=0i,dropped_no_mat_id=0i,"
                        + "dropped_spool_full=0i,frame_rate_hz=25.0,frames=2500i,frames_lost=0i,reconnects=1i,"
                        + "restarts=0i,resyncs=0i,sequence_gaps=0i,spool_depth=3i 1790000000000");
    }

    private static String line(String topic, String json) throws IOException {
        ConsumerRecord<String, byte[]> r = new ConsumerRecord<>(topic, 0, 0, "mat-1", json.getBytes(StandardCharsets.UTF_8));
        return InfluxSchema.point(RecordPoints.of(r)).orElseThrow().lineProtocol(InfluxSchema.PRECISION);
    }
}
