package dev.acumat.cli;


import dev.acumat.analytics.stream.StreamsRunner;
import dev.acumat.contract.Topics;
import dev.acumat.servers.LocalServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The soak, on demand only ({@code scripts/soak}, which sets {@code -Dacumat.soak.minutes}): many
 * simulated mats, each through a gateway's real spool and sender ({@link MatFleet}), into a real
 * broker, two real analytics processes sharing the partitions, and a real influxd, for a long
 * run; at seeded random times ({@link FaultSchedule}) the broker is restarted, influxd is
 * restarted, and one analytics instance is killed (SIGKILL) and started again. Afterwards every
 * frame of every mat is in acumat.frames exactly once, and InfluxDB's sessions, contact points
 * and posture shifts of each mat equal what the analytics compute from its frames without a
 * fault ({@link FaultFreeRun}). A summary table is printed (and written to
 * target/soak/summary.md); a failed run keeps its logs under target/soak/logs.
 *
 * <p>Settings: {@code acumat.soak.minutes} (the run, from the first frame to the last),
 * {@code acumat.soak.mats} (default 100), {@code acumat.soak.seed} (default: the clock's).
 */
@EnabledIfSystemProperty(named = "acumat.soak.minutes", matches = ".*")
class SoakIT {
    private static final int INSTANCES = 2;
    /** Variants of the scenario (seeds of its noise and breathing), dealt round the mats. */
    private static final int LOOPS = 4;
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);
    /** How long the analytics' lag may stay put after the mats stop before the run gives up waiting. */
    private static final Duration STUCK = Duration.ofMinutes(5);
    /** Consumers that read acumat.frames for the check, each with a share of the partitions. */
    private static final int AUDIT_THREADS = 4;
    private static final Path OUT = Path.of("target", "soak");

    /** Both servers, started together; a soak loads the machine, so they get the long start bound. */
    @RegisterExtension
    static final SharedServers servers = SharedServers.brokerAndInflux();
    @RegisterExtension
    final Processes processes = new Processes();

    private final List<Analytics> analytics = new ArrayList<>();
    private final Map<String, Object> summary = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final Samples samples = new Samples();

    /** The run's settings, validated once; a bad one fails the run naming it. */
    record Settings(int minutes, int mats, long seed) {
        static Settings fromSystemProperties() {
            int minutes = positive("acumat.soak.minutes", System.getProperty("acumat.soak.minutes"));
            int mats = positive("acumat.soak.mats", System.getProperty("acumat.soak.mats", "100"));
            String seed = System.getProperty("acumat.soak.seed", "");
            try {
                return new Settings(minutes, mats, seed.isBlank() ? System.currentTimeMillis() : Long.parseLong(seed));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("acumat.soak.seed must be a whole number: " + seed);
            }
        }

        private static int positive(String name, String value) {
            try {
                int n = Integer.parseInt(value.trim());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // the message below names it
            }
            throw new IllegalArgumentException(name + " must be a whole number >= 1: " + value);
        }
    }

    /** An analytics process and the state directory it keeps across restarts. */
    private final class Analytics {
        final String name;
        final Path log;
        final Path stateDir;
        volatile Process process;
        volatile long maxRssKb;

        Analytics(String name) {
            this.name = name;
            this.log = processes.dir().resolve("analytics-" + name + ".log");
            this.stateDir = processes.dir().resolve("state-" + name);
        }

        void start() throws IOException {
            process = processes.acumatLogged(log, "analytics", "--kafka", servers.kafka().bootstrap(), "--influx", servers.influx().url(),
                    "--state-dir", stateDir.toString());
        }
    }

    /** What the sampler saw, every {@link #SAMPLE_EVERY}. */
    private static final class Samples {
        double loadSum;
        int loadCount;
        double loadMax;
        long lagMax = -1;
        long lagMaxAtS;
        long pendingMax;
        long pendingMaxAtS;
    }

    @Test
    void manyMatsForLongThroughRestartsAndAKillLoseNothingAndCountNothingTwice() throws Exception {
        Settings settings = Settings.fromSystemProperties();
        try {
            soak(settings);
        } catch (Throwable t) {
            problems.add(0, "the run failed: " + t);
            keepLogs();
            writeSummary(settings);
            throw t;
        }
        writeSummary(settings);
        if (!problems.isEmpty()) {
            keepLogs();
            throw new AssertionError("soak failed: " + problems.size() + " problem(s); the first: "
                    + String.join("\n", problems.subList(0, Math.min(10, problems.size()))));
        }
    }

    private void soak(Settings settings) throws Exception {
        Duration run = Duration.ofMinutes(settings.minutes());
        FaultSchedule schedule = FaultSchedule.draw(run, settings.seed(), INSTANCES);
        say("%d mats for %d min, seed %d; faults: %s", settings.mats(), settings.minutes(), settings.seed(),
                schedule.describe());
        summary.put("mats", settings.mats());
        summary.put("run", settings.minutes() + " min, seed " + settings.seed());
        summary.put("started", Instant.now().toString());

        long rendering = System.nanoTime();
        List<ScenarioLoop> loops = new ArrayList<>();
        for (int i = 0; i < LOOPS; i++) {
            loops.add(ScenarioLoop.render("shifts", MatFleet.HZ, settings.seed() + i));
        }
        say("rendered %d loops of the shifts scenario (%d frames each) in %d ms", LOOPS, loops.get(0).frames().size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - rendering));
        for (int i = 0; i < INSTANCES; i++) {
            Analytics a = new Analytics(String.valueOf((char) ('a' + i)));
            a.start();
            analytics.add(a);
        }
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "soak sampler");
            t.setDaemon(true);
            return t;
        });
        try (Admin admin = admin();
             MatFleet fleet = MatFleet.open(processes.dir().resolve("spools"), servers.kafka().bootstrap(), settings.mats(), loops,
                     settings.seed())) {
            fleet.start();
            long began = System.nanoTime();
            sampler.scheduleWithFixedDelay(() -> sample(admin, fleet, began), SAMPLE_EVERY.toMillis(),
                    SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);

            List<String> faults = new ArrayList<>();
            for (FaultSchedule.Fault f : schedule.faults()) {
                waitUntil(began, f.at());
                faults.add(strike(f, began));
            }
            summary.put("faults", String.join("; ", faults));
            waitUntil(began, run);

            fleet.stopMats();
            summary.put("frames sent", fleet.sent());
            say("mats stopped: %d frames sent; draining %d spooled records", fleet.sent(), fleet.pending());
            long draining = System.nanoTime();
            if (!fleet.drain(Duration.ofMinutes(10))) {
                problems.add("the gateways' spools did not drain in 10 minutes: " + fleet.pending() + " records left");
            }
            summary.put("spools drained after the mats stopped", seconds(draining) + " s");
            summary.put("records the senders skipped as already in Kafka (after reconnects)",
                    fleet.skippedAsDuplicates());
            // Kafka is read for the check while the analytics catch up: both take long on two cores.
            long auditing = System.nanoTime();
            List<String> ids = fleet.mats().stream().map(m -> m.id).toList();
            ExecutorService reader = Executors.newSingleThreadExecutor();
            Future<FramesAudit> reading = reader.submit(() -> FramesAudit.read(servers.kafka().bootstrap(), ids, AUDIT_THREADS));
            reader.shutdown();
            long consuming = System.nanoTime();
            if (caughtUp(admin)) {
                summary.put("analytics caught up after the spools drained", seconds(consuming) + " s");
            } else {
                // The frames are checked all the same: what the analytics missed shows as differences.
                problems.add("the analytics stopped catching up with acumat.frames: lag " + lag(admin)
                        + ", not shrinking for " + STUCK.toMinutes() + " minutes");
            }
            sampler.shutdownNow();
            FramesAudit audit = reading.get();
            say("read acumat.frames: %d records in %d s", audit.records(), seconds(auditing));
            checkFrames(fleet, audit);
            checkInflux(ids, audit);
            summary.put("check time (Kafka read, fault-free run, InfluxDB)", seconds(auditing) + " s");
        } finally {
            sampler.shutdownNow();
            summarizeSamples(settings.mats());
        }
    }

    /** What the sampler saw, into the summary (a failed run's too). */
    private void summarizeSamples(int mats) {
        summary.put("most records spooled at once", samples.pendingMax + " at t+" + samples.pendingMaxAtS + " s");
        summary.put("most consumer lag of the analytics", String.format(Locale.ROOT, "%d records (%.0f s of the"
                + " mats' frames) at t+%d s", samples.lagMax, samples.lagMax / (MatFleet.HZ * mats), samples.lagMaxAtS));
        StringBuilder rss = new StringBuilder();
        for (Analytics a : analytics) {
            rss.append(rss.isEmpty() ? "" : ", ").append(a.name).append(": ").append(a.maxRssKb / 1024).append(" MB");
        }
        summary.put("analytics RSS, most", rss.toString());
        summary.put("load average (1 min), mean / most", String.format(Locale.ROOT, "%.1f / %.1f",
                samples.loadSum / Math.max(1, samples.loadCount), samples.loadMax));
    }

    /** Makes one fault happen; returns what happened, for the summary. */
    private String strike(FaultSchedule.Fault f, long began) throws Exception {
        long at = seconds(began);
        long stopping = System.nanoTime();
        switch (f.kind()) {
            case BROKER_RESTART -> away(servers.kafka(), "the broker", "broker", f.away(), at, stopping);
            case INFLUXD_RESTART -> away(servers.influx(), "influxd", "influxd", f.away(), at, stopping);
            case ANALYTICS_KILL -> {
                Analytics victim = analytics.get(f.instance());
                say("t+%d s: SIGKILL to analytics %s (pid %d)", at, victim.name, victim.process.pid());
                victim.process.destroyForcibly();
                if (!victim.process.waitFor(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("analytics " + victim.name + " did not die of SIGKILL");
                }
                victim.start();
                say("analytics %s started again (pid %d)", victim.name, victim.process.pid());
                return f.kind().label + " of " + victim.name + " at t+" + at + " s";
            }
            default -> throw new IllegalStateException(f.kind().toString());
        }
        return f.kind().label + " at t+" + at + " s (away " + seconds(stopping) + " s)";
    }

    /** A server stopped for {@code away} from {@code stopping}, then started again on its ports and data. */
    private void away(LocalServer server, String name, String shortName, Duration away, long at, long stopping)
            throws Exception {
        say("t+%d s: stopping %s for %d s", at, name, away.toSeconds());
        server.stop();
        waitUntil(stopping, away);
        server.restart();
        say("%s back, %d s after its stop began", shortName, seconds(stopping));
    }

    private void checkFrames(MatFleet fleet, FramesAudit audit) {
        long distinct = 0;
        long duplicates = 0;
        long missing = 0;
        long unexpected = 0;
        long outOfOrder = 0;
        for (MatFleet.Mat m : fleet.mats()) {
            FramesAudit.MatFrames f = audit.mats.get(m.id);
            distinct += f.seen.cardinality();
            duplicates += f.duplicates;
            missing += f.missing(m.sent);
            unexpected += f.unexpected(m.sent);
            outOfOrder += f.outOfOrder;
            if (f.duplicates > 0 || f.missing(m.sent) > 0 || f.unexpected(m.sent) > 0 || f.outOfOrder > 0) {
                problems.add(String.format(Locale.ROOT, "%s: %d sent, %d duplicates, %d missing (first: %d), %d never"
                                + " sent, %d out of order", m.id, m.sent, f.duplicates, f.missing(m.sent),
                        f.seen.nextClearBit(0), f.unexpected(m.sent), f.outOfOrder));
            }
        }
        summary.put("frames in Kafka (distinct)", distinct);
        summary.put("duplicates", duplicates);
        summary.put("missing", missing);
        summary.put("never sent / out of order", unexpected + " / " + outOfOrder);
        summary.put("records of other keys in acumat.frames", audit.foreign());
    }

    /**
     * Each mat's session, contact points and shifts in InfluxDB against its fault-free run; the
     * analytics write in batches, so a mat is asked again until it matches or 5 minutes pass.
     */
    private void checkInflux(List<String> ids, FramesAudit audit) throws Exception {
        InfluxQueries queries = new InfluxQueries(servers.influx().url());
        Map<String, FaultFreeRun> truths = new LinkedHashMap<>();
        long contact = 0;
        long shifts = 0;
        for (String id : ids) {
            FaultFreeRun truth = audit.mats.get(id).truth.finish();
            truths.put(id, truth);
            contact += truth.contact.size();
            shifts += truth.shifts.size();
        }
        Map<String, long[]> differences = new HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        List<String> open = new ArrayList<>(ids);
        while (!open.isEmpty()) {
            for (String id : List.copyOf(open)) {
                long[] d = differences(truths.get(id), queries, id);
                differences.put(id, d);
                if (d[0] + d[1] + d[2] == 0) {
                    open.remove(id);
                }
            }
            if (open.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            waitUntil(System.nanoTime(), Duration.ofSeconds(5));
        }
        long[] total = new long[3];
        for (String id : ids) {
            long[] d = differences.get(id);
            for (int i = 0; i < 3; i++) {
                total[i] += d[i];
            }
            if (d[0] + d[1] + d[2] > 0) {
                problems.add(String.format(Locale.ROOT, "%s in InfluxDB: session %s, %d contact points and %d shifts"
                        + " differ from the fault-free run (%s)", id, d[0] == 0 ? "right" : "wrong", d[1], d[2],
                        truths.get(id).describe()));
            }
        }
        summary.put("sessions compared / differing", ids.size() + " / " + total[0]);
        summary.put("contact points compared / differing", contact + " / " + total[1]);
        summary.put("shifts compared / differing", shifts + " / " + total[2]);
        FaultFreeRun first = truths.get(ids.get(0));
        summary.put("session of " + ids.get(0), first.describe());
    }

    /** Differences of a mat: its session (0 or 1), its contact points, its shifts. */
    private static long[] differences(FaultFreeRun truth, InfluxQueries queries, String mat) {
        try {
            long session = truth.matchesSession(queries.sessions(mat)) ? 0 : 1;
            Map<Long, String> contact = queries.contact(mat);
            long contactDiffers = 0;
            for (Map.Entry<Long, String> e : truth.contact.entrySet()) {
                if (!e.getValue().equals(contact.get(e.getKey()))) {
                    contactDiffers++;
                }
            }
            for (Long time : contact.keySet()) {
                if (!truth.contact.containsKey(time)) {
                    contactDiffers++;
                }
            }
            List<Long> shifts = queries.shiftTimes(mat);
            List<Long> lacking = new ArrayList<>(truth.shifts);
            List<Long> extra = new ArrayList<>(shifts);
            shifts.forEach(lacking::remove);
            truth.shifts.forEach(extra::remove);
            return new long[] {session, contactDiffers, lacking.size() + extra.size()};
        } catch (IOException e) {
            return new long[] {1, truth.contact.size(), truth.shifts.size()};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new long[] {1, truth.contact.size(), truth.shifts.size()};
        }
    }

    /** Load, lag, spool depth and the analytics' memory, now; a failure (a server away) skips a sample. */
    private void sample(Admin admin, MatFleet fleet, long began) {
        long t = seconds(began);
        try {
            double load = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            samples.loadSum += load;
            samples.loadCount++;
            samples.loadMax = Math.max(samples.loadMax, load);
            long pending = fleet.pending();
            if (pending > samples.pendingMax) {
                samples.pendingMax = pending;
                samples.pendingMaxAtS = t;
            }
            for (Analytics a : analytics) {
                a.maxRssKb = Math.max(a.maxRssKb, rssKb(a.process.pid()));
            }
            long lag = servers.kafka().isRunning() ? lag(admin) : -1;
            if (lag > samples.lagMax) {
                samples.lagMax = lag;
                samples.lagMaxAtS = t;
            }
            if (t % 60 < SAMPLE_EVERY.toSeconds()) {
                say("t+%d s: %d frames sent, %d spooled, lag %d, load %.1f", t, fleet.sent(), pending, lag, load);
            }
        } catch (IOException | RuntimeException e) {
            say("t+%d s: no sample (%s)", t, e);
        }
    }

    /** Waits until the analytics have consumed every frame; false once the lag has not shrunk for {@link #STUCK}. */
    private static boolean caughtUp(Admin admin) throws InterruptedException {
        long least = Long.MAX_VALUE;
        long since = System.nanoTime();
        while (true) {
            long lag = lag(admin);
            if (lag == 0) {
                return true;
            }
            if (lag > 0 && lag < least) {
                least = lag;
                since = System.nanoTime();
            } else if (System.nanoTime() - since > STUCK.toNanos()) {
                return false;
            }
            waitUntil(System.nanoTime(), Duration.ofSeconds(2));
        }
    }

    /** Records of acumat.frames the analytics have not committed yet; -1 when the broker does not answer. */
    private static long lag(Admin admin) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(StreamsRunner.APPLICATION_ID)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < MatFleet.PARTITIONS.get(Topics.FRAMES); p++) {
                latest.put(new TopicPartition(Topics.FRAMES, p), OffsetSpec.latest());
            }
            long lag = 0;
            for (var e : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                lag += e.getValue().offset() - (c == null ? 0 : c.offset());
            }
            return lag;
        } catch (Exception e) {
            return -1;
        }
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone (killed a moment ago): no sample
        }
        return 0;
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafka().bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    private void writeSummary(Settings settings) {
        StringBuilder table = new StringBuilder("| soak | |\n| --- | --- |\n");
        summary.forEach((k, v) -> table.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        table.append("| verdict | ").append(problems.isEmpty() ? "passed" : problems.size() + " problem(s)").append(" |\n");
        System.out.println("soak: summary\n" + table);
        try {
            Files.createDirectories(OUT);
            Files.writeString(OUT.resolve("summary.md"), table + (problems.isEmpty() ? ""
                    : "\n" + String.join("\n", problems) + "\n"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.out.println("soak: could not write the summary: " + e);
        }
    }

    /** The analytics', broker's and influxd's logs out of the temporary directory into target/soak/logs. */
    private void keepLogs() {
        Path to = OUT.resolve("logs").resolve(Long.toString(System.currentTimeMillis()));
        try {
            ProcessLog.keep(to, processes.dir(), servers.dir());
            say("the run's logs are in %s", to.toAbsolutePath());
        } catch (IOException e) {
            say("could not keep the logs: %s", e);
        }
    }

    private static void waitUntil(long since, Duration length) throws InterruptedException {
        long end = since + length.toNanos();
        Object monitor = new Object();
        while (System.nanoTime() < end) {
            synchronized (monitor) {
                monitor.wait(Math.max(1, Math.min(1_000, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
            }
        }
    }

    private static long seconds(long sinceNanos) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - sinceNanos);
    }

    private static void say(String format, Object... args) {
        System.out.println("soak: " + String.format(Locale.ROOT, format, args));
    }
}
