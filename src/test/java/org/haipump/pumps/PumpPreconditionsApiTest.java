package org.haipump.pumps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.support.Api.ETAG;
import static org.haipump.support.Api.FILLS;
import static org.haipump.support.Api.FULL_ML;
import static org.haipump.support.Api.HOLDS;
import static org.haipump.support.Api.IF_MATCH;
import static org.haipump.support.Api.PUMP;
import static org.haipump.support.Api.REFILL_INTERVAL;
import static org.haipump.support.Api.REMOVAL;
import static org.haipump.support.Api.THERAPY_MODE;
import static org.haipump.support.Api.as;
import static org.haipump.support.Api.conflict;
import static org.haipump.support.Api.daysAgo;
import static org.haipump.support.Api.etagOf;
import static org.haipump.support.Api.fill;
import static org.haipump.support.Api.holdBody;
import static org.haipump.support.Api.invalid;
import static org.haipump.support.Api.localDate;
import static org.haipump.support.Api.notFound;
import static org.haipump.support.Api.preconditionFailed;
import static org.haipump.support.Api.removalBody;
import static org.haipump.support.Api.today;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.haipump.support.Api;
import org.haipump.support.Db;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Optimistic locking of a pump over HTTP: every answer carries the pump's {@code ETag}, and each change
 * (therapy mode, removal, glycerol hold, fill) applies only while {@code If-Match} still names it.
 */
@QuarkusTest
class PumpPreconditionsApiTest {

    private static final Map<String, String> TO_MAINTENANCE = Map.of("mode", "MAINTENANCE");

    @Inject
    Db db;

    private Instant lastFillAt;
    private String pumpId;
    /** The ETag of the pump as read before each test. */
    private String etag;

    @BeforeEach
    void aPumpFilledWithChemotherapyThirteenDaysAgo() {
        lastFillAt = daysAgo(13);
        pumpId = Api.pumpFilledAt(lastFillAt, "CHEMOTHERAPY");
        etag = etagOf(PUMP, pumpId);
    }

    private static Response changeMode(String pumpId, String ifMatch) {
        var request = as(Tokens.nurse()).body(TO_MAINTENANCE);
        return (ifMatch == null ? request : request.header(IF_MATCH, ifMatch)).post(THERAPY_MODE, pumpId);
    }

    /** A stale tag: the pump's, before a change that nobody told this client about. */
    private String staleEtag() {
        String before = etag;
        changeMode(pumpId, null).then().statusCode(200);
        etag = etagOf(PUMP, pumpId);
        assertThat(etag).isNotEqualTo(before);
        return before;
    }

    // --- reading --------------------------------------------------------------------------------

    @Test
    void aPumpIsAnsweredWithAStrongEntityTagThatStaysUntilItChanges() {
        assertThat(etag).matches("\"[0-9]+\"");
        assertThat(etagOf(PUMP, pumpId)).isEqualTo(etag);
    }

    @Test
    void aFillMovesThePumpsEntityTag() {
        Api.recordFill(pumpId, fill(Api.now(), "HEPARIN", FULL_ML));

        assertThat(etagOf(PUMP, pumpId)).isNotEqualTo(etag);
    }

    /** A hold beyond the next refill leaves the pump's row as it was, but its plan changed. */
    @Test
    void aHoldMovesThePumpsEntityTagEvenWhenTheNextRefillStaysAsItWas() {
        LocalDate departOn = localDate(lastFillAt.plus(REFILL_INTERVAL.multipliedBy(2)).plus(Duration.ofDays(2)));
        as(Tokens.scheduler()).get(PUMP, pumpId).then().body("nextRefill.drug", equalTo("HEPARIN"));

        as(Tokens.scheduler()).header(IF_MATCH, etag).body(holdBody(departOn, departOn.plusDays(30)))
                .post(HOLDS, pumpId).then().log().ifValidationFails().statusCode(201);

        as(Tokens.scheduler()).get(PUMP, pumpId).then().body("nextRefill.drug", equalTo("HEPARIN"));
        assertThat(etagOf(PUMP, pumpId)).isNotEqualTo(etag);
    }

    // --- changing with If-Match -------------------------------------------------------------------

    @Test
    void aChangeWithTheCurrentTagAnswersTheNewTag() {
        Response changed = changeMode(pumpId, etag);

        changed.then().log().ifValidationFails().statusCode(200).body("therapyMode", equalTo("MAINTENANCE"));
        String newEtag = changed.header(ETAG);
        assertThat(newEtag).isNotNull().isNotEqualTo(etag);
        assertThat(etagOf(PUMP, pumpId)).isEqualTo(newEtag);
    }

    @Test
    void aChangeWithAStaleTagIsAFailedPreconditionAndWritesNothing() {
        String stale = staleEtag();
        as(Tokens.nurse()).body(Map.of("mode", "ACTIVE")).header(IF_MATCH, etag).post(THERAPY_MODE, pumpId)
                .then().statusCode(200);
        etag = etagOf(PUMP, pumpId);
        Db.Snapshot before = db.snapshot(pumpId);

        preconditionFailed(changeMode(pumpId, stale)).body("currentEtag", equalTo(etag));

        before.assertNothingWritten();
        as(Tokens.scheduler()).get(PUMP, pumpId).then().body("therapyMode", equalTo("ACTIVE"));
    }

    @Test
    void aChangeWithoutIfMatchApplies() {
        Response changed = changeMode(pumpId, null);

        changed.then().statusCode(200).body("therapyMode", equalTo("MAINTENANCE"));
        assertThat(changed.header(ETAG)).isNotEqualTo(etag);
    }

    @Test
    void aStarMatchesTheExistingPump() {
        staleEtag();

        changeMode(pumpId, "*").then().log().ifValidationFails().statusCode(200);
    }

    @Test
    void aListNamingTheCurrentTagMatches() {
        String stale = staleEtag();

        as(Tokens.nurse()).body(Map.of("mode", "ACTIVE")).header(IF_MATCH, stale + ", " + etag)
                .post(THERAPY_MODE, pumpId).then().log().ifValidationFails().statusCode(200);
    }

    /** Several If-Match field lines are one list (RFC 9110, section 5.3). */
    @Test
    void aTagOnASecondIfMatchLineMatches() {
        String stale = staleEtag();

        as(Tokens.nurse()).body(Map.of("mode", "ACTIVE")).header(IF_MATCH, stale).header(IF_MATCH, etag)
                .post(THERAPY_MODE, pumpId).then().log().ifValidationFails().statusCode(200);
    }

    @Test
    void theWeakFormOfTheCurrentTagNeverMatches() {
        Db.Snapshot before = db.snapshot(pumpId);

        preconditionFailed(changeMode(pumpId, "W/" + etag));

        before.assertNothingWritten();
    }

    @ParameterizedTest(name = "If-Match: [{0}]")
    @ValueSource(strings = {"3", "\"3", "*, \"3\"", "W/3", "\"3\" \"4\""})
    void aMalformedIfMatchIsInvalidAndWritesNothing(String header) {
        Db.Snapshot before = db.snapshot(pumpId);

        invalid(changeMode(pumpId, header), IF_MATCH);

        before.assertNothingWritten();
    }

    @Test
    void anUnknownPumpIsNotFoundWhateverIfMatchSays() {
        notFound(changeMode(UUID.randomUUID().toString(), "*"));
    }

    // --- every change of the pump -----------------------------------------------------------------

    @Test
    void aRemovalWithAStaleTagWritesNothingAndWithTheCurrentOneAnswersTheNewTag() {
        String stale = staleEtag();
        Db.Snapshot before = db.snapshot(pumpId);

        preconditionFailed(as(Tokens.nurse()).header(IF_MATCH, stale)
                .body(removalBody(today(), "COMPLETED_THERAPY")).post(REMOVAL, pumpId));
        before.assertNothingWritten();

        Response removed = as(Tokens.nurse()).header(IF_MATCH, etag)
                .body(removalBody(today(), "COMPLETED_THERAPY")).post(REMOVAL, pumpId);
        removed.then().log().ifValidationFails().statusCode(200).body("status", equalTo("REMOVED"));
        assertThat(removed.header(ETAG)).isNotEqualTo(etag).isEqualTo(etagOf(PUMP, pumpId));
    }

    /** The precondition is checked first: a client that read the pump before its removal learns that it changed. */
    @Test
    void aRemovedPumpRefusesAStaleTagAsAFailedPreconditionAndAStarAsRemoved() {
        Api.removePump(pumpId);

        preconditionFailed(changeMode(pumpId, etag));
        conflict(changeMode(pumpId, "*"), "pump-removed");
    }

    @Test
    void aHoldWithAStaleTagIsAFailedPreconditionAndWritesNothing() {
        String stale = staleEtag();
        LocalDate departOn = localDate(lastFillAt.plus(REFILL_INTERVAL).plus(Duration.ofDays(1)));
        Db.Snapshot before = db.snapshot(pumpId);

        preconditionFailed(as(Tokens.scheduler()).header(IF_MATCH, stale).body(holdBody(departOn, departOn.plusDays(20)))
                .post(HOLDS, pumpId));

        before.assertNothingWritten();
    }

    @Test
    void aFillWithAStaleTagIsAFailedPreconditionAndWritesNothing() {
        String stale = staleEtag();
        Db.Snapshot before = db.snapshot(pumpId);

        preconditionFailed(as(Tokens.nurse()).header(IF_MATCH, stale).body(fill(Api.now(), "HEPARIN", FULL_ML))
                .post(FILLS, pumpId));

        before.assertNothingWritten();
    }

    @Test
    void aFillWithTheCurrentTagIsRecorded() {
        as(Tokens.nurse()).header(IF_MATCH, etag).body(fill(Api.now(), "HEPARIN", FULL_ML)).post(FILLS, pumpId)
                .then().log().ifValidationFails().statusCode(201);
    }

    /** The tag was checked when the fill was recorded; a retry of that fill gets its answer, not 412. */
    @Test
    void aReplayedFillAnswersTheFirstAnswerThoughItsTagIsNowStale() {
        Map<String, Object> body = fill(Api.now(), "HEPARIN", FULL_ML);
        String key = "fill-" + UUID.randomUUID();
        Response first = as(Tokens.nurse()).header(IF_MATCH, etag).header("Idempotency-Key", key).body(body)
                .post(FILLS, pumpId);
        first.then().statusCode(201);
        Db.Snapshot afterFirst = db.snapshot(pumpId);

        Response replay = as(Tokens.nurse()).header(IF_MATCH, etag).header("Idempotency-Key", key).body(body)
                .post(FILLS, pumpId);

        replay.then().log().ifValidationFails().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(first.path("id")));
        afterFirst.assertNothingWritten();
    }
}
