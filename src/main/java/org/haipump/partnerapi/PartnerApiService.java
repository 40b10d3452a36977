package org.haipump.partnerapi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.haipump.appointments.AppointmentEntity;
import org.haipump.appointments.AppointmentRepository;
import org.haipump.appointments.AppointmentStatus;
import org.haipump.cycle.PumpCycle;
import org.haipump.cycle.RefillLocation;
import org.haipump.fills.FillOutcome;
import org.haipump.fills.FillResponse;
import org.haipump.fills.FillService;
import org.haipump.fills.HomeFill;
import org.haipump.partners.PartnerScope;
import org.haipump.patients.PatientEntity;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.web.IfMatch;
import org.haipump.platform.web.ItemsPage;
import org.haipump.platform.web.PageRequest;
import org.haipump.platform.web.Versioned;
import org.haipump.pumps.PumpCycles;
import org.haipump.pumps.PumpEntity;
import org.haipump.pumps.PumpRepository;
import org.haipump.pumps.PumpResponse;
import org.haipump.pumps.PumpViews;
import org.haipump.pumps.PumpStatus;
import org.haipump.worklist.WorklistService;

/**
 * What a partner may read and write: its own patients' pumps only ({@link PartnerScope}). Every
 * use case checks the scope before it reads or writes anything, and answers 404 for anything else.
 */
@ApplicationScoped
public class PartnerApiService {

    private final PartnerScope scope;
    private final EntityManager em;
    private final PumpRepository pumps;
    private final PumpViews pumpViews;
    private final PumpCycles pumpCycles;
    private final AppointmentRepository appointments;
    private final FillService fills;
    private final Clock clock;

    PartnerApiService(PartnerScope scope, EntityManager em, PumpRepository pumps, PumpViews pumpViews,
                      PumpCycles pumpCycles, AppointmentRepository appointments, FillService fills, Clock clock) {
        this.scope = scope;
        this.em = em;
        this.pumps = pumps;
        this.pumpViews = pumpViews;
        this.pumpCycles = pumpCycles;
        this.appointments = appointments;
        this.fills = fills;
        this.clock = clock;
    }

    /**
     * The active pumps of the partner's current patients due before the horizon, most urgent first:
     * the worklist's selection and order, with the same rules deciding status and basis.
     */
    @Transactional
    public List<PartnerRefill> refills(Instant dueBefore) {
        UUID partnerId = scope.partnerId();
        Instant now = clock.instant();
        Instant horizon = dueBefore != null ? dueBefore : now.plus(WorklistService.DEFAULT_HORIZON);
        List<Object[]> rows = em.createQuery("""
                        select p, pt from PumpEntity p, PatientEntity pt, PartnerAssignmentEntity a
                        where pt.id = p.patientId and a.patientId = pt.id and a.partnerId = :partner
                          and a.endedAt is null and p.status = :active and p.nextDueAt < :horizon
                        order by p.nextDueAt, p.id""", Object[].class)
                .setParameter("partner", partnerId)
                .setParameter("active", PumpStatus.ACTIVE)
                .setParameter("horizon", horizon)
                .getResultList();
        List<PumpEntity> due = rows.stream().map(r -> (PumpEntity) r[0]).toList();
        Map<UUID, AppointmentEntity> visits = homeVisits(due.stream().map(p -> p.id).toList());
        Map<UUID, PumpCycle> cycles = pumpCycles.cyclesOf(due);
        List<PartnerRefill> items = new ArrayList<>();
        for (Object[] row : rows) {
            PumpEntity pump = (PumpEntity) row[0];
            PatientEntity patient = (PatientEntity) row[1];
            pumpCycles.rules().nextRefill(cycles.get(pump.id), now).ifPresent(next -> items.add(new PartnerRefill(
                    pump.id,
                    new PartnerRefill.Patient(patient.id, patient.givenName, patient.familyName, patient.birthDate,
                            patient.mrn),
                    new PartnerRefill.Pump(pump.model, pump.serialNumber),
                    next.drug(), pump.reservoirVolumeMl, next.dueAt(), next.reserveEndsAt(), next.status(),
                    next.basis(), Optional.ofNullable(visits.get(pump.id)).map(PartnerApiService::visit).orElse(null))));
        }
        return items;
    }

    @Transactional
    public Versioned<PumpResponse> pump(UUID pumpId) {
        requirePump(pumpId);
        return pumpViews.find(pumpId).orElseThrow(() -> ProblemException.notFound("pump", pumpId));
    }

    @Transactional
    public ItemsPage<FillResponse> fills(UUID pumpId, PageRequest page) {
        requirePump(pumpId);
        return fills.list(pumpId, page);
    }

    @Transactional
    public FillResponse fill(UUID pumpId, UUID fillId) {
        requirePump(pumpId);
        return fills.find(pumpId, fillId).orElseThrow(() -> ProblemException.notFound("fill", fillId));
    }

    /**
     * The clinic's fill rules, recorded at home. The pump's row is locked before the scope is
     * checked, so that an unassignment committed before the fill is seen by it.
     */
    @Transactional
    public FillOutcome recordFill(UUID pumpId, HomeFillRequest request, String idempotencyKey) {
        UUID partnerId = scope.partnerId();
        PumpEntity pump = pumps.findForUpdate(pumpId).orElseThrow(() -> ProblemException.notFound("pump", pumpId));
        scope.requirePatient(pump.patientId, "pump", pumpId);
        return fills.record(pumpId, request.fill(), idempotencyKey, IfMatch.ABSENT,
                new HomeFill(partnerId, request.performedBy()));
    }

    private void requirePump(UUID pumpId) {
        PumpEntity pump = pumps.findByIdOptional(pumpId).orElseThrow(() -> ProblemException.notFound("pump", pumpId));
        scope.requirePatient(pump.patientId, "pump", pumpId);
    }

    /** Each pump's open home visit, else its latest home visit missed since its last fill. */
    private Map<UUID, AppointmentEntity> homeVisits(List<UUID> pumpIds) {
        if (pumpIds.isEmpty()) {
            return Map.of();
        }
        List<AppointmentEntity> listed = new ArrayList<>(appointments.openForPumps(pumpIds));
        listed.addAll(appointments.missedSinceLastFill(pumpIds));
        // Open before missed: the open visit is the one the nurse goes to.
        return listed.stream().filter(a -> a.location == RefillLocation.HOME)
                .collect(Collectors.toMap(a -> a.pumpId, Function.identity(),
                        (a, b) -> a.status == AppointmentStatus.BOOKED ? a : b));
    }

    private static PartnerRefill.Appointment visit(AppointmentEntity a) {
        return new PartnerRefill.Appointment(a.id, a.startsAt, a.status, a.workOrderStatus, a.proposedStartsAt);
    }
}
