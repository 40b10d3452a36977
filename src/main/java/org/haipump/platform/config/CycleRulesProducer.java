package org.haipump.platform.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.haipump.cycle.CyclePolicy;
import org.haipump.cycle.RefillCycle;

/** Builds the framework-free cycle rules from the typed configuration. */
@ApplicationScoped
public class CycleRulesProducer {

    @Produces
    @ApplicationScoped
    RefillCycle refillCycle(HaiConfig config) {
        HaiConfig.Cycle cycle = config.cycle();
        return new RefillCycle(new CyclePolicy(
                cycle.refillInterval(),
                cycle.glycerolInterval(),
                cycle.reserve(),
                cycle.earlyWindow(),
                config.flow().tolerance(),
                config.booking().urgentHorizon(),
                config.appointments().missedAfter(),
                cycle.returnMargin()));
    }
}
