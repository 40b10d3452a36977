package org.haipump.pumps;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.haipump.cycle.ChemotherapyHold;
import org.haipump.cycle.Drug;
import org.haipump.cycle.FillFact;
import org.haipump.cycle.GlycerolHold;
import org.haipump.cycle.NextRefill;
import org.haipump.cycle.PumpCycle;
import org.haipump.cycle.RefillCycle;
import org.haipump.cycle.TherapyMode;

/**
 * Loads a pump's history into the domain's {@link PumpCycle}, and writes the derived next-refill
 * columns back so that the worklist and the overdue scan can stay set-based.
 */
@ApplicationScoped
public class PumpCycles {

    /**
     * What the rules need of a pump beyond its own row: the patient's time zone, the latest fill,
     * the latest rest drug (heparin or glycerol, a glycerol hold's own fill not counted), the
     * glycerol holds not cancelled and the chemotherapy holds. Dates as {@code YYYY-MM-DD}, whatever
     * the session's DateStyle; a hold's dates joined by spaces, holds by commas.
     */
    private static final String FACTS = """
            select p.id, pt.time_zone, f.id, f.performed_at, f.drug, f.volume_ml,
                   (select r.drug from fill r
                     where r.pump_id = p.id and r.drug in ('HEPARIN', 'GLYCEROL')
                       and not exists (select 1 from glycerol_hold h where h.glycerol_fill_id = r.id)
                     order by r.performed_at desc limit 1),
                   (select string_agg(to_char(g.depart_on, 'YYYY-MM-DD') || ' ' || to_char(g.return_on, 'YYYY-MM-DD'),
                                      ',' order by g.depart_on)
                      from glycerol_hold g where g.pump_id = p.id and g.status <> 'CANCELLED'),
                   (select string_agg(to_char(c.starts_on, 'YYYY-MM-DD') || ' ' || to_char(c.review_on, 'YYYY-MM-DD')
                                      || ' ' || coalesce(to_char(c.ends_on, 'YYYY-MM-DD'), '-'), ',' order by c.starts_on)
                      from chemotherapy_hold c where c.pump_id = p.id)""";
    private static final int FACT_COLUMNS = 9;
    private static final String FROM = """

              from pump p
              join patient pt on pt.id = p.patient_id
              left join fill f on f.id = p.last_fill_id""";
    /** One statement for any number of pumps: the ids as one array, so that the statement's text never changes. */
    private static final String FACTS_OF_PUMPS = FACTS + FROM + "\n where p.id = any(?)";
    /** A pump's row and its facts: what the pump's view shows. */
    private static final String PUMP_WITH_FACTS = FACTS + """
            ,
                   p.patient_id, p.model, p.serial_number, p.reservoir_volume_ml, p.nominal_flow_rate_ml_per_day,
                   p.implanted_on, p.therapy_mode, p.status, p.removed_on, p.removal_reason, p.removal_note,
                   p.last_fill_id, p.latest_measured_flow_ml_per_day, p.latest_flow_lower_bound, p.created_at,
                   p.version""" + FROM + "\n where p.id = ?";

    private final PumpRepository pumps;
    private final GlycerolHoldRepository holds;
    private final AgroalDataSource dataSource;
    private final RefillCycle rules;
    private final Event<PumpPlanChanged> planChanged;
    private final Clock clock;

    PumpCycles(PumpRepository pumps, GlycerolHoldRepository holds, AgroalDataSource dataSource, RefillCycle rules,
               Event<PumpPlanChanged> planChanged, Clock clock) {
        this.pumps = pumps;
        this.holds = holds;
        this.dataSource = dataSource;
        this.rules = rules;
        this.planChanged = planChanged;
        this.clock = clock;
    }

    public RefillCycle rules() {
        return rules;
    }

    public PumpCycle cycleOf(PumpEntity pump) {
        return cyclesOf(List.of(pump)).get(pump.id);
    }

    /** The cycles of many pumps, in one statement whatever their number. */
    public Map<UUID, PumpCycle> cyclesOf(Collection<PumpEntity> pumps) {
        Map<UUID, PumpCycle> cycles = new HashMap<>();
        loadedOf(pumps).forEach((id, loaded) -> cycles.put(id, loaded.cycle()));
        return cycles;
    }

    /** A pump's cycle, and its latest fill as the pump's views show it. */
    public record Loaded(PumpCycle cycle, LastFillResponse lastFill) {
    }

    /**
     * The pumps' cycles and latest fills, in one statement (plain JDBC on the transaction's
     * connection). The session is flushed first, so that a fill or hold just persisted is in it;
     * the pumps' own columns are the entities', changes not yet flushed included.
     */
    public Map<UUID, Loaded> loadedOf(Collection<PumpEntity> pumps) {
        if (pumps.isEmpty()) {
            return Map.of();
        }
        Map<UUID, PumpEntity> byId = new HashMap<>();
        pumps.forEach(pump -> byId.put(pump.id, pump));
        this.pumps.flush();
        Map<UUID, Loaded> loaded = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(FACTS_OF_PUMPS)) {
            statement.setArray(1, connection.createArrayOf("uuid", byId.keySet().toArray()));
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    PumpEntity pump = byId.get(row.getObject(1, UUID.class));
                    loaded.put(pump.id, loaded(pump, row));
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("The pumps' cycles could not be read (SQLState " + e.getSQLState() + ")", e);
        }
        return loaded;
    }

    /** A pump as its view shows it, its cycle included, in one statement; empty when there is none. */
    public Optional<Viewed> viewed(UUID pumpId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(PUMP_WITH_FACTS)) {
            statement.setObject(1, pumpId);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                int c = FACT_COLUMNS;
                // Read for the view only: an entity that no session manages, never persisted.
                PumpEntity pump = new PumpEntity();
                pump.id = pumpId;
                pump.patientId = row.getObject(c + 1, UUID.class);
                pump.model = row.getString(c + 2);
                pump.serialNumber = row.getString(c + 3);
                pump.reservoirVolumeMl = row.getBigDecimal(c + 4);
                pump.nominalFlowRateMlPerDay = row.getBigDecimal(c + 5);
                pump.implantedOn = row.getObject(c + 6, LocalDate.class);
                pump.therapyMode = TherapyMode.valueOf(row.getString(c + 7));
                pump.status = PumpStatus.valueOf(row.getString(c + 8));
                pump.removedOn = row.getObject(c + 9, LocalDate.class);
                pump.removalReason = enumOrNull(RemovalReason.class, row.getString(c + 10));
                pump.removalNote = row.getString(c + 11);
                pump.lastFillId = row.getObject(c + 12, UUID.class);
                pump.latestMeasuredFlowMlPerDay = row.getBigDecimal(c + 13);
                pump.latestFlowIsLowerBound = row.getBoolean(c + 14);
                pump.createdAt = instant(row, c + 15);
                pump.version = row.getLong(c + 16);
                return Optional.of(new Viewed(pump, loaded(pump, row)));
            }
        } catch (SQLException e) {
            throw new PersistenceException("The pump could not be read (SQLState " + e.getSQLState() + ")", e);
        }
    }

    /** A pump's row (unmanaged), and its cycle and latest fill. */
    public record Viewed(PumpEntity pump, Loaded loaded) {
    }

    private static Loaded loaded(PumpEntity pump, ResultSet row) throws SQLException {
        UUID lastFillId = row.getObject(3, UUID.class);
        LastFillResponse last = lastFillId == null ? null
                : new LastFillResponse(lastFillId, instant(row, 4), Drug.valueOf(row.getString(5)), row.getBigDecimal(6));
        String restDrug = row.getString(7);
        return new Loaded(new PumpCycle(
                pump.isActive(),
                pump.therapyMode,
                ZoneId.of(row.getString(2)),
                pump.implantedOn,
                pump.reservoirVolumeMl.doubleValue(),
                pump.nominalFlowRateMlPerDay.doubleValue(),
                last == null ? null : new FillFact(last.performedAt(), last.drug(), last.volumeMl().doubleValue()),
                restDrug == null ? null : Drug.valueOf(restDrug),
                pump.latestMeasuredFlowMlPerDay == null ? null : pump.latestMeasuredFlowMlPerDay.doubleValue(),
                pump.latestFlowIsLowerBound,
                glycerolHolds(row.getString(8)),
                chemotherapyHolds(row.getString(9))), last);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    private static List<GlycerolHold> glycerolHolds(String joined) {
        return joined == null ? List.of() : Arrays.stream(joined.split(",")).map(hold -> {
            String[] dates = hold.split(" ");
            return new GlycerolHold(LocalDate.parse(dates[0]), LocalDate.parse(dates[1]));
        }).toList();
    }

    private static List<ChemotherapyHold> chemotherapyHolds(String joined) {
        return joined == null ? List.of() : Arrays.stream(joined.split(",")).map(hold -> {
            String[] dates = hold.split(" ");
            return new ChemotherapyHold(LocalDate.parse(dates[0]), LocalDate.parse(dates[1]),
                    dates[2].equals("-") ? null : LocalDate.parse(dates[2]));
        }).toList();
    }

    /** Recomputes the pump's next refill from its history and stores it on the pump row. */
    public Optional<NextRefill> refresh(PumpEntity pump) {
        return refreshed(pump).next();
    }

    /**
     * The pump's plan changed (its therapy mode): the next refill is recomputed, and whatever
     * follows the plan (open appointments) hears of it.
     */
    public void replan(PumpEntity pump) {
        planChanged.fire(new PumpPlanChanged(pump.id, refreshed(pump).cycle(), clock.instant()));
    }

    /**
     * A hold changed the pump's plan, which its row may not show (a hold beyond the next refill): the
     * pump's version moves all the same, so that its ETag does, then {@link #replan}.
     */
    public void replanForHold(PumpEntity pump) {
        pumps.getEntityManager().lock(pump, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
        replan(pump);
    }

    /**
     * A glycerol fill just recorded that a planned hold asked for (judged on the pump's cycle before
     * the fill) is that hold's: the hold is FILLED, and the fill no rest drug of the pump's own.
     * Answers whether the fill was a hold's.
     */
    public boolean linkToGlycerolHold(PumpCycle before, FillEntity fill) {
        if (fill.drug != Drug.GLYCEROL) {
            return false;
        }
        Optional<GlycerolHoldEntity> filled = rules.glycerolHoldAt(before, fill.performedAt)
                .flatMap(asked -> holds.forPump(fill.pumpId).stream()
                        .filter(h -> h.status == GlycerolHoldStatus.PLANNED && h.toHold().equals(asked))
                        .findFirst());
        filled.ifPresent(hold -> {
            hold.status = GlycerolHoldStatus.FILLED;
            hold.glycerolFillId = fill.id;
        });
        return filled.isPresent();
    }

    /**
     * Stores the next refill after a fill, from the cycle the fill was judged on plus the fill
     * itself ({@link PumpCycle#recorded}): nothing is read again.
     */
    public Optional<NextRefill> refreshAfterFill(PumpEntity pump, PumpCycle before, FillEntity fill,
                                                 boolean forGlycerolHold) {
        PumpCycle after = before.recorded(fill.toFact(), forGlycerolHold,
                pump.latestMeasuredFlowMlPerDay == null ? null : pump.latestMeasuredFlowMlPerDay.doubleValue(),
                pump.latestFlowIsLowerBound);
        return store(pump, after);
    }

    private record Refreshed(PumpCycle cycle, Optional<NextRefill> next) {
    }

    /** Stores the pump's next refill from its history; with the cycle it was computed from. */
    private Refreshed refreshed(PumpEntity pump) {
        PumpCycle cycle = cycleOf(pump);
        return new Refreshed(cycle, store(pump, cycle));
    }

    private Optional<NextRefill> store(PumpEntity pump, PumpCycle cycle) {
        Optional<NextRefill> next = rules.nextRefill(cycle, clock.instant());
        pump.nextDueAt = next.map(NextRefill::dueAt).orElse(null);
        pump.reserveEndsAt = next.map(NextRefill::reserveEndsAt).orElse(null);
        pump.nextDrug = next.map(NextRefill::drug).orElse(null);
        return next;
    }
}
