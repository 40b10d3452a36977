package org.haipump.worklist;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.haipump.appointments.AppointmentEntity;
import org.haipump.appointments.AppointmentRepository;
import org.haipump.appointments.AppointmentResponse;
import org.haipump.appointments.AppointmentService;
import org.haipump.appointments.AppointmentStatus;
import org.haipump.cycle.PumpCycle;
import org.haipump.flags.FlagRepository;
import org.haipump.flags.FlagResponse;
import org.haipump.patients.PatientEntity;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.web.PageRequest;
import org.haipump.pumps.NextRefillResponse;
import org.haipump.pumps.PumpCycles;
import org.haipump.pumps.PumpEntity;
import org.haipump.pumps.PumpStatus;

/** The dashboard's list of refills by urgency: a handful of set-based queries per page, and counts kept a moment. */
@ApplicationScoped
public class WorklistService {

    /** How far ahead a list of due refills looks when the caller names no {@code dueBefore}. */
    public static final java.time.Duration DEFAULT_HORIZON = java.time.Duration.ofDays(7);

    private final EntityManager em;
    private final FlagRepository flags;
    private final AppointmentRepository appointments;
    private final AppointmentService appointmentService;
    private final PumpCycles pumpCycles;
    private final WorklistCounts worklistCounts;
    private final Clock clock;

    WorklistService(EntityManager em, FlagRepository flags, AppointmentRepository appointments,
                    AppointmentService appointmentService, PumpCycles pumpCycles, WorklistCounts worklistCounts,
                    Clock clock) {
        this.em = em;
        this.flags = flags;
        this.appointments = appointments;
        this.appointmentService = appointmentService;
        this.pumpCycles = pumpCycles;
        this.worklistCounts = worklistCounts;
        this.clock = clock;
    }

    /**
     * A page by {@code page} (an offset), or the page after a cursor an earlier answer gave (an index
     * range, whatever the depth); {@code nextCursor} leads on while there is more.
     */
    @Transactional
    public WorklistResponse worklist(Instant dueBefore, PageRequest page, String after) {
        WorklistCursor cursor = after == null ? null : WorklistCursor.parse(after);
        if (cursor != null && page.page != 0) {
            throw ProblemException.invalid(WorklistCursor.PARAMETER, "cannot be combined with page: follow nextCursor");
        }
        Instant now = clock.instant();
        Instant horizon = dueBefore != null ? dueBefore : now.plus(DEFAULT_HORIZON);

        var query = em.createQuery("""
                        select p, pt from PumpEntity p, PatientEntity pt
                        where pt.id = p.patientId and p.status = :active and p.nextDueAt < :horizon"""
                        + (cursor == null ? "" : " and (p.nextDueAt, p.id) > (:afterDue, :afterId)")
                        + " order by p.nextDueAt, p.id", Object[].class)
                .setParameter("active", PumpStatus.ACTIVE)
                .setParameter("horizon", horizon);
        if (cursor != null) {
            query.setParameter("afterDue", cursor.dueAt()).setParameter("afterId", cursor.pumpId());
        }
        // One row more than the page: whether there is a next one.
        List<Object[]> found = query.setFirstResult(cursor == null ? page.offset() : 0)
                .setMaxResults(page.size + 1)
                .getResultList();
        List<Object[]> rows = found.subList(0, Math.min(found.size(), page.size));
        PumpEntity last = rows.isEmpty() ? null : (PumpEntity) rows.get(rows.size() - 1)[0];
        String nextCursor = found.size() > page.size ? new WorklistCursor(last.nextDueAt, last.id).encode() : null;
        List<UUID> pumpIds = rows.stream().map(r -> ((PumpEntity) r[0]).id).toList();
        Map<UUID, List<FlagResponse>> openFlags = flags.openForPumps(pumpIds).stream()
                .map(FlagResponse::of).collect(Collectors.groupingBy(FlagResponse::pumpId));
        // One view of both lists: their histories come in one query.
        List<AppointmentEntity> listed = new java.util.ArrayList<>(appointments.openForPumps(pumpIds));
        listed.addAll(appointments.missedSinceLastFill(pumpIds));
        Map<Boolean, Map<UUID, AppointmentResponse>> byStatus = appointmentService.views(listed).stream()
                .collect(Collectors.partitioningBy(a -> a.status() == AppointmentStatus.MISSED,
                        Collectors.toMap(AppointmentResponse::pumpId, Function.identity())));
        Map<UUID, AppointmentResponse> openAppointments = byStatus.get(false);
        Map<UUID, AppointmentResponse> missedAppointments = byStatus.get(true);
        // The same rules as GET /pumps/{id}, so both always agree on the next refill.
        Map<UUID, PumpCycle> cycles = pumpCycles.cyclesOf(rows.stream().map(r -> (PumpEntity) r[0]).toList());

        List<WorklistItem> items = rows.stream().map(r -> {
            PumpEntity pump = (PumpEntity) r[0];
            PatientEntity patient = (PatientEntity) r[1];
            return new WorklistItem(
                    new WorklistItem.PatientSummary(patient.id, patient.mrn, patient.givenName, patient.familyName,
                            patient.timeZone),
                    pump.id, pump.model, pump.serialNumber, pump.therapyMode,
                    pumpCycles.rules().nextRefill(cycles.get(pump.id), now)
                            .map(next -> NextRefillResponse.of(next, patient.zone())).orElse(null),
                    openFlags.getOrDefault(pump.id, List.of()),
                    openAppointments.get(pump.id),
                    missedAppointments.get(pump.id));
        }).toList();

        WorklistCounts.Counts counts = worklistCounts.counts(dueBefore);
        return new WorklistResponse(horizon, items, counts.byStatus(), counts.asOf(), page.page, page.size,
                counts.total(), nextCursor);
    }
}
