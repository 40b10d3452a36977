package org.haipump.appointments;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.haipump.cycle.Drug;
import org.haipump.cycle.RefillCycle;
import org.haipump.pumps.PumpPlanChanged;

/**
 * An open appointment whose planned drug nobody chose takes the drug the plan now gives its start,
 * when the therapy mode, a chemotherapy hold or a glycerol hold changes; a chosen drug is kept.
 */
@ApplicationScoped
class AppointmentsFollowThePlan {

    private final AppointmentRepository appointments;
    private final RefillCycle rules;
    private final Event<AppointmentPlannedDrugChanged> changed;

    AppointmentsFollowThePlan(AppointmentRepository appointments, RefillCycle rules,
                              Event<AppointmentPlannedDrugChanged> changed) {
        this.appointments = appointments;
        this.rules = rules;
        this.changed = changed;
    }

    void onPlanChanged(@Observes PumpPlanChanged plan) {
        appointments.findOpen(plan.pumpId()).filter(a -> !a.plannedDrugExplicit).ifPresent(appointment -> {
            Drug planned = rules.plannedDrug(plan.cycle(), appointment.startsAt);
            if (planned != appointment.plannedDrug) {
                Drug previous = appointment.plannedDrug;
                appointment.plannedDrug = planned;
                changed.fire(new AppointmentPlannedDrugChanged(appointment.id, appointment.pumpId,
                        appointment.patientId, previous, planned, plan.at()));
            }
        });
    }
}
