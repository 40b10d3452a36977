package org.haipump.pumps;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the hold events of committed transactions, so that tests can see which state changes were named. */
@ApplicationScoped
public class HoldEvents {

    private record Seen(UUID pumpId, Object event) {
    }

    private final List<Seen> committed = new CopyOnWriteArrayList<>();

    void started(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChemotherapyHoldStarted event) {
        committed.add(new Seen(event.pumpId(), event));
    }

    void ended(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChemotherapyHoldEnded event) {
        committed.add(new Seen(event.pumpId(), event));
    }

    void planned(@Observes(during = TransactionPhase.AFTER_SUCCESS) GlycerolHoldPlanned event) {
        committed.add(new Seen(event.pumpId(), event));
    }

    void cancelled(@Observes(during = TransactionPhase.AFTER_SUCCESS) GlycerolHoldCancelled event) {
        committed.add(new Seen(event.pumpId(), event));
    }

    public List<ChemotherapyHoldStarted> startedFor(String pumpId) {
        return of(ChemotherapyHoldStarted.class, pumpId);
    }

    public List<ChemotherapyHoldEnded> endedFor(String pumpId) {
        return of(ChemotherapyHoldEnded.class, pumpId);
    }

    public List<GlycerolHoldPlanned> plannedFor(String pumpId) {
        return of(GlycerolHoldPlanned.class, pumpId);
    }

    public List<GlycerolHoldCancelled> cancelledFor(String pumpId) {
        return of(GlycerolHoldCancelled.class, pumpId);
    }

    private <T> List<T> of(Class<T> type, String pumpId) {
        UUID id = UUID.fromString(pumpId);
        return committed.stream().filter(seen -> seen.pumpId().equals(id)).map(Seen::event)
                .filter(type::isInstance).map(type::cast).toList();
    }
}
