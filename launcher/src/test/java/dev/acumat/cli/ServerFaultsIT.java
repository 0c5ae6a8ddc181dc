package dev.acumat.cli;

import static dev.acumat.cli.Processes.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.analytics.stream.StreamsRunner;
import dev.acumat.contract.Topics;
import dev.acumat.gateway.kafka.FrameRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults of the servers and of the analytics, with real parts: a KRaft broker and an influxd
 * (stopped and started again on their ports and data), two simulated mats on socat ptys, a
 * gateway each, and two analytics instances sharing the partitions, all their own processes.
 * One timeline, so the mandated minute-long outages overlap (about 3 minutes in all):
 * <ol>
 *   <li>the broker away for 60 s (the gateways spool); 30 s into it, influxd away for 60 s;</li>
 *   <li>the broker back: the backlog flows through the analytics while InfluxDB is still away;
 *       the instance that has the first mat is killed (SIGKILL) mid-session and started again;</li>
 *   <li>influxd back; the instance that has the second mat is stopped (SIGTERM): the other takes
 *       over every mat.</li>
 * </ol>
 * Afterwards every (mat, sequence number) is in acumat.frames exactly once, and what InfluxDB
 * and the analytics topics hold equals, point for point, what the analytics compute from those
 * frames in one go without a fault ({@link FaultFreeRun}): one session per mat, its id, time on
 * the mat, lower-back time and shifts; every contact point and shift once, with its values.
 */
class ServerFaultsIT {
    private static final Duration OUTAGE = Duration.ofSeconds(60);

    /** Both servers for the one test: started together, stopped and started again within the timeline. */
    @RegisterExtension
    static final SharedServers servers = SharedServers.brokerAndInflux();
    @RegisterExtension
    final Processes processes = new Processes();

    /**
     * An analytics process and the state directory it keeps across restarts; each start logs to a
     * file of its own (analytics-a.log, then analytics-a-2.log), so a restart keeps what came before.
     */
    private final class Analytics {
        final String name;
        final Path stateDir;
        final List<Path> logs = new ArrayList<>();
        Path log;
        Process process;

        Analytics(String name) {
            this.name = name;
            this.stateDir = processes.dir().resolve("state-" + name);
        }

        void start() throws IOException {
            log = processes.dir().resolve("analytics-" + name + (logs.isEmpty() ? "" : "-" + (logs.size() + 1)) + ".log");
            logs.add(log);
            process = processes.acumatLogged(log, "analytics", "--kafka", servers.kafka().bootstrap(), "--influx", servers.influx().url(),
                    "--state-dir", stateDir.toString());
        }

        long pid() {
            return process.pid();
        }
    }

    @Test
    void theBrokerAndInfluxDbAwayAMinuteAnInstanceKilledAndAnotherStoppedLoseNothingAndCountNothingTwice()
            throws Exception {
        try {
            faultsLoseNothing();
        } catch (Throwable t) {
            keepLogs();
            throw t;
        }
    }

    /**
     * A failed run's logs (the broker's, the analytics', the gateways') copied out of the
     * temporary directories, which go with the test, into target/server-faults-logs, with the
     * broker's view of the open transactions then ({@link #transactions()}): a stalled transaction
     * is diagnosed from those and the coordinators' lines in the broker's log of that run.
     */
    private void keepLogs() {
        Path to = Path.of("target", "server-faults-logs", Long.toString(System.currentTimeMillis()));
        try {
            ProcessLog.keep(to, processes.dir(), servers.dir());
            Files.writeString(to.resolve("transactions.txt"), transactions());
            System.out.println("ServerFaultsIT: the run's logs are in " + to.toAbsolutePath());
        } catch (IOException e) {
            System.out.println("ServerFaultsIT: could not keep the logs: " + e);
        }
    }

    /**
     * The broker's view of the transactions at the failure: each transactional id's state and
     * partitions (its coordinator), and each producer with a transaction open on a partition of
     * __consumer_offsets (an offset commit pending there). A producer open on a partition that no
     * ongoing transaction lists is a hanging transaction; one that is listed, a coordinator that
     * has not finished it.
     */
    private String transactions() {
        StringBuilder out = new StringBuilder();
        try (Admin admin = admin()) {
            List<String> ids = admin.listTransactions().all().get(10, TimeUnit.SECONDS).stream()
                    .map(org.apache.kafka.clients.admin.TransactionListing::transactionalId).toList();
            admin.describeTransactions(ids).all().get(10, TimeUnit.SECONDS).forEach((id, t) -> out.append(id)
                    .append(": ").append(t).append('\n'));
            List<TopicPartition> offsets = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                offsets.add(new TopicPartition("__consumer_offsets", i));
            }
            admin.describeProducers(offsets).all().get(10, TimeUnit.SECONDS).forEach((tp, producers) ->
                    producers.activeProducers().stream().filter(p -> p.currentTransactionStartOffset().isPresent())
                            .forEach(p -> out.append(tp).append(" open: ").append(p).append('\n')));
        } catch (Exception e) {
            out.append("could not describe the transactions: ").append(e).append('\n');
        }
        return out.toString();
    }

    private void faultsLoseNothing() throws Exception {
        InfluxQueries queries = new InfluxQueries(servers.influxUrl());
        List<String> mats = matsOnTwoPartitions();
        Analytics a = new Analytics("a");
        Analytics b = new Analytics("b");
        a.start();
        b.start();
        List<Process> sims = new ArrayList<>();
        for (String mat : mats) {
            Path matSide = processes.dir().resolve(mat + "-mat");
            Path host = processes.dir().resolve(mat + "-host");
            processes.ptyPair(matSide, host);
            processes.acumatLogged(processes.dir().resolve("gateway-" + mat + ".log"), "gateway", "--serial", host.toString(),
                    "--kafka", servers.kafka().bootstrap(), "--spool", processes.dir().resolve("spool-" + mat).toString(),
                    "--health-interval", "2");
            // The person lies on the mat the whole time, shifting every few seconds.
            sims.add(processes.acumatLogged(processes.dir().resolve("simulate-" + mat + ".log"), "simulate", "--port",
                    matSide.toString(), "--scenario", "shifts", "--loop", "--seed", "7", "--mat-id", mat));
        }
        Map<String, Object> outcome = new java.util.LinkedHashMap<>();
        long began = System.nanoTime();
        java.util.function.Consumer<String> mark = what -> outcome.put(what,
                "t+" + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began) + " s");
        try (Admin admin = admin()) {
            // Before any fault: at a load average of 66 the two instances took two minutes to start.
            diagnosed("both mats' sessions in InfluxDB, both instances with partitions", 300, () ->
                    mats.stream().allMatch(m -> queries.count("session", m) == 1)
                            && owners(admin).keySet().containsAll(Set.of(a.pid(), b.pid())), a, b);

            mark.accept("at streaming");
            // 1. The broker away a minute; half-way, InfluxDB goes too.
            long brokerDown = System.nanoTime();
            servers.kafka().stop();
            until(brokerDown, OUTAGE.dividedBy(2));
            long influxDown = System.nanoTime();
            servers.influx().stop();
            until(brokerDown, OUTAGE);
            for (String mat : mats) {
                long spooled = GatewayIT.waiting(processes.dir().resolve("gateway-" + mat + ".log"), mat);
                outcome.put("spooled " + mat, spooled);
                assertThat(spooled).as("frames of %s waiting in the gateway's spool", mat).isGreaterThan(25L * 30);
            }
            servers.kafka().restart();
            mark.accept("at broker back");

            // 2. The backlog flows while InfluxDB is away; the first mat's instance is killed mid-session.
            diagnosed("the first mat's partition owned again", 120, () -> owner(admin, mats.get(0)) != null, a, b);
            Analytics killed = owner(admin, mats.get(0)) == a.pid() ? a : b;
            killed.process.destroyForcibly();  // SIGKILL
            assertThat(killed.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            outcome.put("killed", killed.name + " (exit " + killed.process.exitValue() + ")");
            killed.start();
            mark.accept("at killed and restarted");
            until(influxDown, OUTAGE);
            servers.influx().restart();
            mark.accept("at influxd back");

            // 3. Both instances share the mats again; the one with the second mat is stopped.
            // The restarted instance restores its stores first: at a load average of 25 (another IT
            // beside this one, and more) that took over two minutes.
            diagnosed("both instances with partitions after the restart", 240,
                    () -> owners(admin).keySet().containsAll(Set.of(a.pid(), b.pid())), a, b);
            diagnosed("the second mat's partition owned", 60, () -> owner(admin, mats.get(1)) != null, a, b);
            Analytics stopped = owner(admin, mats.get(1)) == a.pid() ? a : b;
            Analytics survivor = stopped == a ? b : a;
            Processes.stop(stopped.process);
            mark.accept("at stopped");
            outcome.put("stopped", stopped.name + " (exit " + stopped.process.exitValue() + ")");
            diagnosed("every mat with the surviving instance", 60, () -> {
                Long first = owner(admin, mats.get(0));
                Long second = owner(admin, mats.get(1));
                return first != null && first == survivor.pid() && second != null && second == survivor.pid();
            }, a, b);
            outcome.put("took over", survivor.name);
            mark.accept("at taken over");
            until(System.nanoTime(), Duration.ofSeconds(15));  // the survivor carries on with both mats
        }

        // The mats stop; everything they sent must come out right.
        try (TopicCollector frames = new TopicCollector(servers.kafka().bootstrap(), Topics.FRAMES);
             TopicCollector contact = new TopicCollector(servers.kafka().bootstrap(), Topics.CONTACT, true);
             TopicCollector sessions = new TopicCollector(servers.kafka().bootstrap(), Topics.SESSIONS, true);
             TopicCollector shifts = new TopicCollector(servers.kafka().bootstrap(), Topics.POSTURE_SHIFTS, true)) {
            for (int i = 0; i < mats.size(); i++) {
                Processes.stop(sims.get(i));
            }
            mark.accept("at mats stopped");
            for (int i = 0; i < mats.size(); i++) {
                String mat = mats.get(i);
                long[] sent = GatewayIT.summary(processes.dir().resolve("simulate-" + mat + ".log"));
                waitFor("all " + sent[0] + " frames of " + mat + " in Kafka", 120,
                        () -> frames.poll() && FaultFreeRun.sequences(frames.records(mat)).size() >= sent[0]);
                List<Long> seqs = FaultFreeRun.sequences(frames.records(mat));
                assertThat(new HashSet<>(seqs)).as("every frame of %s once", mat).hasSize(seqs.size());
                assertThat(seqs).as("frames of %s in order", mat).isSorted();
                // Up to the last the simulator counted as sent; it may write a few more while it stops.
                assertThat(seqs).as("frames of %s: 0 to %d", mat, sent[1])
                        .containsAll(java.util.stream.LongStream.rangeClosed(0, sent[1]).boxed().toList());
                outcome.put("frames " + mat, seqs.size());

                FaultFreeRun truth = FaultFreeRun.of(mat, frames.records(mat));
                diagnosed(mat + "'s session in InfluxDB as the fault-free run has it", 120,
                        () -> truth.matchesSession(queries.sessions(mat)), a, b);
                assertThat(queries.sessions(mat)).as("one session of %s, carried across every fault", mat).hasSize(1);
                diagnosed(mat + "'s contact and shifts in InfluxDB", 60,
                        () -> queries.count("contact", mat) >= truth.contact.size()
                                && queries.count("posture_shift", mat) >= truth.shifts.size(), a, b);
                assertThat(queries.contact(mat)).as("every contact point of %s once, with its values", mat)
                        .containsExactlyEntriesOf(truth.contact);
                assertThat(queries.shiftTimes(mat)).as("every shift of %s once", mat)
                        .containsExactlyElementsOf(truth.shifts);

                waitFor("the analytics topics up to date", 30, () -> contact.poll() && shifts.poll() && sessions.poll()
                        && contact.records(mat).size() >= truth.contact.size()
                        && shifts.records(mat).size() >= truth.shifts.size());
                assertThat(FaultFreeRun.times(contact.records(mat))).as("acumat.contact of %s: each second once", mat)
                        .containsExactlyElementsOf(truth.contact.keySet());
                assertThat(FaultFreeRun.times(shifts.records(mat))).as("acumat.posture-shifts of %s: each once", mat)
                        .containsExactlyElementsOf(truth.shifts);
                assertThat(FaultFreeRun.sessionIds(sessions.records(mat))).as("no other session of %s", mat)
                        .containsOnly(truth.sessionId);
                outcome.put("session " + mat, truth.describe());
                outcome.put("contact points " + mat, truth.contact.size());
                outcome.put("shifts " + mat, truth.shifts.size());
            }
        }
        mark.accept("at checked");
        // Not a failure by itself (the faults may fail a thread), but the start of the stalled offset commit once.
        outcome.put("stream threads replaced", replacedThreads(a) + replacedThreads(b));
        System.out.println("ServerFaultsIT: " + outcome);
    }

    /** How often the instance's log says a stream thread failed and was replaced. */
    private static long replacedThreads(Analytics x) throws IOException {
        long n = 0;
        for (Path log : x.logs) {
            n += Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains("stream thread failed, replacing it")).count();
        }
        return n;
    }

    /** Two mat ids whose frames land on different partitions of acumat.frames (32 of them). */
    private static List<String> matsOnTwoPartitions() {
        String first = "mat-f1";
        int p1 = FrameRecords.partition(first.getBytes(StandardCharsets.UTF_8), 32);
        for (int i = 2; ; i++) {
            String id = "mat-f" + i;
            if (FrameRecords.partition(id.getBytes(StandardCharsets.UTF_8), 32) != p1) {
                return List.of(first, id);
            }
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafka().bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    private static final Pattern MEMBER = Pattern.compile(Pattern.quote(StreamsRunner.APPLICATION_ID) + "-pid(\\d+)-.*");

    /** Partitions of acumat.frames by the pid of the analytics process that has them; empty while rebalancing. */
    private static Map<Long, Set<Integer>> owners(Admin admin) {
        Map<Long, Set<Integer>> out = new HashMap<>();
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(StreamsRunner.APPLICATION_ID)).all()
                    .get(10, TimeUnit.SECONDS).get(StreamsRunner.APPLICATION_ID);
            for (MemberDescription m : group.members()) {
                Matcher pid = MEMBER.matcher(m.clientId());
                if (!pid.matches()) {
                    continue;
                }
                for (TopicPartition tp : m.assignment().topicPartitions()) {
                    if (tp.topic().equals(Topics.FRAMES)) {
                        out.computeIfAbsent(Long.parseLong(pid.group(1)), k -> new HashSet<>()).add(tp.partition());
                    }
                }
            }
        } catch (Exception e) {
            return Map.of();
        }
        return out;
    }

    /** The pid of the analytics process that has {@code mat}'s partition, or null. */
    private static Long owner(Admin admin, String mat) {
        int partition = FrameRecords.partition(mat.getBytes(StandardCharsets.UTF_8), 32);
        for (Map.Entry<Long, Set<Integer>> e : owners(admin).entrySet()) {
            if (e.getValue().contains(partition)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** Waits until {@code length} has passed since {@code since} (System.nanoTime()): the outages are mandated. */
    private static void until(long since, Duration length) throws InterruptedException {
        waitFor(length.toSeconds() + " s since the fault began", (int) length.toSeconds() + 5,
                () -> System.nanoTime() - since >= length.toNanos());
    }

    private void diagnosed(String what, int seconds, java.util.function.BooleanSupplier condition, Analytics... logs)
            throws InterruptedException {
        try {
            waitFor(what, seconds, condition);
        } catch (AssertionError e) {
            StringBuilder s = new StringBuilder(e.getMessage());
            for (Analytics x : logs) {
                s.append("\nanalytics ").append(x.name).append(":\n").append(tail(x.log));
            }
            throw new AssertionError(s.toString(), e);
        }
    }

    private static String tail(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
