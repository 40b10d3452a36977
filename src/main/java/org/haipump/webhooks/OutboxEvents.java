package org.haipump.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.haipump.appointments.AppointmentBooked;
import org.haipump.appointments.AppointmentCancelled;
import org.haipump.appointments.AppointmentMissed;
import org.haipump.appointments.AppointmentRescheduled;
import org.haipump.appointments.WorkOrderAnswered;
import org.haipump.fills.FillRecorded;
import org.haipump.flags.FlagEscalated;
import org.haipump.flags.FlagKind;
import org.haipump.flags.FlagLevel;
import org.haipump.flags.FlagRaised;
import org.haipump.flags.FlagResolved;
import org.haipump.partners.PartnerAssigned;
import org.haipump.partners.PartnerUnassigned;
import org.haipump.pumps.PumpRemoved;

/**
 * Turns the service's domain events into the events of the catalogue, inside the changing
 * transaction; the outbox writes them when it commits, and a rolled-back one writes none. Each
 * carries ids, drugs, times and states, never a name, an MRN or a birth date: a receiver fetches
 * the details it needs through the API, where the access is checked and audited.
 */
@ApplicationScoped
public class OutboxEvents {

    private final Outbox outbox;

    OutboxEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    void onFlagRaised(@Observes FlagRaised e) {
        EventType type = switch (e.kind()) {
            case REFILL_OVERDUE -> e.level() == FlagLevel.CRITICAL ? EventType.REFILL_CRITICAL : EventType.REFILL_OVERDUE;
            case FLOW_DEVIATION, NO_FLOW, PATENCY_REVIEW -> EventType.FLAG_RAISED;
            // A liver-test review is the clinic's own task: nothing a home-infusion nurse acts on.
            case CHEMO_HOLD_REVIEW -> null;
        };
        if (type != null) {
            outbox.append(type, e.at(), e.patientId(), null, data("flagId", e.flagId(), "pumpId", e.pumpId(),
                    "patientId", e.patientId(), "kind", e.kind(), "level", e.level()));
        }
    }

    void onFlagEscalated(@Observes FlagEscalated e) {
        outbox.append(EventType.REFILL_CRITICAL, e.at(), e.patientId(), null, data("flagId", e.flagId(),
                "pumpId", e.pumpId(), "patientId", e.patientId(), "kind", FlagKind.REFILL_OVERDUE,
                "level", FlagLevel.CRITICAL));
    }

    void onFlagResolved(@Observes FlagResolved e) {
        if (e.kind() == FlagKind.REFILL_OVERDUE) {
            outbox.append(EventType.REFILL_RESOLVED, e.at(), e.patientId(), null, data("flagId", e.flagId(),
                    "pumpId", e.pumpId(), "patientId", e.patientId(), "resolution", e.resolution()));
        }
    }

    void onFillRecorded(@Observes FillRecorded e) {
        outbox.append(EventType.FILL_RECORDED, e.recordedAt(), e.patientId(), null, data("fillId", e.fillId(),
                "pumpId", e.pumpId(), "patientId", e.patientId(), "performedAt", e.performedAt(),
                "location", e.location(),
                "nextDueAt", e.nextRefill() == null ? null : e.nextRefill().dueAt(),
                "nextReserveEndsAt", e.nextRefill() == null ? null : e.nextRefill().reserveEndsAt(),
                "nextDrug", e.nextRefill() == null ? null : e.nextRefill().drug()));
    }

    void onBooked(@Observes AppointmentBooked e) {
        outbox.append(EventType.APPOINTMENT_BOOKED, e.at(), e.patientId(), null, appointment(e.appointmentId(),
                e.pumpId(), e.patientId(), "startsAt", e.startsAt(), "urgent", e.urgent()));
    }

    void onRescheduled(@Observes AppointmentRescheduled e) {
        outbox.append(EventType.APPOINTMENT_RESCHEDULED, e.at(), e.patientId(), null, appointment(e.appointmentId(),
                e.pumpId(), e.patientId(), "previousStartsAt", e.previousStartsAt(), "startsAt", e.startsAt(),
                "urgent", e.urgent()));
    }

    void onCancelled(@Observes AppointmentCancelled e) {
        outbox.append(EventType.APPOINTMENT_CANCELLED, e.at(), e.patientId(), null,
                appointment(e.appointmentId(), e.pumpId(), e.patientId()));
    }

    void onMissed(@Observes AppointmentMissed e) {
        outbox.append(EventType.APPOINTMENT_MISSED, e.at(), e.patientId(), null,
                appointment(e.appointmentId(), e.pumpId(), e.patientId()));
    }

    void onWorkOrderAnswered(@Observes WorkOrderAnswered e) {
        EventType type = switch (e.status()) {
            case ACCEPTED -> EventType.APPOINTMENT_ACCEPTED;
            case DECLINED -> EventType.APPOINTMENT_DECLINED;
            case PROPOSED -> EventType.APPOINTMENT_PROPOSED;
            case PENDING -> throw new IllegalArgumentException("A partner's answer is never PENDING");
        };
        // The decline's reason is the partner's free text: it stays in the API, out of the events.
        outbox.append(type, e.at(), e.patientId(), e.partnerId(), appointment(e.appointmentId(), e.pumpId(),
                e.patientId(), "partnerId", e.partnerId(), "workOrderStatus", e.status(),
                "proposedStartsAt", e.proposedStartsAt()));
    }

    void onPumpRemoved(@Observes PumpRemoved e) {
        outbox.append(EventType.PUMP_REMOVED, e.at(), e.patientId(), null,
                data("pumpId", e.pumpId(), "patientId", e.patientId()));
    }

    void onAssigned(@Observes PartnerAssigned e) {
        outbox.append(EventType.PARTNER_ASSIGNED, e.at(), e.patientId(), e.partnerId(),
                data("patientId", e.patientId(), "partnerId", e.partnerId()));
    }

    /** Told to the partner that lost the patient: its last event about them. */
    void onUnassigned(@Observes PartnerUnassigned e) {
        outbox.append(EventType.PARTNER_UNASSIGNED, e.at(), e.patientId(), e.partnerId(),
                data("patientId", e.patientId(), "partnerId", e.partnerId()));
    }

    private static Map<String, Object> appointment(UUID appointmentId, UUID pumpId, UUID patientId, Object... more) {
        Map<String, Object> data = data("appointmentId", appointmentId, "pumpId", pumpId, "patientId", patientId);
        data.putAll(data(more));
        return data;
    }

    /** Name, value, name, value…; nulls kept, so that every event of a type has the same members. */
    private static Map<String, Object> data(Object... namesAndValues) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            data.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return data;
    }
}
