package org.haipump.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.support.Api.as;
import static org.haipump.support.Api.invalid;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haipump.support.Api;
import org.haipump.support.Db;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The outbox and the partner's event feed: a committed change leaves its event, a refused or
 * rolled-back one none; each partner reads its own patients' events in commit order, from any
 * cursor, and no event carries a name, an MRN or a birth date.
 */
@QuarkusTest
class EventFeedTest {

    private static final String EVENTS = Api.PARTNER_EVENTS;

    @Inject
    Db db;

    @Inject
    AgroalDataSource dataSource;

    /** A patient of a new partner, with a pump filled with chemotherapy 10 days ago. */
    private record HomePatient(String partnerId, String patientId, String pumpId) {

        String token() {
            return Tokens.partner(UUID.fromString(partnerId));
        }

        static HomePatient create() {
            String partnerId = Api.createPartner();
            String patientId = Api.registerPatient();
            String pumpId = Api.pumpFilledAt(patientId, Api.daysAgo(10), "CHEMOTHERAPY", Api.FULL_ML);
            Api.assignPartner(patientId, partnerId);
            return new HomePatient(partnerId, patientId, pumpId);
        }
    }

    private static JsonPath feed(String token, String after, int limit) {
        var request = as(token).queryParam("limit", limit);
        if (after != null) {
            request.queryParam("after", after);
        }
        return request.get(EVENTS).then().statusCode(200).extract().jsonPath();
    }

    private static List<Map<String, Object>> everything(String token) {
        return feed(token, null, 500).getList("items");
    }

    @Test
    void eachCommittedChangeLeavesItsEventInCommitOrder() {
        HomePatient home = HomePatient.create();
        Instant visitAt = Api.daysAgo(10).plus(Api.REFILL_INTERVAL);
        String appointmentId = Api.bookHomeVisit(home.pumpId(), visitAt);
        String fillId = Api.recordFill(home.pumpId(), Api.fill(Api.now(), "HEPARIN", Api.FULL_ML));

        List<Map<String, Object>> events = everything(home.token());

        assertThat(events).extracting(e -> e.get("type"))
                .containsExactly("partner.assigned", "appointment.booked", "fill.recorded");
        assertThat(events).allSatisfy(e -> assertThat(e).containsOnlyKeys("id", "type", "occurredAt", "data"));
        assertThat(events).extracting(e -> (String) e.get("id")).allMatch(id -> id.startsWith("evt_")).doesNotHaveDuplicates();
        @SuppressWarnings("unchecked")
        Map<String, Object> booked = (Map<String, Object>) events.get(1).get("data");
        assertThat(booked).containsEntry("appointmentId", appointmentId).containsEntry("pumpId", home.pumpId())
                .containsEntry("patientId", home.patientId()).containsEntry("urgent", false);
        @SuppressWarnings("unchecked")
        Map<String, Object> filled = (Map<String, Object>) events.get(2).get("data");
        assertThat(filled).containsEntry("fillId", fillId).containsEntry("location", "HOME")
                .containsEntry("nextDrug", "CHEMOTHERAPY").containsKey("nextDueAt");
    }

    @Test
    void noEventCarriesANameAnMrnOrABirthDate() {
        HomePatient home = HomePatient.create();
        Api.bookHomeVisit(home.pumpId(), Api.daysAgo(10).plus(Api.REFILL_INTERVAL));
        Map<String, Object> patient = as(Tokens.scheduler()).get(Api.PATIENT, home.patientId()).then().statusCode(200)
                .extract().as(Map.class);

        String body = as(home.token()).queryParam("limit", 500).get(EVENTS).then().statusCode(200).extract().asString();

        assertThat(body).contains(home.patientId())
                .doesNotContain((String) patient.get("mrn"), (String) patient.get("givenName"),
                        (String) patient.get("familyName"), (String) patient.get("birthDate"));
    }

    @Test
    void aRefusedChangeLeavesNoEvent() {
        HomePatient home = HomePatient.create();
        long before = db.count("outbox_event", "patient_id", home.patientId());

        as(Tokens.nurse()).body(Api.fill(Api.now().plusSeconds(3600), "HEPARIN", Api.FULL_ML))
                .post(Api.FILLS, home.pumpId()).then().statusCode(422);

        assertThat(db.count("outbox_event", "patient_id", home.patientId())).isEqualTo(before).isEqualTo(1);
    }

    @Test
    void aChangeRolledBackAtCommitLeavesNoEvent() throws SQLException {
        HomePatient home = HomePatient.create();
        long eventsBefore = everything(home.token()).size();
        execute("""
                create or replace function test_reject_fill() returns trigger as $$
                begin
                  if new.pump_id = '%s' then raise exception 'rejected by the test'; end if;
                  return new;
                end $$ language plpgsql""".formatted(home.pumpId()));
        execute("create trigger test_reject_fill before insert on fill for each row execute function test_reject_fill()");
        try {
            int status = as(Tokens.nurse()).body(Api.fill(Api.now(), "HEPARIN", Api.FULL_ML))
                    .post(Api.FILLS, home.pumpId()).statusCode();
            assertThat(status).isGreaterThanOrEqualTo(500);
        } finally {
            execute("drop trigger test_reject_fill on fill");
            execute("drop function test_reject_fill()");
        }

        assertThat(db.count("fill", "pump_id", home.pumpId())).isEqualTo(1);
        assertThat(everything(home.token())).hasSize((int) eventsBefore);
    }

    @Test
    void thePartnerPagesWithTheCursorAndCanReplayFromAnyPoint() {
        HomePatient home = HomePatient.create();
        Instant visitAt = Api.daysAgo(10).plus(Api.REFILL_INTERVAL);
        String appointmentId = Api.bookHomeVisit(home.pumpId(), visitAt);
        as(home.token()).post(Api.WORK_ORDER_ACCEPTANCE, appointmentId).then().statusCode(200);
        as(Tokens.scheduler()).body(Api.cancellationBody("Patient in hospital")).post(Api.CANCELLATION, appointmentId)
                .then().statusCode(200);
        Api.bookHomeVisit(home.pumpId(), visitAt);
        List<Map<String, Object>> all = everything(home.token());
        assertThat(all).extracting(e -> e.get("type")).containsExactly("partner.assigned", "appointment.booked",
                "appointment.accepted", "appointment.cancelled", "appointment.booked");

        List<Object> paged = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 3; page++) {
            JsonPath read = feed(home.token(), cursor, 2);
            paged.addAll(read.getList("items.id"));
            cursor = read.getString("nextCursor");
        }
        assertThat(paged).isEqualTo(all.stream().map(e -> e.get("id")).toList());
        JsonPath end = feed(home.token(), cursor, 2);
        assertThat(end.getList("items")).isEmpty();
        assertThat(end.getString("nextCursor")).isEqualTo(cursor);

        String afterTwo = feed(home.token(), null, 2).getString("nextCursor");
        assertThat(feed(home.token(), afterTwo, 500).getList("items.id"))
                .isEqualTo(all.subList(2, 5).stream().map(e -> e.get("id")).toList());
    }

    @Test
    void aPartnerReadsOnlyItsOwnPatientsEventsAndNoneAfterLosingThePatient() {
        HomePatient home = HomePatient.create();
        HomePatient other = HomePatient.create();
        as(Tokens.scheduler()).delete(Api.PATIENT_PARTNER, home.patientId()).then().statusCode(204);
        Api.bookHomeVisit(home.pumpId(), Api.daysAgo(10).plus(Api.REFILL_INTERVAL));

        assertThat(everything(home.token())).extracting(e -> e.get("type"))
                .containsExactly("partner.assigned", "partner.unassigned");
        assertThat(everything(other.token())).extracting(e -> e.get("type")).containsExactly("partner.assigned");
    }

    @Test
    void aCursorOrLimitTheFeedNeverGaveIsRefused() {
        String token = HomePatient.create().token();
        invalid(as(token).queryParam("after", "yesterday").get(EVENTS), "after");
        as(token).queryParam("limit", 0).get(EVENTS).then().statusCode(400);
        as(token).queryParam("limit", 501).get(EVENTS).then().statusCode(400);
        as(Tokens.scheduler()).get(EVENTS).then().statusCode(403);
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
