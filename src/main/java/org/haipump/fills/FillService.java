package org.haipump.fills;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.haipump.appointments.AppointmentEntity;
import org.haipump.appointments.AppointmentService;
import org.haipump.cycle.AcceptedFill;
import org.haipump.cycle.FlowMeasurement;
import org.haipump.cycle.NextRefill;
import org.haipump.cycle.ProposedFill;
import org.haipump.cycle.RefillLocation;
import org.haipump.cycle.PumpCycle;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.problem.ProblemType;
import org.haipump.platform.security.CurrentActor;
import org.haipump.platform.web.IfMatch;
import org.haipump.platform.web.ItemsPage;
import org.haipump.platform.web.PageRequest;
import org.haipump.pumps.FillEntity;
import org.haipump.pumps.FillRepository;
import org.haipump.pumps.NextRefillResponse;
import org.haipump.pumps.PumpCycles;
import org.haipump.pumps.PumpEntity;
import org.haipump.pumps.PumpRepository;
import org.haipump.pumps.PumpService;

/** Recording what a nurse did at the pump, exactly once per {@code Idempotency-Key}. */
@ApplicationScoped
public class FillService {

    private final PumpRepository pumps;
    private final PumpService pumpService;
    private final FillRepository fills;
    private final IdempotencyRecordRepository idempotency;
    private final AppointmentService appointments;
    private final PumpCycles cycles;
    private final Event<FillRecorded> recorded;
    private final CurrentActor actor;
    private final ObjectMapper json;
    private final Clock clock;

    FillService(PumpRepository pumps, PumpService pumpService, FillRepository fills,
                IdempotencyRecordRepository idempotency, AppointmentService appointments, PumpCycles cycles,
                Event<FillRecorded> recorded, CurrentActor actor, ObjectMapper json, Clock clock) {
        this.pumps = pumps;
        this.pumpService = pumpService;
        this.fills = fills;
        this.idempotency = idempotency;
        this.appointments = appointments;
        this.cycles = cycles;
        this.recorded = recorded;
        this.actor = actor;
        this.json = json;
        this.clock = clock;
    }

    /**
     * A fill changes the pump's cycle, so it honours {@code If-Match} on the pump; a replay answers
     * the first answer whatever it names (that change was applied).
     */
    @Transactional
    public FillOutcome record(UUID pumpId, RecordFillRequest submitted, String idempotencyKey, IfMatch ifMatch) {
        return record(pumpId, submitted, idempotencyKey, ifMatch, null);
    }

    /**
     * The same rules for a fill done at home by a partner's nurse ({@code home} set): recorded at
     * {@code HOME} with the partner and the nurse. A clinic fill that completes a home visit is at home too.
     */
    @Transactional
    public FillOutcome record(UUID pumpId, RecordFillRequest submitted, String idempotencyKey, IfMatch ifMatch,
                              HomeFill home) {
        RecordFillRequest request = submitted.atStoredPrecision();
        // The pump's row lock orders every fill of one pump, and makes a repeat of the same key wait
        // for the first to commit, so that it finds the first answer below.
        PumpEntity pump = pumps.findForUpdate(pumpId).orElseThrow(() -> ProblemException.notFound("pump", pumpId));
        String fingerprint = idempotencyKey == null ? null : fingerprint(pumpId, request, home);
        if (idempotencyKey != null) {
            Optional<FillOutcome> replay = replay(idempotencyKey, fingerprint);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        ifMatch.check(pump.version);
        if (!pump.isActive()) {
            throw ProblemException.of(ProblemType.PUMP_REMOVED, "The pump was removed on " + pump.removedOn + ".");
        }
        Instant now = clock.instant();
        PumpCycle cycle = cycles.cycleOf(pump);
        AcceptedFill accepted = cycles.rules().assessFill(cycle, proposed(request), now)
                .orElseThrow(ProblemException::of);

        FillEntity fill = new FillEntity();
        fill.id = UUID.randomUUID();
        fill.pumpId = pump.id;
        fill.performedAt = request.performedAt();
        fill.drug = request.drug();
        fill.volumeMl = request.volumeMl();
        fill.residualVolumeMl = request.residualVolumeMl();
        fill.expectedDrug = accepted.expectedDrug();
        fill.deviation = accepted.deviation();
        fill.deviationReason = blankToNull(request.deviationReason());
        fill.notes = blankToNull(request.notes());
        FlowMeasurement flow = accepted.flow();
        fill.measuredFlowRateMlPerDay = decimal(flow.rateMlPerDay(), 3);
        fill.flowDeviationPercent = decimal(flow.deviationPercent(), 1);
        fill.measuredFlowIsLowerBound = flow.rateIsLowerBound();
        fill.recordedBy = actor.name();
        fill.recordedAt = now;
        Optional<AppointmentEntity> completed = appointments.completeWithFill(pump.id, request.appointmentId(), fill.id);
        fill.appointmentId = completed.map(a -> a.id).orElse(null);
        boolean atHome = home != null || completed.map(a -> a.location == RefillLocation.HOME).orElse(false);
        fill.location = atHome ? RefillLocation.HOME : RefillLocation.CLINIC;
        if (home != null) {
            fill.partnerId = home.partnerId();
            fill.performedBy = home.performedBy().strip();
        }
        fills.persist(fill);
        boolean forGlycerolHold = cycles.linkToGlycerolHold(cycle, fill);

        pump.lastFillId = fill.id;
        flow.latestFlow().ifPresent(latest -> {
            pump.latestMeasuredFlowMlPerDay = decimal(latest.rateMlPerDay(), 3);
            pump.latestFlowIsLowerBound = latest.lowerBound();
        });
        Optional<NextRefill> next = cycles.refreshAfterFill(pump, cycle, fill, forGlycerolHold);
        recorded.fire(new FillRecorded(fill.id, pump.id, pump.patientId, fill.performedAt, accepted, next.orElse(null),
                completed.map(a -> a.location).orElse(null), now));

        FillResponse response = FillResponse.of(fill,
                next.map(n -> NextRefillResponse.of(n, cycle.zone())).orElse(null));
        if (idempotencyKey != null) {
            remember(idempotencyKey, fingerprint, fill, response, now);
        }
        return new FillOutcome(pump.id, fill.id, response, false);
    }

    @Transactional
    public ItemsPage<FillResponse> list(UUID pumpId, PageRequest page) {
        pumpService.require(pumpId);
        return ItemsPage.of(fills.newestFirst(pumpId), page, f -> FillResponse.of(f, null));
    }

    @Transactional
    public Optional<FillResponse> find(UUID pumpId, UUID fillId) {
        return fills.findByIdOptional(fillId).filter(f -> f.pumpId.equals(pumpId)).map(f -> FillResponse.of(f, null));
    }

    private Optional<FillOutcome> replay(String key, String fingerprint) {
        return idempotency.findByIdOptional(new IdempotencyRecordEntity.Key(actor.idempotencyScope(), key)).map(previous -> {
            if (!previous.requestHash.equals(fingerprint)) {
                throw ProblemException.of(ProblemType.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was used with another request; use a new key for a new fill.",
                        "Idempotency-Key");
            }
            return new FillOutcome(previous.pumpId, previous.fillId, previous.responseBody, true);
        });
    }

    private void remember(String key, String fingerprint, FillEntity fill, FillResponse response, Instant now) {
        IdempotencyRecordEntity record = new IdempotencyRecordEntity();
        record.caller = actor.idempotencyScope();
        record.key = key;
        record.requestHash = fingerprint;
        record.pumpId = fill.pumpId;
        record.fillId = fill.id;
        record.responseStatus = 201;
        try {
            record.responseBody = json.writeValueAsString(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A fill response could not be serialised", e);
        }
        record.createdAt = now;
        idempotency.persist(record);
    }

    /** Same pump and same body, whatever the JSON's spacing, key order or trailing zeros. */
    static String fingerprint(UUID pumpId, RecordFillRequest r, HomeFill home) {
        String canonical = String.join("\n", pumpId.toString(),
                home == null ? "" : home.partnerId() + "\n" + home.performedBy().strip(), String.valueOf(r.performedAt()),
                String.valueOf(r.drug()), plain(r.volumeMl()), plain(r.residualVolumeMl()),
                Objects.toString(blankToNull(r.deviationReason()), ""), Objects.toString(r.appointmentId(), ""),
                Objects.toString(blankToNull(r.notes()), ""));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JVM", e);
        }
    }

    private static ProposedFill proposed(RecordFillRequest r) {
        return new ProposedFill(r.performedAt(), r.drug(), r.volumeMl().doubleValue(),
                r.residualVolumeMl() == null ? null : r.residualVolumeMl().doubleValue(), r.deviationReason());
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }

    private static BigDecimal decimal(Double value, int scale) {
        return value == null ? null : BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
