package org.haipump.badinput;

import static org.haipump.badinput.WriteEndpoint.post;
import static org.haipump.badinput.WriteEndpoint.put;

import io.restassured.RestAssured;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haipump.appointments.BookAppointmentRequest;
import org.haipump.appointments.CancellationRequest;
import org.haipump.appointments.DeclineRequest;
import org.haipump.appointments.ProposalRequest;
import org.haipump.appointments.RescheduleRequest;
import org.haipump.fills.RecordFillRequest;
import org.haipump.flags.FlagResolutionRequest;
import org.haipump.partnerapi.HomeFillRequest;
import org.haipump.partners.AssignPartnerRequest;
import org.haipump.partners.PartnerRequest;
import org.haipump.patients.PatientSearchRequest;
import org.haipump.patients.RegisterPatientRequest;
import org.haipump.pumps.ChemotherapyHoldRequest;
import org.haipump.pumps.EndChemotherapyHoldRequest;
import org.haipump.pumps.GlycerolHoldCancellationRequest;
import org.haipump.pumps.GlycerolHoldRequest;
import org.haipump.pumps.RegisterPumpRequest;
import org.haipump.pumps.RemovalRequest;
import org.haipump.pumps.TherapyModeRequest;
import org.haipump.support.Api;
import org.haipump.support.Tokens;
import org.haipump.webhooks.WebhookEndpointRequest;

/**
 * Every POST and PUT of the API, one line each. To bring a new write endpoint under the bad-input
 * suite, add a line here: its path, its request record, a role allowed to call it, and a fixture
 * that makes its path ids exist and returns a request it accepts. The valid body must name every
 * field of the record, optional ones included (the suite checks that), so that each is mutated.
 */
final class WriteEndpoints {

    static final String ACKNOWLEDGEMENT = Api.FLAGS + "/{id}/acknowledgement";
    private static final String PAGING = "https://paging.clinic.test/hai";

    static final List<WriteEndpoint> ALL = List.of(
            post(Api.PATIENTS, RegisterPatientRequest.class, Tokens::scheduler,
                    () -> Target.of(Api.patientBody(Api.uniqueMrn()))),
            post(Api.PATIENT_SEARCH, PatientSearchRequest.class, Tokens::nurse,
                    () -> Target.of(Map.of("mrn", Api.uniqueMrn()))),
            post(Api.PUMPS, RegisterPumpRequest.class, Tokens::scheduler, WriteEndpoints::pumpRegistration),
            post(Api.THERAPY_MODE, TherapyModeRequest.class, Tokens::nurse,
                    WriteEndpoints::therapyModeChange),
            post(Api.REMOVAL, RemovalRequest.class, Tokens::nurse, WriteEndpoints::removal),
            post(Api.HOLDS, GlycerolHoldRequest.class, Tokens::scheduler, WriteEndpoints::glycerolHold),
            post(Api.HOLD_CANCELLATION, GlycerolHoldCancellationRequest.class, Tokens::scheduler,
                    WriteEndpoints::glycerolHoldCancellation),
            post(Api.CHEMO_HOLDS, ChemotherapyHoldRequest.class, Tokens::nurse, WriteEndpoints::chemotherapyHold),
            post(Api.CHEMO_HOLD_END, EndChemotherapyHoldRequest.class, Tokens::nurse, WriteEndpoints::chemotherapyHoldEnd),
            post(Api.FILLS, RecordFillRequest.class, Tokens::nurse, WriteEndpoints::fill),
            post(Api.APPOINTMENTS, BookAppointmentRequest.class, Tokens::scheduler, WriteEndpoints::booking),
            post(Api.CANCELLATION, CancellationRequest.class, Tokens::scheduler, WriteEndpoints::cancellation),
            post(Api.RESCHEDULE, RescheduleRequest.class, Tokens::scheduler, WriteEndpoints::reschedule),
            post(ACKNOWLEDGEMENT, null, Tokens::nurse, WriteEndpoints::acknowledgement),
            post(Api.RESOLUTION, FlagResolutionRequest.class, Tokens::nurse, WriteEndpoints::resolution),
            post(Api.PARTNERS, PartnerRequest.class, Tokens::admin, () -> Target.of(Api.partnerBody())),
            // PATCH /partners/{id} is not here: a merge patch accepts a body without its required fields,
            // which the generated cases would expect refused; PartnerAdminApiTest covers its refusals.
            put(Api.PARTNER, PartnerRequest.class, Tokens::admin,
                    () -> Target.at(Api.createPartner()).body(Api.partnerBody())),
            post(Api.SECRET_ROTATION, null, Tokens::admin, () -> Target.at(Api.createPartner())),
            put(Api.PATIENT_PARTNER, AssignPartnerRequest.class, Tokens::scheduler,
                    () -> Target.at(Api.registerPatient()).body(Map.of("partnerId", Api.createPartner()))),
            post(Api.PARTNER_FILLS, HomeFillRequest.class, HomePartner::token, WriteEndpoints::homeFill),
            post(Api.WORK_ORDER_ACCEPTANCE, null, HomePartner::token, HomePartner::workOrder),
            post(Api.WORK_ORDER_DECLINE, DeclineRequest.class, HomePartner::token,
                    () -> HomePartner.workOrder().body(Map.of("reason", "No nurse free that day"))),
            post(Api.WORK_ORDER_PROPOSAL, ProposalRequest.class, HomePartner::token, WriteEndpoints::proposal),
            post(Api.PROPOSAL_ACCEPTANCE, null, Tokens::scheduler, WriteEndpoints::proposed),
            post(Api.REDELIVERY, null, Tokens::admin, WriteEndpoints::redelivery),
            post(Api.WEBHOOK_ENDPOINTS, WebhookEndpointRequest.class, Tokens::admin,
                    () -> Target.of(Api.webhookEndpointBody(PAGING, "refill.critical", "flag.raised"))),
            put(Api.WEBHOOK_ENDPOINT, WebhookEndpointRequest.class, Tokens::admin,
                    () -> Target.at(Api.createWebhookEndpoint()).body(Api.webhookEndpointBody(PAGING, "pump.removed"))),
            post(Api.ENDPOINT_SECRET_ROTATION, null, Tokens::admin, () -> Target.at(Api.createWebhookEndpoint())),
            post(Api.ENDPOINT_REDELIVERY, null, Tokens::admin, WriteEndpoints::endpointRedelivery));

    private WriteEndpoints() {
    }

    /** A pump implanted elsewhere, registered with its latest fill of five days ago. */
    private static Target pumpRegistration() {
        Map<String, Object> body = Api.pumpBody(Api.registerPatient());
        Map<String, Object> lastFill = new LinkedHashMap<>();
        lastFill.put("performedAt", Api.daysAgo(5).toString());
        lastFill.put("drug", "HEPARIN");
        lastFill.put("volumeMl", Api.FULL_ML);
        body.put("lastFill", lastFill);
        return Target.of(body);
    }

    private static Target therapyModeChange() {
        String pumpId = Api.pumpFilledAt(Api.daysAgo(1), "CHEMOTHERAPY");
        return Target.at(pumpId).body(Map.of("mode", "MAINTENANCE")).watching(pumpId);
    }

    private static Target removal() {
        String pumpId = Api.pumpFilledAt(Api.daysAgo(1), "CHEMOTHERAPY");
        Map<String, Object> body = Api.removalBody(Api.today(), "COMPLETED_THERAPY");
        body.put("note", "Explanted after the last cycle");
        return Target.at(pumpId).body(body).watching(pumpId);
    }

    /** A 50-day absence from two days after the pump's second refill: its glycerol fill covers it. */
    private static Target glycerolHold() {
        Instant lastFill = Api.daysAgo(13);
        String pumpId = Api.pumpFilledAt(lastFill, "CHEMOTHERAPY");
        LocalDate departOn = Api.localDate(lastFill.plus(Api.REFILL_INTERVAL.multipliedBy(2)).plus(Duration.ofDays(2)));
        return Target.at(pumpId).body(Api.holdBody(departOn, departOn.plusDays(50))).watching(pumpId);
    }

    /** The hold of {@link #glycerolHold}, planned. */
    private static Target glycerolHoldCancellation() {
        Target planned = glycerolHold();
        String pumpId = planned.pathIds().get(0);
        String holdId = RestAssured.given().auth().oauth2(Tokens.scheduler()).contentType("application/json")
                .body(planned.body().toString()).post(Api.HOLDS, pumpId).then().statusCode(201).extract().path("id");
        return Target.at(pumpId, holdId).body(Api.cancellationBody("The trip was called off")).watching(pumpId);
    }

    /** Chemotherapy held from today, for a pump filled with heparin 13 days ago (chemotherapy due tomorrow). */
    private static Target chemotherapyHold() {
        String pumpId = Api.pumpFilledAt(Api.daysAgo(13), "HEPARIN");
        return Target.at(pumpId).body(Api.chemoHoldBody(Api.today(), Api.today().plusDays(14))).watching(pumpId);
    }

    /** The end, today, of the hold of {@link #chemotherapyHold}. */
    private static Target chemotherapyHoldEnd() {
        String pumpId = Api.pumpFilledAt(Api.daysAgo(13), "HEPARIN");
        String holdId = Api.startChemoHold(pumpId, Api.today(), Api.today().plusDays(14));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("endsOn", Api.today().toString());
        body.put("note", "Liver tests back to baseline");
        return Target.at(pumpId, holdId).body(body).watching(pumpId);
    }

    /** The heparin refill of a pump filled with chemotherapy 13 days ago, completing its open appointment. */
    private static Target fill() {
        String pumpId = Api.pumpFilledAt(Api.daysAgo(13), "CHEMOTHERAPY");
        String appointmentId = Api.bookAppointment(pumpId, Api.now().plus(Duration.ofHours(1)));
        Map<String, Object> body = Api.fill(Api.now(), "HEPARIN", Api.FULL_ML, 10.5);
        body.put("deviationReason", "Heparin as planned");
        body.put("appointmentId", appointmentId);
        body.put("notes", "Site clean, no pain");
        return Target.at(pumpId).body(body).header("Idempotency-Key", "bad-input-" + UUID.randomUUID())
                .watching(pumpId);
    }

    /** The clinic's fill of {@link #fill}, done at home by the partner's nurse. */
    private static Target homeFill() {
        String pumpId = HomePartner.pump();
        Map<String, Object> visit = Api.appointmentBody(pumpId, Api.now().plus(Duration.ofHours(1)));
        visit.put("location", "HOME");
        String appointmentId = Api.as(Tokens.scheduler()).body(visit).post(Api.APPOINTMENTS).then().statusCode(201)
                .extract().path("id");
        Map<String, Object> body = Api.fill(Api.now(), "HEPARIN", Api.FULL_ML, 10.5);
        body.put("deviationReason", "Heparin as planned");
        body.put("appointmentId", appointmentId);
        body.put("notes", "Site clean, no pain");
        body.put("performedBy", Api.HOME_NURSE);
        return Target.at(pumpId).body(body).header("Idempotency-Key", "bad-input-" + UUID.randomUUID())
                .watching(pumpId);
    }

    private static Target booking() {
        String pumpId = Api.pumpFilledAt(Api.daysAgo(13), "CHEMOTHERAPY");
        Map<String, Object> body = Api.appointmentBody(pumpId, Api.now().plus(Duration.ofHours(2)));
        body.put("site", "Infusion suite B");
        body.put("plannedDrug", "HEPARIN");
        body.put("reason", "Routine refill");
        return Target.of(body).watching(pumpId);
    }

    private static Target cancellation() {
        String pumpId = Api.pumpFilledAt(Api.daysAgo(13), "CHEMOTHERAPY");
        String appointmentId = Api.bookAppointment(pumpId, Api.now().plus(Duration.ofHours(2)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", "Patient unwell");
        return Target.at(appointmentId).body(body).watching(pumpId);
    }

    /** The visit booked two hours ahead, moved to four hours ahead. */
    private static Target reschedule() {
        String pumpId = Api.pumpFilledAt(Api.daysAgo(13), "CHEMOTHERAPY");
        String appointmentId = Api.bookAppointment(pumpId, Api.now().plus(Duration.ofHours(2)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("startsAt", Api.now().plus(Duration.ofHours(4)).toString());
        body.put("reason", "Patient asked for later");
        return Target.at(appointmentId).body(body).watching(pumpId);
    }

    /** The open patency review of a pump found empty. */
    private static Target resolution() {
        String pumpId = Api.pumpFoundEmpty();
        return Target.at(Api.openFlagOf(pumpId, "PATENCY_REVIEW"))
                .body(Api.resolutionBody("Flow study normal: catheter patent.")).watching(pumpId);
    }

    /** The open flow flag of a pump that ran a third faster than its nominal rate. */
    private static Target acknowledgement() {
        String pumpId = Api.pumpWithFlowFlag();
        String flagId = RestAssured.given().auth().oauth2(Tokens.nurse())
                .queryParam("pumpId", pumpId).queryParam("status", "OPEN")
                .get(Api.FLAGS).then().statusCode(200).extract().path("items[0].id");
        return Target.at(flagId).watching(pumpId);
    }

    /** The partner's work order of {@link HomePartner#workOrder}, answered with a start two hours later. */
    private static Target proposal() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("startsAt", Api.now().plus(Duration.ofHours(4)).toString());
        body.put("reason", "The nurse is in the area in the afternoon");
        return HomePartner.workOrder().body(body);
    }

    /** A work order of {@link #proposal}, proposed: the clinic may take it. */
    private static Target proposed() {
        Target proposal = proposal();
        RestAssured.given().auth().oauth2(HomePartner.token()).contentType("application/json")
                .body(proposal.body().toString()).post(Api.WORK_ORDER_PROPOSAL, proposal.pathIds().get(0))
                .then().statusCode(200);
        return Target.at(proposal.pathIds().get(0)).watching(proposal.pumpIds().toArray(String[]::new));
    }

    /** The partner.assigned event of a new partner's new patient, to be sent again. */
    private static Target redelivery() {
        String partnerId = Api.createPartner();
        return Target.at(partnerId, assignmentEvent(partnerId));
    }

    /** A clinic-wide endpoint for assignments, and the event of one that happened after it was registered. */
    private static Target endpointRedelivery() {
        String endpointId = RestAssured.given().auth().oauth2(Tokens.admin()).contentType("application/json")
                .body(Api.webhookEndpointBody(PAGING, "partner.assigned")).post(Api.WEBHOOK_ENDPOINTS)
                .then().statusCode(201).extract().path("id");
        return Target.at(endpointId, assignmentEvent(Api.createPartner()));
    }

    /** The partner is assigned a new patient: the id of that event, from the partner's feed. */
    private static String assignmentEvent(String partnerId) {
        Api.assignPartner(Api.registerPatient(), partnerId);
        return RestAssured.given().auth().oauth2(Tokens.partner(UUID.fromString(partnerId)))
                .get(Api.PARTNER_EVENTS).then().statusCode(200).extract().path("items[0].id");
    }
}
