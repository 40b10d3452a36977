package org.haipump.appointments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.support.Api.APPOINTMENT;
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

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haipump.flags.OverdueScan;
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

    private static final String WORK_ORDERS = Api.WORK_ORDERS;
    private static final String WORK_ORDER = Api.WORK_ORDER;
    private static final String ACCEPTANCE = Api.WORK_ORDER_ACCEPTANCE;
    private static final String DECLINE = Api.WORK_ORDER_DECLINE;
    private static final String PROPOSAL = Api.WORK_ORDER_PROPOSAL;
    private static final String PROPOSAL_ACCEPTANCE = Api.PROPOSAL_ACCEPTANCE;

    @Inject
    Db db;

    @Inject
    OverdueScan scan;

    @Inject
    RecordedEvents events;

    /** A pump filled 10 days ago (due in 4 days) whose patient has a partner, with a home visit at its due time. */
    private record HomeVisit(UUID partnerId, String patientId, String pumpId, String appointmentId, Instant dueAt) {

        String partner() {
            return Tokens.partner(partnerId);
        }
    }

    private HomeVisit homeVisit() {
        Instant filledAt = Api.daysAgo(10);
        String patientId = Api.registerPatient();
        String pumpId = Api.pumpFilledAt(patientId, filledAt, "CHEMOTHERAPY", Api.FULL_ML);
        String partnerId = Api.createPartner();
        Api.assignPartner(patientId, partnerId);
        Instant dueAt = filledAt.plus(REFILL_INTERVAL);
        return new HomeVisit(UUID.fromString(partnerId), patientId, pumpId, Api.bookHomeVisit(pumpId, dueAt), dueAt);
    }

    @Test
    void aHomeVisitOfAPatientWithAPartnerIsAPendingWorkOrderTheClinicSeesToo() {
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
    void aClinicVisitOrAHomeVisitWithoutPartnerIsNoWorkOrder() {
        HomeVisit visit = homeVisit();
        String clinicPump = Api.pumpFilledAt(Api.daysAgo(10), "CHEMOTHERAPY");
        String homeWithoutPartner = Api.bookHomeVisit(clinicPump, Api.daysAgo(10).plus(REFILL_INTERVAL));

        as(Tokens.scheduler()).get(APPOINTMENT, homeWithoutPartner).then().statusCode(200)
                .body("partnerId", nullValue()).body("workOrderStatus", nullValue());
        notFound(as(visit.partner()).get(WORK_ORDER, homeWithoutPartner));
    }

    @Test
    void acceptingMakesTheWorkOrderAcceptedAndAcceptingAgainChangesNothing() {
        HomeVisit visit = homeVisit();

        String etag = as(visit.partner()).post(ACCEPTANCE, visit.appointmentId()).then().statusCode(200)
                .body("workOrderStatus", equalTo("ACCEPTED")).extract().header(ETAG);
        as(visit.partner()).post(ACCEPTANCE, visit.appointmentId()).then().statusCode(200)
                .body("workOrderStatus", equalTo("ACCEPTED")).header(ETAG, equalTo(etag));
    }

    @Test
    void aDeclineNeedsAReasonAndTheClinicSeesIt() {
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
    void aProposalInsideTheWindowIsShownAndTheClinicTakesIt() {
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
    void eachAnswerTellsOfItselfInItsTransaction() {
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
    void aProposalOutsideTheWindowIsRefusedAndWritesNothing() {
        HomeVisit visit = homeVisit();
        Db.Snapshot before = db.snapshot(visit.pumpId());

        ruleViolated(as(visit.partner()).body(Map.of("startsAt", visit.dueAt().plus(Duration.ofDays(3)).toString()))
                .post(PROPOSAL, visit.appointmentId()), "outside-refill-window", "startsAt");
        invalid(as(visit.partner()).body(Map.of()).post(PROPOSAL, visit.appointmentId()), "startsAt");

        before.assertNothingWritten();
    }

    @Test
    void theClinicCannotTakeAProposalNobodyMadeNorAnOutdatedOne() {
        HomeVisit visit = homeVisit();
        conflict(as(Tokens.scheduler()).post(PROPOSAL_ACCEPTANCE, visit.appointmentId()), "no-proposal");

        String etag = Api.etagOf(APPOINTMENT, visit.appointmentId());
        as(visit.partner()).body(Map.of("startsAt", visit.dueAt().minus(Duration.ofHours(3)).toString()))
                .post(PROPOSAL, visit.appointmentId()).then().statusCode(200);
        preconditionFailed(as(Tokens.scheduler()).header(IF_MATCH, etag)
                .post(PROPOSAL_ACCEPTANCE, visit.appointmentId()));
    }

    @Test
    void aMoveByTheClinicAsksThePartnerAgain() {
        HomeVisit visit = homeVisit();
        as(visit.partner()).post(ACCEPTANCE, visit.appointmentId()).then().statusCode(200);

        as(Tokens.scheduler()).body(Map.of("startsAt", visit.dueAt().minus(Duration.ofHours(2)).toString()))
                .post(RESCHEDULE, visit.appointmentId()).then().statusCode(200)
                .body("workOrderStatus", equalTo("PENDING"));
    }

    @Test
    void anotherPartnersWorkOrderIsNotFoundForReadsAndAnswersAndChangesNothing() {
        HomeVisit visit = homeVisit();
        String stranger = Tokens.partner(UUID.fromString(Api.createPartner()));
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
    void aPartnerLosesThePatientsWorkOrdersTheMomentThePatientIsUnassigned() {
        HomeVisit visit = homeVisit();
        as(visit.partner()).post(ACCEPTANCE, visit.appointmentId()).then().statusCode(200);

        as(Tokens.scheduler()).delete(Api.PATIENT_PARTNER, visit.patientId()).then().statusCode(204);

        notFound(as(visit.partner()).get(WORK_ORDER, visit.appointmentId()));
        notFound(as(visit.partner()).post(ACCEPTANCE, visit.appointmentId()));
        assertThat(as(visit.partner()).get(WORK_ORDERS).then().statusCode(200).extract().<List<Object>>path("items"))
                .isEmpty();
        as(Tokens.scheduler()).get(APPOINTMENT, visit.appointmentId()).then().statusCode(200)
                .body("status", equalTo("BOOKED"))
                .body("partnerId", nullValue())
                .body("workOrderStatus", nullValue());
    }

    @Test
    void aNewPartnerGetsThePatientsOpenHomeVisitsToAnswerAnew() {
        HomeVisit visit = homeVisit();
        as(visit.partner()).body(Map.of("reason", "No nurse free")).post(DECLINE, visit.appointmentId())
                .then().statusCode(200);
        String next = Api.createPartner();

        Api.assignPartner(visit.patientId(), next);

        notFound(as(visit.partner()).get(WORK_ORDER, visit.appointmentId()));
        as(Tokens.partner(UUID.fromString(next))).get(WORK_ORDER, visit.appointmentId()).then().statusCode(200)
                .body("workOrderStatus", equalTo("PENDING"))
                .body("declineReason", nullValue());
        as(Tokens.scheduler()).get(APPOINTMENT, visit.appointmentId()).then().statusCode(200)
                .body("partnerId", equalTo(next));
    }

    @Test
    void aPatientAssignedAfterTheBookingMakesTheHomeVisitAWorkOrder() {
        String patientId = Api.registerPatient();
        Instant filledAt = Api.daysAgo(10);
        String pumpId = Api.pumpFilledAt(patientId, filledAt, "CHEMOTHERAPY", Api.FULL_ML);
        String appointmentId = Api.bookHomeVisit(pumpId, filledAt.plus(REFILL_INTERVAL));
        String partnerId = Api.createPartner();

        Api.assignPartner(patientId, partnerId);

        as(Tokens.partner(UUID.fromString(partnerId))).get(WORK_ORDER, appointmentId).then().statusCode(200)
                .body("workOrderStatus", equalTo("PENDING"));
    }

    @Test
    void aMissedWorkOrderStaysOnThePartnersListAndCanNoLongerBeAnswered() {
        HomeVisit visit = homeVisit();
        scan.runAt(visit.dueAt().plus(Duration.ofHours(3)));

        as(visit.partner()).get(WORK_ORDERS + "?status=MISSED").then().statusCode(200)
                .body("items.id", equalTo(List.of(visit.appointmentId())));
        conflict(as(visit.partner()).post(ACCEPTANCE, visit.appointmentId()), "appointment-not-open");
    }

    @Test
    void clinicRolesCannotAnswerWorkOrdersAndPartnersCannotTakeProposals() {
        HomeVisit visit = homeVisit();
        as(Tokens.scheduler()).post(ACCEPTANCE, visit.appointmentId()).then().statusCode(403);
        as(visit.partner()).post(PROPOSAL_ACCEPTANCE, visit.appointmentId()).then().statusCode(403);
    }
}
