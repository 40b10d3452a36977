package org.haipump.appointments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.support.Api.APPOINTMENT;
import static org.haipump.support.Api.APPOINTMENTS;
import static org.haipump.support.Api.ETAG;
import static org.haipump.support.Api.IF_MATCH;
import static org.haipump.support.Api.REFILL_INTERVAL;
import static org.haipump.support.Api.RESCHEDULE;
import static org.haipump.support.Api.as;
import static org.haipump.support.Api.conflict;
import static org.haipump.support.Api.invalid;
import static org.haipump.support.Api.notFound;
import static org.haipump.support.Api.preconditionFailed;
import static org.haipump.support.Api.ruleViolated;
import static org.haipump.support.Api.sameInstant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haipump.support.Api;
import org.haipump.support.Db;
import org.haipump.support.RecordedEvents;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * A home visit of a patient who has a partner is the partner's work order: the partner accepts it,
 * declines it with a reason, or proposes another start inside the refill window, and the clinic
 * takes a proposal or books anew. Another partner's work order answers 404, as an unknown one does.
 */
@QuarkusTest
class WorkOrderApiTest {

    static final String WORK_ORDERS = "/api/v1/partner/appointments";
    static final String WORK_ORDER = WORK_ORDERS + "/{id}";
    static final String ACCEPTANCE = WORK_ORDER + "/acceptance";
    static final String DECLINE = WORK_ORDER + "/decline";
    static final String PROPOSAL = WORK_ORDER + "/proposal";
    static final String PROPOSAL_ACCEPTANCE = APPOINTMENT + "/proposal-acceptance";

    @Inject
    Db db;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RecordedEvents events;

    /** A pump filled 10 days ago (due in 4 days) whose patient has a partner, with a home visit at its due time. */
    private record HomeVisit(UUID partnerId, String patientId, String pumpId, String appointmentId, Instant dueAt) {

        String partner() {
            return Tokens.partner(partnerId);
        }
    }

    private HomeVisit homeVisit() throws SQLException {
        Instant filledAt = Api.daysAgo(10);
        String patientId = Api.registerPatient();
        String pumpId = Api.pumpFilledAt(patientId, filledAt, "CHEMOTHERAPY", Api.FULL_ML);
        UUID partnerId = newPartner();
        assign(patientId, partnerId);
        Instant dueAt = filledAt.plus(REFILL_INTERVAL);
        String appointmentId = bookAtHome(pumpId, dueAt);
        return new HomeVisit(partnerId, patientId, pumpId, appointmentId, dueAt);
    }

    private static String bookAtHome(String pumpId, Instant startsAt) {
        Map<String, Object> body = Api.appointmentBody(pumpId, startsAt);
        body.put("location", "HOME");
        return as(Tokens.scheduler()).body(body).post(APPOINTMENTS).then().statusCode(201).extract().path("id");
    }

    private UUID newPartner() throws SQLException {
        UUID id = UUID.randomUUID();
        execute("insert into partner (id, name, contact_email, created_at, created_by, updated_at)"
                + " values (?, 'Home Infusion Co', 'ops@home-infusion.test', now(), 'test', now())", id);
        return id;
    }

    private void assign(String patientId, UUID partnerId) throws SQLException {
        execute("insert into patient_partner_assignment (id, patient_id, partner_id, assigned_at, assigned_by)"
                + " values (?, ?, ?, now(), 'test')", UUID.randomUUID(), UUID.fromString(patientId), partnerId);
    }

    private void execute(String sql, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    @Test
    void aHomeVisitOfAPatientWithAPartnerIsAPendingWorkOrderTheClinicSeesToo() throws SQLException {
        HomeVisit visit = homeVisit();

        as(Tokens.scheduler()).get(APPOINTMENT, visit.appointmentId()).then().statusCode(200)
                .body("partnerId", equalTo(visit.partnerId().toString()))
                .body("workOrderStatus", equalTo("PENDING"));
        as(visit.partner()).get(WORK_ORDER, visit.appointmentId()).then().statusCode(200)
                .body("workOrderStatus", equalTo("PENDING"))
                .body("location", equalTo("HOME"))
                .body("refillDueAt", sameInstant(visit.dueAt()));
        List<String> listed = as(visit.partner()).get(WORK_ORDERS).then().statusCode(200).extract().path("items.id");
        assertThat(listed).containsExactly(visit.appointmentId());
    }

    @Test
    void aClinicVisitOrAHomeVisitWithoutPartnerIsNoWorkOrder() throws SQLException {
        HomeVisit visit = homeVisit();
        String clinicPump = Api.pumpFilledAt(Api.daysAgo(10), "CHEMOTHERAPY");
        String homeWithoutPartner = bookAtHome(clinicPump, Api.daysAgo(10).plus(REFILL_INTERVAL));

        as(Tokens.scheduler()).get(APPOINTMENT, homeWithoutPartner).then().statusCode(200)
                .body("partnerId", nullValue()).body("workOrderStatus", nullValue());
        notFound(as(visit.partner()).get(WORK_ORDER, homeWithoutPartner));
    }

    @Test
    void acceptingMakesTheWorkOrderAcceptedAndAcceptingAgainChangesNothing() throws SQLException {
        HomeVisit visit = homeVisit();

        String etag = as(visit.partner()).post(ACCEPTANCE, visit.appointmentId()).then().statusCode(200)
                .body("workOrderStatus", equalTo("ACCEPTED")).extract().header(ETAG);
        as(visit.partner()).post(ACCEPTANCE, visit.appointmentId()).then().statusCode(200)
                .body("workOrderStatus", equalTo("ACCEPTED")).header(ETAG, equalTo(etag));
    }

    @Test
    void aDeclineNeedsAReasonAndTheClinicSeesIt() throws SQLException {
        HomeVisit visit = homeVisit();
        Db.Snapshot before = db.snapshot(visit.pumpId());
        invalid(as(visit.partner()).body(Map.of("reason", " ")).post(DECLINE, visit.appointmentId()), "reason");
        before.assertNothingWritten();

        as(visit.partner()).body(Map.of("reason", "No nurse free that day")).post(DECLINE, visit.appointmentId())
                .then().statusCode(200).body("workOrderStatus", equalTo("DECLINED"));

        as(Tokens.scheduler()).get(APPOINTMENT, visit.appointmentId()).then().statusCode(200)
                .body("status", equalTo("BOOKED"))
                .body("workOrderStatus", equalTo("DECLINED"))
                .body("declineReason", equalTo("No nurse free that day"));
        conflict(as(visit.partner()).body(Map.of("reason", "Still no nurse")).post(DECLINE, visit.appointmentId()),
                "work-order-declined");
    }

    @Test
    void aProposalInsideTheWindowIsShownAndTheClinicTakesIt() throws SQLException {
        HomeVisit visit = homeVisit();
        Instant proposed = visit.dueAt().minus(Duration.ofHours(20));

        as(visit.partner()).body(Map.of("startsAt", proposed.toString())).post(PROPOSAL, visit.appointmentId())
                .then().statusCode(200)
                .body("workOrderStatus", equalTo("PROPOSED"))
                .body("proposedStartsAt", sameInstant(proposed))
                .body("startsAt", sameInstant(visit.dueAt()));
        String etag = Api.etagOf(APPOINTMENT, visit.appointmentId());

        as(Tokens.scheduler()).header(IF_MATCH, etag).post(PROPOSAL_ACCEPTANCE, visit.appointmentId())
                .then().statusCode(200)
                .body("startsAt", sameInstant(proposed))
                .body("workOrderStatus", equalTo("ACCEPTED"))
                .body("proposedStartsAt", nullValue())
                .body("history", hasSize(1))
                .body("history[0].previousStartsAt", sameInstant(visit.dueAt()));
        assertThat(events.of(AppointmentRescheduled.class))
                .filteredOn(e -> e.appointmentId().toString().equals(visit.appointmentId())).hasSize(1);
    }

    @Test
    void eachAnswerTellsOfItselfInItsTransaction() throws SQLException {
        HomeVisit visit = homeVisit();
        Instant proposed = visit.dueAt().minus(Duration.ofHours(20));
        as(visit.partner()).body(Map.of("startsAt", proposed.toString())).post(PROPOSAL, visit.appointmentId())
                .then().statusCode(200);
        as(visit.partner()).post(ACCEPTANCE, visit.appointmentId()).then().statusCode(200);
        as(visit.partner()).post(ACCEPTANCE, visit.appointmentId()).then().statusCode(200);
        as(visit.partner()).body(Map.of("reason", "No nurse free")).post(DECLINE, visit.appointmentId())
                .then().statusCode(200);
        as(visit.partner()).body(Map.of("reason", "Still none")).post(DECLINE, visit.appointmentId())
                .then().statusCode(409);

        List<WorkOrderAnswered> answers = events.of(WorkOrderAnswered.class).stream()
                .filter(e -> e.appointmentId().toString().equals(visit.appointmentId())).toList();
        assertThat(answers).extracting(WorkOrderAnswered::status).containsExactly(
                WorkOrderStatus.PROPOSED, WorkOrderStatus.ACCEPTED, WorkOrderStatus.DECLINED);
        assertThat(answers.get(0).proposedStartsAt()).isEqualTo(proposed);
        assertThat(answers.get(2).declineReason()).isEqualTo("No nurse free");
        assertThat(answers).allSatisfy(e -> assertThat(e.partnerId()).isEqualTo(visit.partnerId()));
    }

    @Test
    void aProposalOutsideTheWindowIsRefusedAndWritesNothing() throws SQLException {
        HomeVisit visit = homeVisit();
        Db.Snapshot before = db.snapshot(visit.pumpId());

        ruleViolated(as(visit.partner()).body(Map.of("startsAt", visit.dueAt().plus(Duration.ofDays(3)).toString()))
                .post(PROPOSAL, visit.appointmentId()), "outside-refill-window", "startsAt");
        invalid(as(visit.partner()).body(Map.of()).post(PROPOSAL, visit.appointmentId()), "startsAt");

        before.assertNothingWritten();
    }

    @Test
    void theClinicCannotTakeAProposalNobodyMadeNorAnOutdatedOne() throws SQLException {
        HomeVisit visit = homeVisit();
        conflict(as(Tokens.scheduler()).post(PROPOSAL_ACCEPTANCE, visit.appointmentId()), "no-proposal");

        String etag = Api.etagOf(APPOINTMENT, visit.appointmentId());
        as(visit.partner()).body(Map.of("startsAt", visit.dueAt().minus(Duration.ofHours(3)).toString()))
                .post(PROPOSAL, visit.appointmentId()).then().statusCode(200);
        preconditionFailed(as(Tokens.scheduler()).header(IF_MATCH, etag)
                .post(PROPOSAL_ACCEPTANCE, visit.appointmentId()));
    }

    @Test
    void aMoveByTheClinicAsksThePartnerAgain() throws SQLException {
        HomeVisit visit = homeVisit();
        as(visit.partner()).post(ACCEPTANCE, visit.appointmentId()).then().statusCode(200);

        as(Tokens.scheduler()).body(Map.of("startsAt", visit.dueAt().minus(Duration.ofHours(2)).toString()))
                .post(RESCHEDULE, visit.appointmentId()).then().statusCode(200)
                .body("workOrderStatus", equalTo("PENDING"));
    }

    @Test
    void anotherPartnersWorkOrderIsNotFoundForReadsAndAnswersAndChangesNothing() throws SQLException {
        HomeVisit visit = homeVisit();
        String stranger = Tokens.partner(newPartner());
        Db.Snapshot before = db.snapshot(visit.pumpId());

        notFound(as(stranger).get(WORK_ORDER, visit.appointmentId()));
        notFound(as(stranger).post(ACCEPTANCE, visit.appointmentId()));
        notFound(as(stranger).body(Map.of("reason", "No")).post(DECLINE, visit.appointmentId()));
        notFound(as(stranger).body(Map.of("startsAt", visit.dueAt().toString())).post(PROPOSAL, visit.appointmentId()));
        notFound(as(visit.partner()).post(ACCEPTANCE, UUID.randomUUID().toString()));
        assertThat(as(stranger).get(WORK_ORDERS).then().statusCode(200).extract().<List<Object>>path("items")).isEmpty();

        before.assertNothingWritten();
    }

    @Test
    void aPartnerLosesThePatientsWorkOrdersTheMomentThePatientIsUnassigned() throws SQLException {
        HomeVisit visit = homeVisit();
        execute("update patient_partner_assignment set ended_at = now(), ended_by = 'test' where patient_id = ?",
                UUID.fromString(visit.patientId()));

        notFound(as(visit.partner()).get(WORK_ORDER, visit.appointmentId()));
        notFound(as(visit.partner()).post(ACCEPTANCE, visit.appointmentId()));
        assertThat(as(visit.partner()).get(WORK_ORDERS).then().statusCode(200).extract().<List<Object>>path("items"))
                .isEmpty();
    }

    @Test
    void aMissedWorkOrderStaysOnThePartnersListAndCanNoLongerBeAnswered() throws SQLException {
        HomeVisit visit = homeVisit();
        execute("update appointment set status = 'MISSED', missed_at = now() where id = ?",
                UUID.fromString(visit.appointmentId()));

        as(visit.partner()).get(WORK_ORDERS + "?status=MISSED").then().statusCode(200)
                .body("items.id", equalTo(List.of(visit.appointmentId())));
        conflict(as(visit.partner()).post(ACCEPTANCE, visit.appointmentId()), "appointment-not-open");
    }

    @Test
    void clinicRolesCannotAnswerWorkOrdersAndPartnersCannotTakeProposals() throws SQLException {
        HomeVisit visit = homeVisit();
        as(Tokens.scheduler()).post(ACCEPTANCE, visit.appointmentId()).then().statusCode(403);
        as(visit.partner()).post(PROPOSAL_ACCEPTANCE, visit.appointmentId()).then().statusCode(403);
    }
}
