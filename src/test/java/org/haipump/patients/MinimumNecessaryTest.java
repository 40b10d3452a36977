package org.haipump.patients;

import static org.haipump.support.Api.PATIENT;
import static org.haipump.support.Api.PATIENTS;
import static org.haipump.support.Api.PATIENT_SEARCH;
import static org.haipump.support.Api.as;
import static org.haipump.support.Api.invalid;
import static org.haipump.support.Api.uniqueMrn;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.haipump.support.Api;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Patient data, only as much as the task needs: no directory of every patient, an MRN search that
 * keeps the MRN out of the URL, and answers that no browser or shared cache keeps.
 */
@QuarkusTest
class MinimumNecessaryTest {

    @Test
    void listingPatientsWithoutAnMrnIsRefused() {
        Api.registerPatient();

        invalid(as(Tokens.admin()).get(PATIENTS), "mrn");
        invalid(as(Tokens.scheduler()).queryParam("mrn", " ").get(PATIENTS), "mrn");
    }

    @Test
    void aPatientIsFoundByTheMrnInTheBody() {
        String mrn = uniqueMrn();
        String id = Api.registerPatient(mrn);
        Api.registerPatient();

        as(Tokens.nurse()).body(Map.of("mrn", mrn)).post(PATIENT_SEARCH).then().log().ifValidationFails()
                .statusCode(200)
                .body("items.id", contains(id))
                .body("items[0].mrn", equalTo(mrn))
                .body("total", equalTo(1));
        as(Tokens.nurse()).body(Map.of("mrn", uniqueMrn())).post(PATIENT_SEARCH).then()
                .statusCode(200).body("items", empty()).body("total", equalTo(0));
    }

    @Test
    void aSearchNamesTheMrn() {
        invalid(as(Tokens.nurse()).body(Map.of()).post(PATIENT_SEARCH), "mrn");
        invalid(as(Tokens.nurse()).body(Map.of("mrn", "")).post(PATIENT_SEARCH), "mrn");
    }

    @Test
    void answersWithPatientDataAreNeverStoredNorSniffed() {
        String id = Api.registerPatient();

        noStore(as(Tokens.nurse()).get(PATIENT, id));
        noStore(as(Tokens.nurse()).body(Map.of("mrn", uniqueMrn())).post(PATIENT_SEARCH));
        noStore(as(Tokens.nurse()).get(PATIENT, UUID.randomUUID()));
        noStore(as(Tokens.nurse()).get(Api.WORKLIST));
    }

    private static void noStore(Response response) {
        response.then().header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff");
    }
}
