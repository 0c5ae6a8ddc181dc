package dev.acumat.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * When a soak's faults strike, drawn from a seed so that a failed run can be made again: the
 * broker restarted, influxd restarted, an analytics instance killed (SIGKILL) and started again.
 * The middle 80 % of the run is cut in three equal slots; the faults take the slots in an order
 * the seed shuffles, each at a time within its slot the seed picks, so no two overlap and the
 * pipeline has settled before the next.
 *
 * @param faults in the order they strike
 */
record FaultSchedule(List<Fault> faults) {
    /** The shortest run that leaves the faults room. */
    static final Duration MIN_RUN = Duration.ofMinutes(1);
    /** How long the broker and influxd stay away, at most (a tenth of the run in short runs). */
    static final Duration MAX_AWAY = Duration.ofSeconds(60);

    /** What goes wrong. */
    enum Kind {
        BROKER_RESTART("broker restart"), INFLUXD_RESTART("influxd restart"), ANALYTICS_KILL("analytics SIGKILL");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /**
     * One fault.
     *
     * @param at       since the mats started
     * @param away     how long the server stays stopped (zero for a kill: it starts again at once)
     * @param instance which analytics instance a kill takes (0-based), else 0
     */
    record Fault(Kind kind, Duration at, Duration away, int instance) {
        String describe() {
            String what = kind == Kind.ANALYTICS_KILL ? kind.label + " of instance " + (char) ('a' + instance)
                    : kind.label + " (away " + away.toSeconds() + " s)";
            return String.format(Locale.ROOT, "%s at t+%d s", what, at.toSeconds());
        }
    }

    static FaultSchedule draw(Duration run, long seed, int instances) {
        if (run.compareTo(MIN_RUN) < 0) {
            throw new IllegalArgumentException("a soak must run at least " + MIN_RUN.toMinutes() + " minute: " + run);
        }
        if (instances < 1) {
            throw new IllegalArgumentException("analytics instances must be >= 1: " + instances);
        }
        Random random = new Random(seed);
        List<Kind> order = new ArrayList<>(List.of(Kind.values()));
        Collections.shuffle(order, random);
        long windowStart = run.toMillis() / 10;
        long slot = (run.toMillis() - 2 * windowStart) / order.size();
        Duration outage = run.dividedBy(10).compareTo(MAX_AWAY) < 0 ? run.dividedBy(10) : MAX_AWAY;
        List<Fault> faults = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            Kind kind = order.get(i);
            Duration away = kind == Kind.ANALYTICS_KILL ? Duration.ZERO : outage;
            long start = windowStart + i * slot;
            long at = start + (long) (random.nextDouble() * (slot - away.toMillis()));
            faults.add(new Fault(kind, Duration.ofMillis(at), away, kind == Kind.ANALYTICS_KILL
                    ? random.nextInt(instances) : 0));
        }
        faults.sort(Comparator.comparing(Fault::at));
        return new FaultSchedule(List.copyOf(faults));
    }

    String describe() {
        return faults.stream().map(Fault::describe).collect(Collectors.joining("; "));
    }
}
