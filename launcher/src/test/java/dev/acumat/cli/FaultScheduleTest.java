package dev.acumat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {
    @Test
    void theSameSeedGivesTheSameScheduleAndAnotherSeedAnother() {
        Duration hour = Duration.ofHours(1);
        assertThat(FaultSchedule.draw(hour, 42, 2)).isEqualTo(FaultSchedule.draw(hour, 42, 2));
        Set<FaultSchedule> drawn = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            drawn.add(FaultSchedule.draw(hour, seed, 2));
        }
        assertThat(drawn).hasSizeGreaterThan(15);
    }

    @Test
    void eachFaultOnceInTheMiddleOfTheRunNoneOverlapping() {
        for (Duration run : List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofHours(1))) {
            for (long seed = 0; seed < 200; seed++) {
                List<FaultSchedule.Fault> faults = FaultSchedule.draw(run, seed, 2).faults();
                assertThat(faults).extracting(FaultSchedule.Fault::kind)
                        .containsExactlyInAnyOrder(FaultSchedule.Kind.values());
                Duration free = run.dividedBy(10);
                for (FaultSchedule.Fault f : faults) {
                    assertThat(f.at()).isGreaterThanOrEqualTo(free);
                    assertThat(f.at().plus(f.away())).isLessThanOrEqualTo(run.minus(free));
                    assertThat(f.instance()).isBetween(0, 1);
                }
                for (int i = 1; i < faults.size(); i++) {
                    FaultSchedule.Fault before = faults.get(i - 1);
                    assertThat(before.at().plus(before.away())).as("seed %d", seed).isLessThanOrEqualTo(faults.get(i).at());
                }
            }
        }
    }

    @Test
    void theServersStayAwayATenthOfTheRunAtMostAMinute() {
        assertThat(FaultSchedule.draw(Duration.ofMinutes(5), 1, 2).faults())
                .filteredOn(f -> f.kind() != FaultSchedule.Kind.ANALYTICS_KILL)
                .extracting(FaultSchedule.Fault::away).containsOnly(Duration.ofSeconds(30));
        assertThat(FaultSchedule.draw(Duration.ofHours(1), 1, 2).faults())
                .filteredOn(f -> f.kind() != FaultSchedule.Kind.ANALYTICS_KILL)
                .extracting(FaultSchedule.Fault::away).containsOnly(Duration.ofSeconds(60));
    }

    @Test
    void aRunTooShortForTheFaultsIsRefusedNamingTheMinimum() {
        assertThatThrownBy(() -> FaultSchedule.draw(Duration.ofSeconds(30), 1, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 minute");
    }
}
