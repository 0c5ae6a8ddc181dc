package dev.acumat.bench;

import dev.acumat.contract.PipelineHeaders;
import dev.acumat.contract.Topics;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.MessageWriter;
import dev.acumat.protocol.WireFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32C;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Many simulated mats in one process: each sends its device-info, then a frame every 40 ms
 * (25 Hz) to acumat.frames as a gateway would (key = mat id, the protocol message as the value,
 * the clock anchor header). The mats' ticks are spread evenly over the 40 ms. A frame's time is
 * the wall clock when it leaves (anchor + device time), so a consumer's clock minus the frame's
 * time is the frame's latency.
 */
final class MatLoad implements Runnable, AutoCloseable {
    static final long PERIOD_MICROS = 40_000;

    /** How many of the first mats go through their own producer, with a gateway's settings. */
    static final int MEASURED_MATS = 10;

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaProducer<String, byte[]> measured;
    private final SampleFrames sample;
    private final List<byte[]> encoded;
    private final List<Mat> mats = new ArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private volatile int wanted;
    private volatile boolean stopped;

    /** One mat: its id, clock anchor and next frame. */
    private static final class Mat {
        final int index;
        final String id;
        final long anchorMicros;
        final int phase;
        long sequence;

        Mat(int index, String id, long anchorMicros, int phase) {
            this.index = index;
            this.id = id;
            this.anchorMicros = anchorMicros;
            this.phase = phase;
        }
    }

    MatLoad(String bootstrap, SampleFrames sample) {
        // One producer stands in for N gateways: it batches their frames as one process would. At
        // a gateway's 5 ms most batches held one or two frames of a partition, and the broker spent
        // more CPU per frame than the analytics' own processing.
        this.producer = producer(bootstrap, "bench-mats", 20);
        // The mats whose latency is measured go as a gateway sends its one mat: a frame waits at
        // most 5 ms for company, not the bulk producer's 20.
        this.measured = producer(bootstrap, "bench-mats-measured", 5);
        this.sample = sample;
        this.encoded = sample.frames().stream().map(MessageWriter::toBytes).toList();
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap, String clientId, int lingerMs) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // As the gateways send them (KafkaConnection): the topic holds what the analytics read.
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** How many mats send from now on: the first {@code n}; mats beyond them fall silent, as if unplugged. */
    void mats(int n) {
        wanted = n;
    }

    long sent() {
        return sent.get();
    }

    static String matId(int i) {
        return String.format(java.util.Locale.ROOT, "load-%04d", i);
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        long tick = 0;  // index of the next (mat, period) slot, over all mats
        int n = 0;
        while (!stopped) {
            int target = wanted;
            while (mats.size() < target) {
                addMat();
            }
            long nowMicros = (System.nanoTime() - start) / 1000;
            if (target != n) {
                // Other mats: slots are counted anew from the next period on.
                n = target;
                tick = (nowMicros / PERIOD_MICROS + 1) * n;
            }
            if (n == 0) {
                LockSupport.parkNanos(1_000_000);
                continue;
            }
            // Slot k belongs to mat k % n in period k / n, due at its share of the period.
            long due = tick / n * PERIOD_MICROS + tick % n * PERIOD_MICROS / n;
            if (due > nowMicros) {
                LockSupport.parkNanos(Math.min(1_000_000, (due - nowMicros) * 1000));
                continue;
            }
            send(mats.get((int) (tick % n)));
            tick++;
            if (nowMicros - due > 5_000_000) {
                // More than 5 s behind: this process cannot keep up; start afresh rather than burst.
                tick = (nowMicros / PERIOD_MICROS) * n;
            }
        }
    }

    private void addMat() {
        String id = matId(mats.size());
        long anchor = System.currentTimeMillis() * 1000;
        Mat mat = new Mat(mats.size(), id, anchor, mats.size() * 17 % sample.frames().size());
        DeviceInfo i = sample.info();
        DeviceInfo info = new DeviceInfo(id, i.firmwareMajor(), i.firmwareMinor(), i.firmwarePatch(), i.rows(),
                i.cols(), i.rowPitchUm(), i.colPitchUm(), i.adcBits(), i.frameIntervalUs(), i.deadband(),
                i.calibration());
        producerOf(mats.size()).send(record(mat, MessageWriter.toBytes(info), anchor));
        mats.add(mat);
    }

    private void send(Mat mat) {
        long now = System.currentTimeMillis() * 1000;
        byte[] value = withSequenceAndTime(encoded.get((int) ((mat.phase + mat.sequence) % encoded.size())),
                mat.sequence, now - mat.anchorMicros);
        mat.sequence++;
        producerOf(mat.index).send(record(mat, value, now));
        sent.incrementAndGet();
    }

    /**
     * A frame's message with another sequence number and device time: what MessageWriter would
     * make of them, without sparse-encoding the same cells again for every mat (a tenth of this
     * process's CPU at 400 mats, for bytes that do not change).
     */
    static byte[] withSequenceAndTime(byte[] message, long sequence, long deviceTimeMicros) {
        byte[] value = message.clone();
        ByteBuffer b = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(WireFormat.BODY_OFFSET + WireFormat.FRAME_SEQ_OFFSET, (int) sequence);
        b.putLong(WireFormat.BODY_OFFSET + WireFormat.FRAME_TIME_OFFSET, deviceTimeMicros);
        int crcOffset = value.length - WireFormat.CRC_LENGTH;
        CRC32C crc = new CRC32C();
        crc.update(value, 0, crcOffset);
        b.putInt(crcOffset, (int) crc.getValue());
        return value;
    }

    private KafkaProducer<String, byte[]> producerOf(int matIndex) {
        return matIndex < MEASURED_MATS ? measured : producer;
    }

    private static ProducerRecord<String, byte[]> record(Mat mat, byte[] value, long nowMicros) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topics.FRAMES, null, nowMicros / 1000,
                mat.id, value);
        r.headers().add(new RecordHeader(PipelineHeaders.ENCODING, PipelineHeaders.encodingVersion()));
        r.headers().add(new RecordHeader(PipelineHeaders.CLOCK_ANCHOR_US, PipelineHeaders.decimal(mat.anchorMicros)));
        return r;
    }

    /** Ends {@link #run} after the current frame; from any thread. */
    void stop() {
        stopped = true;
    }

    /** Flushes and closes the producer; after {@link #run} has returned. */
    @Override
    public void close() {
        stopped = true;
        producer.close();
        measured.close();
    }
}
