package dev.acumat.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.analytics.settings.MatSettings;
import dev.acumat.contract.Topics;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.MessageWriter;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.simulator.synthetic.Scenarios;
import dev.acumat.time.ManualTime;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * The status message of the live stream: how long ago the server last heard from the mat, on the
 * server's clock, so that a page shows "last frame 12 s ago" for a silent mat whatever its own
 * clock says; null for a mat never heard from.
 */
class LiveFeedStatusTest {
    private static final String MAT = "mat-t";
    private static final long T0 = 1_790_000_000_000L;
    private final ManualTime time = new ManualTime(0, T0);

    private static ConsumerRecord<String, byte[]> record(String topic, long timestampMs, byte[] value) {
        return new ConsumerRecord<>(topic, 0, 0, timestampMs, TimestampType.CREATE_TIME, -1, -1, MAT, value,
                new RecordHeaders(), Optional.empty());
    }

    private static String status(String age) {
        return "{\"type\":\"status\",\"mat\":\"" + MAT + "\",\"last_frame_age_s\":" + age + "}";
    }

    @Test
    void aMatNeverHeardFromIsSaidSoThenTheAgeOfItsLastFrameCountsOnTheServersClock() {
        DeviceInfo info = Scenarios.create("still", 25, 5).deviceInfo(MAT);
        Browser browser = new Browser();
        try (LiveFeed feed = new LiveFeed("127.0.0.1:1", MatSettings.NONE, time)) {
            feed.watch(browser.client(MAT));
            assertThat(browser.texts).containsExactly(status("null"));

            feed.onRecord(record(Topics.FRAMES, T0, MessageWriter.toBytes(info)));
            feed.onRecord(record(Topics.FRAMES, T0, MessageWriter.toBytes(new PressureFrame(1, 0,
                    info.rows(), info.cols(), new int[info.cells()]))));
            assertThat(browser.frames).hasSize(1);
            // The mat goes quiet (unplugged): the frame's own time plays no part, the server's clock does.
            time.advanceMillis(12_345);
            feed.sendStatus();
            assertThat(browser.texts.get(browser.texts.size() - 1)).isEqualTo(status("12.3"));

            // A page opened now learns the mat and, at once, how long it has been silent.
            Browser late = new Browser();
            feed.watch(late.client(MAT));
            assertThat(late.texts).hasSize(2);
            assertThat(late.texts.get(0)).startsWith("{\"type\":\"mat\"");
            assertThat(late.texts.get(1)).isEqualTo(status("12.3"));
        }
    }

    @Test
    void aMatKnownFromItsAnnouncementsIsAsOldAsTheLastOne() {
        DeviceInfo info = Scenarios.create("still", 25, 5).deviceInfo(MAT);
        Browser browser = new Browser();
        try (LiveFeed feed = new LiveFeed("127.0.0.1:1", MatSettings.NONE, time)) {
            // The analytics announced the mat 90 s ago, when they last processed one of its records.
            feed.onRecord(record(Topics.MATS, T0 - 90_000, MessageWriter.toBytes(info)));
            feed.watch(browser.client(MAT));
            assertThat(browser.texts).hasSize(2);
            assertThat(browser.texts.get(1)).isEqualTo(status("90.0"));
            assertThat(feed.mats()).extracting(LiveFeed.MatStatus::lastFrameAgeS).containsExactly(90.0);
        }
    }

    @Test
    void onlyWatchedMatsAreTold() {
        Browser browser = new Browser();
        try (LiveFeed feed = new LiveFeed("127.0.0.1:1", MatSettings.NONE, time)) {
            LiveClient client = browser.client(MAT);
            feed.watch(client);
            feed.unwatch(client);
            feed.sendStatus();
            assertThat(browser.texts).isEqualTo(List.of(status("null")));
        }
    }
}
