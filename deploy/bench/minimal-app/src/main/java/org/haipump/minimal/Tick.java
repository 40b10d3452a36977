package org.haipump.minimal;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** One clustered Quartz job, so that the scheduler starts as it does in the service. */
@ApplicationScoped
public class Tick {

    @Scheduled(identity = "tick", every = "1h")
    void tick() {
    }
}
