package org.haipump.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Shared, named fixtures of the domain tests: one fixed clock, one zone, the default policy. */
final class CycleFixtures {

    /** The clinic's zone (DST ends 2026-11-01, starts again 2027-03-14). */
    static final ZoneId ZONE = ZoneId.of("America/New_York");
    /** Monday 2 March 2026, 09:00 in New York (EST). */
    static final Instant NOW = Instant.parse("2026-03-02T14:00:00Z");
    /** The local date of {@link #NOW} in {@link #ZONE}. */
    static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    static final CyclePolicy POLICY = CyclePolicy.DEFAULT;
    static final RefillCycle CYCLE = new RefillCycle(POLICY);

    static final LocalDate IMPLANTED_ON = LocalDate.of(2026, 1, 5);
    static final double RESERVOIR_ML = 30.0;
    static final double NOMINAL_ML_PER_DAY = 1.0;
    /** The volume of a full fill. */
    static final double FULL_ML = 30.0;

    private CycleFixtures() {
    }

    static Duration days(long days) {
        return Duration.ofDays(days);
    }

    static PumpBuilder pump() {
        return new PumpBuilder();
    }

    /** A full fill of {@code drug} at {@code at}, without residual or deviation reason. */
    static ProposedFill proposedFill(Instant at, Drug drug) {
        return new ProposedFill(at, drug, FULL_ML, null, null);
    }

    /** Asserts the decision allowed the request and returns what it allowed. */
    @SuppressWarnings("unchecked")
    static <T> T allowed(Decision<T> decision) {
        assertThat(decision).as("decision").isInstanceOf(Decision.Allowed.class);
        return ((Decision.Allowed<T>) decision).value();
    }

    /** Asserts the decision refused the request and returns why. */
    static Refusal refused(Decision<?> decision) {
        assertThat(decision).as("decision").isInstanceOf(Decision.Refused.class);
        return ((Decision.Refused<?>) decision).refusal();
    }

    /** A pump as the persistence layer would describe it; defaults: active, ACTIVE mode, never filled. */
    static final class PumpBuilder {
        private boolean active = true;
        private TherapyMode mode = TherapyMode.ACTIVE;
        private double nominalFlowMlPerDay = NOMINAL_ML_PER_DAY;
        private FillFact lastFill;
        private Drug lastRestDrug;
        private Double latestMeasuredFlowMlPerDay;
        private boolean measuredFlowIsLowerBound;
        private final List<GlycerolHold> holds = new ArrayList<>();
        private final List<ChemotherapyHold> chemotherapyHolds = new ArrayList<>();

        /** A full fill of {@code drug} at {@code at} became the latest fill. */
        PumpBuilder filled(Drug drug, Instant at) {
            return filled(new FillFact(at, drug, FULL_ML));
        }

        /** {@code fill} became the latest fill; a rest drug also becomes the last rest drug. */
        PumpBuilder filled(FillFact fill) {
            lastFill = fill;
            if (fill.drug().isRest()) {
                lastRestDrug = fill.drug();
            }
            return this;
        }

        /** A full glycerol fill a glycerol hold asked for became the latest fill: it is no rest drug of the pump's. */
        PumpBuilder filledWithGlycerolForAHold(Instant at) {
            lastFill = new FillFact(at, Drug.GLYCEROL, FULL_ML);
            return this;
        }

        PumpBuilder lastRestDrug(Drug drug) {
            lastRestDrug = drug;
            return this;
        }

        PumpBuilder maintenance() {
            mode = TherapyMode.MAINTENANCE;
            return this;
        }

        PumpBuilder mode(TherapyMode therapyMode) {
            mode = therapyMode;
            return this;
        }

        PumpBuilder removed() {
            active = false;
            return this;
        }

        PumpBuilder nominalFlow(double mlPerDay) {
            nominalFlowMlPerDay = mlPerDay;
            return this;
        }

        PumpBuilder measuredFlow(Double mlPerDay) {
            latestMeasuredFlowMlPerDay = mlPerDay;
            return this;
        }

        /** What the pump keeps for its predictions after a fill, as the fill service stores it. */
        PumpBuilder keeps(LatestFlow flow) {
            latestMeasuredFlowMlPerDay = flow.rateMlPerDay();
            measuredFlowIsLowerBound = flow.lowerBound();
            return this;
        }

        /** The latest measured rate came from a pump found empty: it is only a lower bound. */
        PumpBuilder measuredFlowAtLeast(double mlPerDay) {
            latestMeasuredFlowMlPerDay = mlPerDay;
            measuredFlowIsLowerBound = true;
            return this;
        }

        PumpBuilder hold(LocalDate departOn, LocalDate returnOn) {
            holds.add(new GlycerolHold(departOn, returnOn));
            return this;
        }

        /** Chemotherapy held from {@code startsOn}, not ended. */
        PumpBuilder chemotherapyHold(LocalDate startsOn, LocalDate reviewOn) {
            chemotherapyHolds.add(ChemotherapyHold.lasting(startsOn, reviewOn));
            return this;
        }

        /** Chemotherapy held from {@code startsOn} until the day before {@code endsOn}. */
        PumpBuilder chemotherapyHeld(LocalDate startsOn, LocalDate endsOn) {
            chemotherapyHolds.add(new ChemotherapyHold(startsOn, startsOn, endsOn));
            return this;
        }

        PumpCycle build() {
            return new PumpCycle(active, mode, ZONE, IMPLANTED_ON, RESERVOIR_ML, nominalFlowMlPerDay,
                    lastFill, lastRestDrug, latestMeasuredFlowMlPerDay, measuredFlowIsLowerBound, holds,
                    chemotherapyHolds);
        }
    }
}
