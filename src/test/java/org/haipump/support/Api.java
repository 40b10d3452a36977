package org.haipump.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** REST fixtures: a patient, a pump, fills, each through the public API. */
public final class Api {

    public static final String MODEL = "Intera 3000";
    public static final double RESERVOIR_ML = 30.0;
    public static final double NOMINAL_FLOW_ML_PER_DAY = 1.5;

    private Api() {
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    public static String uniqueMrn() {
        return "MRN-" + UUID.randomUUID().toString().substring(0, 12);
    }

    public static String registerPatient() {
        return registerPatient(uniqueMrn());
    }

    public static String registerPatient(String mrn) {
        return as(Tokens.scheduler())
                .body(Map.of("mrn", mrn, "givenName", "Ada", "familyName", "Testpatient",
                        "birthDate", "1961-04-12", "timeZone", "America/New_York"))
                .post("/api/v1/patients")
                .then().statusCode(201).extract().path("id");
    }

    public static String registerPump(String patientId) {
        return registerPump(patientId, "ACTIVE");
    }

    public static String registerPump(String patientId, String mode) {
        return as(Tokens.scheduler())
                .body(Map.of("patientId", patientId, "model", MODEL, "serialNumber", "SN-" + UUID.randomUUID(),
                        "reservoirVolumeMl", RESERVOIR_ML, "nominalFlowRateMlPerDay", NOMINAL_FLOW_ML_PER_DAY,
                        "implantedOn", LocalDate.of(2025, 1, 6).toString(), "therapyMode", mode))
                .post("/api/v1/pumps")
                .then().statusCode(201).extract().path("id");
    }

    /** A new patient with a pump in place. */
    public static String newPump() {
        return registerPump(registerPatient());
    }

    public static Map<String, Object> fill(Instant performedAt, String drug, double volumeMl) {
        Map<String, Object> body = new HashMap<>();
        body.put("performedAt", performedAt.toString());
        body.put("drug", drug);
        body.put("volumeMl", volumeMl);
        return body;
    }

    public static String recordFill(String pumpId, Map<String, Object> body) {
        return as(Tokens.nurse()).body(body).post("/api/v1/pumps/{id}/fills", pumpId)
                .then().statusCode(201).extract().path("id");
    }
}
