package org.haipump.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The policy defaults are the clinic's rules of DOMAIN.md, and a nonsensical policy cannot be built. */
class CyclePolicyDefaultsTest {

    private static final Duration D14 = Duration.ofDays(14);
    private static final Duration D56 = Duration.ofDays(56);
    private static final Duration D2 = Duration.ofDays(2);
    private static final Duration D3 = Duration.ofDays(3);
    private static final Duration H24 = Duration.ofHours(24);
    private static final Duration H2 = Duration.ofHours(2);

    @Test
    void defaultsAreTheClinicsRules() {
        assertThat(CyclePolicy.DEFAULT).isEqualTo(new CyclePolicy(D14, D56, D2, D3, 15.0, H24, H2, D2));
        assertThat(CyclePolicy.FUTURE_TOLERANCE).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void intervalsAndTheReserveMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CyclePolicy(Duration.ZERO, D56, D2, D3, 15.0, H24, H2, D2));
        assertThatIllegalArgumentException().isThrownBy(() -> new CyclePolicy(D14, Duration.ofDays(-1), D2, D3, 15.0, H24, H2, D2));
        assertThatIllegalArgumentException().isThrownBy(() -> new CyclePolicy(D14, D56, Duration.ZERO, D3, 15.0, H24, H2, D2));
        assertThatNullPointerException().isThrownBy(() -> new CyclePolicy(null, D56, D2, D3, 15.0, H24, H2, D2));
    }

    @Test
    void theEarlyWindowMayBeZeroButNotNegative() {
        assertThat(new CyclePolicy(D14, D56, D2, Duration.ZERO, 15.0, H24, H2, D2).earlyWindow()).isZero();
        assertThatIllegalArgumentException().isThrownBy(() -> new CyclePolicy(D14, D56, D2, Duration.ofDays(-1), 15.0, H24, H2, D2));
    }

    @Test
    void theFlowToleranceMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CyclePolicy(D14, D56, D2, D3, 0.0, H24, H2, D2));
        assertThatIllegalArgumentException().isThrownBy(() -> new CyclePolicy(D14, D56, D2, D3, Double.NaN, H24, H2, D2));
    }
}
