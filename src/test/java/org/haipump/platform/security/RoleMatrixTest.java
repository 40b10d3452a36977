package org.haipump.platform.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.haipump.support.Management;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may call what: every /api/v1 operation against every role, and against tokens that must
 * not be trusted. Ids are random: an allowed caller gets past security (any answer but 401/403).
 */
@QuarkusTest
class RoleMatrixTest {

    private static final String ANY_ID = UUID.randomUUID().toString();
    private static final Set<String> EVERY_CLINIC_ROLE = Set.of("scheduler", "nurse", "admin");
    private static final Set<String> NURSES = Set.of("nurse", "admin");
    private static final Set<String> SCHEDULERS = Set.of("scheduler", "admin");
    private static final Set<String> ADMIN = Set.of("admin");
    private static final Set<String> PARTNER = Set.of("partner");
    /** A partner the clinic knows, registered at first use: a partner token naming none is refused everywhere. */
    private static String knownPartner;
    private static final List<String> ROLES = List.of("scheduler", "nurse", "admin", "partner");

    record Operation(String method, String path, Set<String> allowed) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Stream<Operation> operations() {
        return Stream.of(
                new Operation("POST", "/api/v1/patients", EVERY_CLINIC_ROLE),
                new Operation("GET", "/api/v1/patients?mrn=X", EVERY_CLINIC_ROLE),
                new Operation("POST", "/api/v1/patients/search", EVERY_CLINIC_ROLE),
                new Operation("GET", "/api/v1/patients/" + ANY_ID, EVERY_CLINIC_ROLE),
                new Operation("POST", "/api/v1/pumps", EVERY_CLINIC_ROLE),
                new Operation("GET", "/api/v1/pumps?patientId=" + ANY_ID, EVERY_CLINIC_ROLE),
                new Operation("GET", "/api/v1/pumps/" + ANY_ID, EVERY_CLINIC_ROLE),
                new Operation("POST", "/api/v1/pumps/" + ANY_ID + "/therapy-mode", NURSES),
                new Operation("POST", "/api/v1/pumps/" + ANY_ID + "/removal", NURSES),
                new Operation("GET", "/api/v1/pumps/" + ANY_ID + "/schedule?count=3", EVERY_CLINIC_ROLE),
                new Operation("POST", "/api/v1/pumps/" + ANY_ID + "/glycerol-holds", EVERY_CLINIC_ROLE),
                new Operation("GET", "/api/v1/pumps/" + ANY_ID + "/glycerol-holds", EVERY_CLINIC_ROLE),
                new Operation("GET", "/api/v1/pumps/" + ANY_ID + "/glycerol-holds/" + ANY_ID, EVERY_CLINIC_ROLE),
                new Operation("POST", "/api/v1/pumps/" + ANY_ID + "/glycerol-holds/" + ANY_ID + "/cancellation",
                        EVERY_CLINIC_ROLE),
                new Operation("POST", "/api/v1/pumps/" + ANY_ID + "/chemotherapy-holds", NURSES),
                new Operation("GET", "/api/v1/pumps/" + ANY_ID + "/chemotherapy-holds", EVERY_CLINIC_ROLE),
                new Operation("GET", "/api/v1/pumps/" + ANY_ID + "/chemotherapy-holds/" + ANY_ID, EVERY_CLINIC_ROLE),
                new Operation("POST", "/api/v1/pumps/" + ANY_ID + "/chemotherapy-holds/" + ANY_ID + "/end", NURSES),
                new Operation("POST", "/api/v1/pumps/" + ANY_ID + "/fills", NURSES),
                new Operation("GET", "/api/v1/pumps/" + ANY_ID + "/fills", EVERY_CLINIC_ROLE),
                new Operation("POST", "/api/v1/appointments", EVERY_CLINIC_ROLE),
                new Operation("GET", "/api/v1/appointments?status=BOOKED", EVERY_CLINIC_ROLE),
                new Operation("GET", "/api/v1/appointments/" + ANY_ID, EVERY_CLINIC_ROLE),
                new Operation("POST", "/api/v1/appointments/" + ANY_ID + "/cancellation", EVERY_CLINIC_ROLE),
                new Operation("POST", "/api/v1/appointments/" + ANY_ID + "/reschedule", EVERY_CLINIC_ROLE),
                new Operation("POST", "/api/v1/appointments/" + ANY_ID + "/proposal-acceptance",
                        Set.of("scheduler", "admin")),
                new Operation("GET", "/api/v1/worklist", EVERY_CLINIC_ROLE),
                new Operation("GET", "/api/v1/flags?status=OPEN", EVERY_CLINIC_ROLE),
                new Operation("POST", "/api/v1/flags/" + ANY_ID + "/acknowledgement", NURSES),
                new Operation("POST", "/api/v1/flags/" + ANY_ID + "/resolution", NURSES),
                new Operation("GET", "/api/v1/audit?patientId=" + ANY_ID, Set.of("admin")),
                new Operation("POST", "/api/v1/partners", ADMIN),
                new Operation("GET", "/api/v1/partners", ADMIN),
                new Operation("GET", "/api/v1/partners/" + ANY_ID, ADMIN),
                new Operation("PUT", "/api/v1/partners/" + ANY_ID, ADMIN),
                new Operation("PATCH", "/api/v1/partners/" + ANY_ID, ADMIN),
                new Operation("POST", "/api/v1/partners/" + ANY_ID + "/secret-rotation", ADMIN),
                new Operation("GET", "/api/v1/partners/" + ANY_ID + "/deliveries", ADMIN),
                new Operation("POST", "/api/v1/partners/" + ANY_ID + "/deliveries/evt_x/redelivery", ADMIN),
                new Operation("POST", "/api/v1/webhook-endpoints", ADMIN),
                new Operation("GET", "/api/v1/webhook-endpoints", ADMIN),
                new Operation("GET", "/api/v1/webhook-endpoints/" + ANY_ID, ADMIN),
                new Operation("PUT", "/api/v1/webhook-endpoints/" + ANY_ID, ADMIN),
                new Operation("DELETE", "/api/v1/webhook-endpoints/" + ANY_ID, ADMIN),
                new Operation("POST", "/api/v1/webhook-endpoints/" + ANY_ID + "/secret-rotation", ADMIN),
                new Operation("GET", "/api/v1/webhook-endpoints/" + ANY_ID + "/deliveries", ADMIN),
                new Operation("POST", "/api/v1/webhook-endpoints/" + ANY_ID + "/deliveries/evt_x/redelivery", ADMIN),
                new Operation("PUT", "/api/v1/patients/" + ANY_ID + "/partner", SCHEDULERS),
                new Operation("DELETE", "/api/v1/patients/" + ANY_ID + "/partner", SCHEDULERS),
                new Operation("GET", "/api/v1/patients/" + ANY_ID + "/partner-assignments", EVERY_CLINIC_ROLE),
                new Operation("GET", "/api/v1/partner/refills", PARTNER),
                new Operation("GET", "/api/v1/partner/pumps/" + ANY_ID, PARTNER),
                new Operation("GET", "/api/v1/partner/pumps/" + ANY_ID + "/fills", PARTNER),
                new Operation("GET", "/api/v1/partner/pumps/" + ANY_ID + "/fills/" + ANY_ID, PARTNER),
                new Operation("POST", "/api/v1/partner/pumps/" + ANY_ID + "/fills", PARTNER),
                new Operation("GET", "/api/v1/partner/events", PARTNER),
                new Operation("GET", "/api/v1/partner/appointments", PARTNER),
                new Operation("GET", "/api/v1/partner/appointments/" + ANY_ID, PARTNER),
                new Operation("POST", "/api/v1/partner/appointments/" + ANY_ID + "/acceptance", PARTNER),
                new Operation("POST", "/api/v1/partner/appointments/" + ANY_ID + "/decline", PARTNER),
                new Operation("POST", "/api/v1/partner/appointments/" + ANY_ID + "/proposal", PARTNER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void eachRoleGetsExactlyWhatTheMatrixAllows(Operation operation) {
        for (String role : ROLES) {
            int status = call(operation, given().auth().oauth2(token(role))).statusCode();
            if (operation.allowed().contains(role)) {
                assertThat(status).as("%s as %s", operation, role).isNotIn(401, 403);
            } else {
                assertThat(status).as("%s as %s", operation, role).isEqualTo(403);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void anOperationWithoutATokenIsUnauthorized(Operation operation) {
        assertThat(call(operation, given()).statusCode()).isEqualTo(401);
    }

    @Test
    void aForbiddenCallIsAProblemDocument() {
        given().auth().oauth2(Tokens.partner()).get("/api/v1/worklist")
                .then().statusCode(403).contentType("application/problem+json")
                .body("status", equalTo(403)).body("type", equalTo("/problems/forbidden"));
    }

    @Test
    void anUnauthorizedCallIsAProblemDocumentWithABearerChallenge() {
        given().get("/api/v1/worklist")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"))
                .body("type", equalTo("/problems/unauthorized"));
        given().auth().oauth2("not-a-jwt").get("/api/v1/worklist")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void anExpiredTokenIsUnauthorized() {
        given().auth().oauth2(Tokens.expired()).get("/api/v1/worklist").then().statusCode(401);
    }

    @Test
    void aTokenFromAnotherIssuerIsUnauthorized() {
        given().auth().oauth2(Tokens.wrongIssuer()).get("/api/v1/worklist").then().statusCode(401);
    }

    @Test
    void aTokenSignedByAnUnknownKeyIsUnauthorized() throws Exception {
        given().auth().oauth2(Tokens.wronglySigned()).get("/api/v1/worklist").then().statusCode(401);
    }

    @Test
    void garbageInTheAuthorizationHeaderIsUnauthorized() {
        given().header("Authorization", "Bearer not-a-jwt").get("/api/v1/worklist").then().statusCode(401);
    }

    @Test
    void healthMetricsAndTheOpenApiDocumentAreOpenOnTheManagementPortOnly() {
        for (String path : List.of("/q/health/ready", "/q/health/live", "/q/health/started", "/q/metrics", "/q/openapi")) {
            given().get(Management.url(path)).then().statusCode(200);
            given().get(path).then().statusCode(404);
        }
    }

    private static String token(String role) {
        if (!role.equals("partner")) {
            return Tokens.forRole(role, role + "@clinic.test");
        }
        if (knownPartner == null) {
            knownPartner = org.haipump.support.Api.createPartner();
        }
        return Tokens.partner(UUID.fromString(knownPartner));
    }

    private static Response call(Operation operation, RequestSpecification request) {
        RequestSpecification spec = request.contentType(ContentType.JSON);
        if (List.of("POST", "PUT", "PATCH").contains(operation.method())) {
            spec = spec.body("{}");
        }
        return spec.request(operation.method(), operation.path());
    }
}
