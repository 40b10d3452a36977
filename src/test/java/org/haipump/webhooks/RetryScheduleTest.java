package org.haipump.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A failed delivery waits twice as long after each attempt, ±20 %, up to six hours, and never past the maximum age. */
class RetryScheduleTest {

    private static final RetrySchedule SCHEDULE = new RetrySchedule(Duration.ofSeconds(30), Duration.ofDays(3));
    private static final Instant OCCURRED = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant NOW = OCCURRED.plusSeconds(60);

    @Test
    void theDelayDoublesWithEachAttempt() {
        assertThat(SCHEDULE.nextAttempt(OCCURRED, 1, NOW, 0.5)).contains(NOW.plusSeconds(30));
        assertThat(SCHEDULE.nextAttempt(OCCURRED, 2, NOW, 0.5)).contains(NOW.plusSeconds(60));
        assertThat(SCHEDULE.nextAttempt(OCCURRED, 3, NOW, 0.5)).contains(NOW.plusSeconds(120));
    }

    @Test
    void jitterSpreadsTheDelayByAFifthEitherWay() {
        assertThat(SCHEDULE.nextAttempt(OCCURRED, 3, NOW, 0.0)).contains(NOW.plusSeconds(96));
        assertThat(SCHEDULE.nextAttempt(OCCURRED, 3, NOW, 0.999999)).hasValueSatisfying(next ->
                assertThat(next).isAfter(NOW.plusSeconds(143)).isBeforeOrEqualTo(NOW.plusSeconds(144)));
    }

    @Test
    void theDelayStopsGrowingAtSixHours() {
        assertThat(SCHEDULE.nextAttempt(OCCURRED, 40, NOW, 0.5)).contains(NOW.plus(RetrySchedule.MAX_DELAY));
    }

    @Test
    void theLastAttemptIsAtTheMaximumAgeAndNoneAfterIt() {
        Instant end = OCCURRED.plus(Duration.ofDays(3));
        assertThat(SCHEDULE.nextAttempt(OCCURRED, 5, end.minusSeconds(10), 0.5)).contains(end);
        assertThat(SCHEDULE.nextAttempt(OCCURRED, 5, end.minusMillis(1), 0.5)).contains(end);
        assertThat(SCHEDULE.nextAttempt(OCCURRED, 5, end, 0.5)).isEmpty();
        assertThat(SCHEDULE.nextAttempt(OCCURRED, 5, end.plusSeconds(1), 0.5)).isEmpty();
    }
}
