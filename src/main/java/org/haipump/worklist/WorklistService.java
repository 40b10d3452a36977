package org.haipump.worklist;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
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
import org.haipump.cycle.RefillSql;
import org.haipump.cycle.RefillStatus;
import org.haipump.flags.FlagRepository;
import org.haipump.flags.FlagResponse;
import org.haipump.patients.PatientEntity;
import org.haipump.platform.web.PageRequest;
import org.haipump.pumps.NextRefillResponse;
import org.haipump.pumps.PumpCycles;
import org.haipump.pumps.PumpEntity;
import org.haipump.pumps.PumpStatus;

/** The dashboard's list of refills by urgency: a handful of set-based queries per page. */
@ApplicationScoped
public class WorklistService {

    /** How far ahead a list of due refills looks when the caller names no {@code dueBefore}. */
    public static final java.time.Duration DEFAULT_HORIZON = java.time.Duration.ofDays(7);

    private final EntityManager em;
    private final FlagRepository flags;
    private final AppointmentRepository appointments;
    private final AppointmentService appointmentService;
    private final PumpCycles pumpCycles;
    private final Clock clock;

    WorklistService(EntityManager em, FlagRepository flags, AppointmentRepository appointments,
                    AppointmentService appointmentService, PumpCycles pumpCycles, Clock clock) {
        this.em = em;
        this.flags = flags;
        this.appointments = appointments;
        this.appointmentService = appointmentService;
        this.pumpCycles = pumpCycles;
        this.clock = clock;
    }

    @Transactional
    public WorklistResponse worklist(Instant dueBefore, PageRequest page) {
        Instant now = clock.instant();
        Instant horizon = dueBefore != null ? dueBefore : now.plus(DEFAULT_HORIZON);

        List<Object[]> rows = em.createQuery("""
                        select p, pt from PumpEntity p, PatientEntity pt
                        where pt.id = p.patientId and p.status = :active and p.nextDueAt < :horizon
                        order by p.nextDueAt, p.id""", Object[].class)
                .setParameter("active", PumpStatus.ACTIVE)
                .setParameter("horizon", horizon)
                .setFirstResult(page.offset())
                .setMaxResults(page.size)
                .getResultList();
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

        Map<RefillStatus, Long> counts = counts(now, horizon);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return new WorklistResponse(horizon, items, counts, page.page, page.size, total);
    }

    private static final String COUNTS = """
            select count(*) filter (where not (%1$s)),
                   count(*) filter (where %1$s and not (%2$s)),
                   count(*) filter (where %2$s)
            from pump where status = 'ACTIVE' and next_due_at < :horizon"""
            .formatted(RefillSql.isPastDue("next_due_at"), RefillSql.reserveHasEnded("reserve_ends_at"));

    private Map<RefillStatus, Long> counts(Instant now, Instant horizon) {
        Object[] row = (Object[]) em.createNativeQuery(COUNTS)
                .setParameter("now", now).setParameter("horizon", horizon).getSingleResult();
        Map<RefillStatus, Long> counts = new EnumMap<>(RefillStatus.class);
        counts.put(RefillStatus.UPCOMING, ((Number) row[0]).longValue());
        counts.put(RefillStatus.OVERDUE, ((Number) row[1]).longValue());
        counts.put(RefillStatus.CRITICAL, ((Number) row[2]).longValue());
        return counts;
    }
}
