package org.haipump.flags;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Tells of each flag raised, escalated or resolved, inside the transaction that changed it. Set-based
 * statements hand over the rows they changed ({@code returning id, pump_id, patient_id, …}).
 */
@ApplicationScoped
public class FlagEvents {

    private final Event<FlagRaised> raised;
    private final Event<FlagEscalated> escalated;
    private final Event<FlagResolved> resolved;

    FlagEvents(Event<FlagRaised> raised, Event<FlagEscalated> escalated, Event<FlagResolved> resolved) {
        this.raised = raised;
        this.escalated = escalated;
        this.resolved = resolved;
    }

    public void raised(FlagEntity flag) {
        raised.fire(new FlagRaised(flag.id, flag.pumpId, flag.patientId, flag.kind, flag.level, flag.raisedAt));
    }

    /** Rows of {@code id, pump_id, patient_id, kind, level}. */
    public void raised(List<Object[]> rows, Instant at) {
        for (Object[] row : rows) {
            raised.fire(new FlagRaised((UUID) row[0], (UUID) row[1], (UUID) row[2], FlagKind.valueOf((String) row[3]),
                    FlagLevel.valueOf((String) row[4]), at));
        }
    }

    /** Rows of {@code id, pump_id, patient_id}. */
    public void escalated(List<Object[]> rows, Instant at) {
        for (Object[] row : rows) {
            escalated.fire(new FlagEscalated((UUID) row[0], (UUID) row[1], (UUID) row[2], at));
        }
    }

    public void resolved(FlagEntity flag) {
        resolved.fire(new FlagResolved(flag.id, flag.pumpId, flag.patientId, flag.kind, flag.resolution,
                flag.resolvedAt));
    }

    /** Rows of {@code id, pump_id, patient_id, kind, resolution}. */
    public void resolved(List<Object[]> rows, Instant at) {
        for (Object[] row : rows) {
            resolved.fire(new FlagResolved((UUID) row[0], (UUID) row[1], (UUID) row[2],
                    FlagKind.valueOf((String) row[3]), (String) row[4], at));
        }
    }
}
