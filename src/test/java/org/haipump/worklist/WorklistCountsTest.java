package org.haipump.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.haipump.cycle.RefillStatus;
import org.haipump.support.MovingClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How old the worklist's counts may be, and who pays for counting them again. */
class WorklistCountsTest {

    private static final Instant START = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration MAX_AGE = Duration.ofSeconds(5);

    private final MovingClock clock = new MovingClock(START);
    /** The moments counted at, and their horizons. */
    private final List<Instant[]> counted = new ArrayList<>();
    /** Background work (Caffeine's refreshes and upkeep) waiting to run: the test runs it when it wants. */
    private final List<Runnable> background = new ArrayList<>();

    private WorklistCounts counts(Duration maxAge) {
        return new WorklistCounts(maxAge, clock, (now, horizon) -> {
            counted.add(new Instant[] {now, horizon});
            Map<RefillStatus, Long> byStatus = new EnumMap<>(RefillStatus.class);
            byStatus.put(RefillStatus.UPCOMING, (long) counted.size());
            byStatus.put(RefillStatus.OVERDUE, 1L);
            byStatus.put(RefillStatus.CRITICAL, 0L);
            return byStatus;
        }, background::add);
    }

    private void runBackground() {
        List<Runnable> due = new ArrayList<>(background);
        background.clear();
        due.forEach(Runnable::run);
    }

    @Test
    void theDefaultHorizonIsCountedFromTheMomentOfCounting() {
        WorklistCounts.Counts first = counts(MAX_AGE).counts(null);

        assertThat(first.asOf()).isEqualTo(START);
        assertThat(first.horizon()).isEqualTo(START.plus(WorklistService.DEFAULT_HORIZON));
        assertThat(first.total()).isEqualTo(2);
    }

    @ParameterizedTest(name = "asked {0} s after counting: counted again in the request {1}, in the background {2}")
    @CsvSource({
            // up to the maximum age: served as they are
            "0, false, false",
            "5, false, false",
            // older: served, and counted again in the background
            "5.001, false, true",
            "9.999, false, true",
            // from twice the maximum age on (a quiet spell): the request counts them itself
            "10, true, false",
            "60, true, false",
    })
    void countsAreServedUpToTheirMaximumAgeThenCountedAgain(double askedAfter, boolean inRequest, boolean inBackground) {
        WorklistCounts counts = counts(MAX_AGE);
        counts.counts(null);
        clock.advance(Duration.ofMillis(Math.round(askedAfter * 1000)));

        WorklistCounts.Counts served = counts.counts(null);

        assertThat(served.asOf()).as("counted in the request").isEqualTo(inRequest ? clock.instant() : START);
        assertThat(counted).as("counts taken before the answer").hasSize(inRequest ? 2 : 1);
        runBackground();
        assertThat(counted).as("counts taken, the background's included").hasSize(inRequest || inBackground ? 2 : 1);
        if (inBackground) {
            assertThat(counts.counts(null).asOf()).as("the next request gets the fresh counts").isEqualTo(clock.instant());
        }
    }

    @Test
    void eachHorizonHasItsOwnCounts() {
        WorklistCounts counts = counts(MAX_AGE);
        Instant tomorrow = START.plus(Duration.ofDays(1));

        assertThat(counts.counts(tomorrow).horizon()).isEqualTo(tomorrow);
        assertThat(counts.counts(null).horizon()).isEqualTo(START.plus(WorklistService.DEFAULT_HORIZON));
        assertThat(counts.counts(tomorrow).horizon()).isEqualTo(tomorrow);
        assertThat(counted).hasSize(2);
    }

    @Test
    void aMaximumAgeOfZeroCountsOnEveryRequest() {
        WorklistCounts counts = counts(Duration.ZERO);

        counts.counts(null);
        counts.counts(null);

        runBackground();
        assertThat(counted).hasSize(2);
    }
}
