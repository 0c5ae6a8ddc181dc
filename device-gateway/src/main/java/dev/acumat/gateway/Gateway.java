package dev.acumat.gateway;

import dev.acumat.contract.Topics;
import dev.acumat.gateway.health.GatewayMetrics;
import dev.acumat.gateway.health.HealthReporter;
import dev.acumat.gateway.input.AutoInput;
import dev.acumat.gateway.input.MatInput;
import dev.acumat.gateway.input.ProtocolInput;
import dev.acumat.gateway.input.TextInput;
import dev.acumat.gateway.input.TextMat;
import dev.acumat.gateway.kafka.KafkaConnection;
import dev.acumat.gateway.kafka.KafkaSender;
import dev.acumat.gateway.serial.MatPortFinder;
import dev.acumat.gateway.serial.SerialPorts;
import dev.acumat.gateway.serial.SerialReader;
import dev.acumat.gateway.spool.Spool;
import dev.acumat.gateway.spool.SpoolConfig;
import dev.acumat.time.Time;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway, whole: the serial reader thread feeds {@link FrameIntake}, which appends to the
 * {@link Spool}; the {@link KafkaSender} thread produces from the spool; a scheduler reports
 * health. It starts and reads even when the broker is not there yet. {@link #close()} stops
 * reading, lets the sender deliver what it can within a grace period, and closes the spool:
 * what Kafka did not take stays spooled for the next start.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);
    static final Duration READ_TIMEOUT = Duration.ofMillis(200);
    static final Duration PROBE_TIME = Duration.ofMillis(1500);
    static final long WINDOW_BYTES = 16L * 1024 * 1024;
    /** How long a stop waits for Kafka to take the spooled records, by default. */
    public static final Duration DRAIN_GRACE = Duration.ofSeconds(10);

    private final Spool spool;
    private final SerialReader reader;
    private final KafkaSender sender;
    private final FrameIntake intake;
    private final HealthReporter health;
    private final GatewayMetrics metrics;
    private final Thread readerThread;
    private final Thread senderThread;
    private final ScheduledExecutorService scheduler;
    private boolean closed;

    private Gateway(GatewayConfig config, SerialPorts ports, Time time, KafkaSender.ConnectionFactory kafka,
                    Spool spool, String gatewayId) {
        this.spool = spool;
        this.intake = new FrameIntake(spool, config.matId(), config.matLayout(), time);
        SerialReader.Opener opener = config.autoDetect()
                ? new MatPortFinder(ports, config.baud(), READ_TIMEOUT, PROBE_TIME, time)
                : () -> ports.open(config.serial(), config.baud(), READ_TIMEOUT);
        this.reader = new SerialReader(opener, intake, time, config.silenceTimeout(),
                new Backoff(Duration.ofMillis(100), config.reconnectMax()), input(config, time));
        this.sender = new KafkaSender(spool, kafka, gatewayId, WINDOW_BYTES, time,
                new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5)));
        this.health = new HealthReporter(intake.health(), spool::pendingEntries, time, intake::appendHealth);
        this.metrics = new GatewayMetrics(io.micrometer.core.instrument.Metrics.globalRegistry, intake.health(),
                spool::pendingEntries, sender::sent, sender::skippedAsDuplicates, sender::refused);
        this.readerThread = new Thread(reader, "serial-reader");
        this.senderThread = new Thread(sender, "kafka-sender");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "health-reporter");
            t.setDaemon(true);
            return t;
        });
        long every = config.healthInterval().toMillis();
        scheduler.scheduleAtFixedRate(this::reportHealth, every, every, TimeUnit.MILLISECONDS);
        senderThread.start();
        readerThread.start();
    }

    /** What reads the port: the protocol decoder, a text mat's lines, or the choice between them. */
    static MatInput input(GatewayConfig config, Time time) {
        TextMat mat = config.input().textMat(config.textMatId());
        return switch (config.input().format()) {
            case BINARY -> new ProtocolInput(time, config.baud());
            case CSV -> new TextInput(mat, time);
            case AUTO -> new AutoInput(mat == null ? null : new TextInput(mat, time), mat, time, config.baud());
        };
    }

    /** Starts a gateway on real Kafka. */
    public static Gateway start(GatewayConfig config, SerialPorts ports, Time time) throws IOException {
        Spool spool = Spool.open(config.spoolDir(), spoolConfig(config), time);
        try {
            String gatewayId = gatewayId(config.spoolDir());
            Map<String, Integer> partitions = Map.of(Topics.FRAMES, config.partitions(),
                    Topics.DEVICE_HEALTH, Math.min(Topics.OTHER_PARTITIONS, config.partitions()));
            KafkaSender.ConnectionFactory kafka = () -> new KafkaConnection(config.kafka(), "acumat-gateway-"
                    + gatewayId.substring(0, 8), gatewayId, partitions);
            log.info("gateway {}: port {} at {} baud, Kafka {}, spool {} ({} records waiting), input {}", gatewayId,
                    config.serial(), config.baud(), config.kafka(), config.spoolDir(), spool.pendingEntries(),
                    describeInput(config));
            if (config.matLayout() != null) {
                log.info("the gateway states the mat's {} after each device-info (over the mat's own)", config.matLayout());
            }
            return new Gateway(config, ports, time, kafka, spool, gatewayId);
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw e;
        }
    }

    /** For tests: any Kafka connection, e.g. a mock producer. */
    static Gateway start(GatewayConfig config, SerialPorts ports, Time time, KafkaSender.ConnectionFactory kafka,
                         Spool spool, String gatewayId) {
        return new Gateway(config, ports, time, kafka, spool, gatewayId);
    }

    static String describeInput(GatewayConfig config) {
        TextMat mat = config.input().textMat(config.textMatId());
        String text = mat == null ? "" : String.format(Locale.ROOT, "; a text mat %s: %d x %d at %.1f x %.1f mm,"
                        + " %d-bit ADC%s", mat.matId(), mat.rows(), mat.cols(), mat.rowPitchUm() / 1000.0,
                mat.colPitchUm() / 1000.0, mat.adcBits(), mat.invert() ? ", inverted" : "");
        return config.input().format().option() + text;
    }

    static SpoolConfig spoolConfig(GatewayConfig config) {
        long segment = Math.min(64L * 1024 * 1024, config.spoolMaxBytes() / 4);
        return new SpoolConfig(config.spoolMaxBytes(), segment, config.spoolFsync(), SpoolConfig.DEFAULT_FSYNC_INTERVAL);
    }

    /** The gateway's identity lives beside its spool, so a restart recognises its own records in Kafka. */
    static String gatewayId(Path spoolDir) throws IOException {
        Path file = spoolDir.resolve("gateway.id");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        }
        String id = UUID.randomUUID().toString();
        Path tmp = spoolDir.resolve("gateway.id.tmp");
        Files.writeString(tmp, id + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return id;
    }

    public FrameIntake intake() {
        return intake;
    }

    public KafkaSender sender() {
        return sender;
    }

    private void reportHealth() {
        try {
            health.report();
            metrics.refresh();
        } catch (RuntimeException e) {
            log.warn("health report failed: {}", e.toString());
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        close(DRAIN_GRACE);
    }

    /**
     * Stops, waiting at most {@code drainGrace} for Kafka to take the spooled records (those it
     * does not take stay in the spool for the next start): an owner that knows the broker is
     * gone need not wait for it.
     */
    public synchronized void close(Duration drainGrace) throws IOException, InterruptedException {
        if (closed) {
            return;
        }
        closed = true;
        reader.stop();
        readerThread.join(5_000);
        scheduler.shutdownNow();
        reportHealth();
        boolean delivered = sender.drain(drainGrace.toMillis());
        sender.stop();
        senderThread.join(10_000);
        long waiting = spool.pendingEntries();
        spool.close();
        log.info(delivered ? "gateway stopped: every record is in Kafka"
                : "gateway stopped: {} records stay in the spool for the next start", waiting);
    }
}
