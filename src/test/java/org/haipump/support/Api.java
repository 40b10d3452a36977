package org.haipump.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.blankOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haipump.platform.problem.ProblemType;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

/**
 * REST fixtures (a patient, a pump, fills, appointments, holds, each through the public API) and
 * the assertions every refusal shares. Times are relative to the real clock: a fill performed 13
 * days ago is due in one day.
 */
public final class Api {

    // --- paths --------------------------------------------------------------------------------
    public static final String PATIENTS = "/api/v1/patients";
    public static final String PATIENT = PATIENTS + "/{id}";
    public static final String PATIENT_SEARCH = PATIENTS + "/search";
    public static final String PUMPS = "/api/v1/pumps";
    public static final String PUMP = PUMPS + "/{id}";
    public static final String THERAPY_MODE = PUMP + "/therapy-mode";
    public static final String REMOVAL = PUMP + "/removal";
    public static final String SCHEDULE = PUMP + "/schedule";
    public static final String HOLDS = PUMP + "/glycerol-holds";
    public static final String HOLD = HOLDS + "/{holdId}";
    public static final String HOLD_CANCELLATION = HOLD + "/cancellation";
    public static final String CHEMO_HOLDS = PUMP + "/chemotherapy-holds";
    public static final String CHEMO_HOLD = CHEMO_HOLDS + "/{holdId}";
    public static final String CHEMO_HOLD_END = CHEMO_HOLD + "/end";
    public static final String FILLS = PUMP + "/fills";
    public static final String FILL = FILLS + "/{fillId}";
    public static final String APPOINTMENTS = "/api/v1/appointments";
    public static final String APPOINTMENT = APPOINTMENTS + "/{id}";
    public static final String CANCELLATION = APPOINTMENT + "/cancellation";
    public static final String RESCHEDULE = APPOINTMENT + "/reschedule";
    public static final String WORKLIST = "/api/v1/worklist";
    public static final String FLAGS = "/api/v1/flags";
    public static final String FLAG = FLAGS + "/{id}";
    public static final String RESOLUTION = FLAG + "/resolution";
    public static final String PARTNERS = "/api/v1/partners";
    public static final String PARTNER = PARTNERS + "/{id}";
    public static final String SECRET_ROTATION = PARTNER + "/secret-rotation";
    public static final String PATIENT_PARTNER = PATIENT + "/partner";
    public static final String PARTNER_ASSIGNMENTS = PATIENT + "/partner-assignments";
    public static final String PARTNER_REFILLS = "/api/v1/partner/refills";
    public static final String PARTNER_PUMP = "/api/v1/partner/pumps/{id}";
    public static final String PARTNER_EVENTS = "/api/v1/partner/events";
    public static final String PARTNER_DELIVERIES = "/api/v1/partners/{id}/deliveries";
    public static final String REDELIVERY = PARTNER_DELIVERIES + "/{eventId}/redelivery";
    public static final String WEBHOOK_ENDPOINTS = "/api/v1/webhook-endpoints";
    public static final String WEBHOOK_ENDPOINT = WEBHOOK_ENDPOINTS + "/{id}";
    public static final String ENDPOINT_SECRET_ROTATION = WEBHOOK_ENDPOINT + "/secret-rotation";
    public static final String ENDPOINT_DELIVERIES = WEBHOOK_ENDPOINT + "/deliveries";
    public static final String ENDPOINT_REDELIVERY = ENDPOINT_DELIVERIES + "/{eventId}/redelivery";
    public static final String WORK_ORDERS = "/api/v1/partner/appointments";
    public static final String WORK_ORDER = WORK_ORDERS + "/{id}";
    public static final String WORK_ORDER_ACCEPTANCE = WORK_ORDER + "/acceptance";
    public static final String WORK_ORDER_DECLINE = WORK_ORDER + "/decline";
    public static final String WORK_ORDER_PROPOSAL = WORK_ORDER + "/proposal";
    public static final String PROPOSAL_ACCEPTANCE = APPOINTMENT + "/proposal-acceptance";
    public static final String PARTNER_FILLS = PARTNER_PUMP + "/fills";
    public static final String PARTNER_FILL = PARTNER_FILLS + "/{fillId}";

    // --- optimistic locking ---------------------------------------------------------------------
    public static final String ETAG = "ETag";
    public static final String IF_MATCH = "If-Match";

    // --- the clinic's default rules (DOMAIN.md), as the test profile configures them -----------
    public static final Duration REFILL_INTERVAL = Duration.ofDays(14);
    public static final Duration GLYCEROL_INTERVAL = Duration.ofDays(56);
    public static final Duration RESERVE = Duration.ofDays(2);
    public static final Duration EARLY_WINDOW = Duration.ofDays(3);
    public static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    // --- a patient ------------------------------------------------------------------------------
    public static final String GIVEN_NAME = "Ada";
    public static final String FAMILY_NAME = "Testpatient";
    public static final LocalDate BIRTH_DATE = LocalDate.of(1961, 4, 12);
    public static final String TIME_ZONE = "America/New_York";
    public static final ZoneId ZONE = ZoneId.of(TIME_ZONE);

    // --- a pump ---------------------------------------------------------------------------------
    public static final String MODEL = "Intera 3000";
    public static final double RESERVOIR_ML = 30.0;
    public static final double NOMINAL_FLOW_ML_PER_DAY = 1.5;
    /**
     * The implant day of a pump registered without a fill: twelve days ago, so that the implant
     * fill's refill is due in two days at the earliest and the overdue scan leaves the pump alone.
     */
    public static final LocalDate IMPLANTED_ON = LocalDate.now(ZONE).minusDays(12);
    /** The implant day of pumps registered with a fill, and of pumps whose first fill lies far back. */
    public static final LocalDate IMPLANTED_LONG_AGO = LocalDate.of(2025, 1, 6);
    /** A full reservoir: what most fixtures fill. */
    public static final double FULL_ML = RESERVOIR_ML;
    /** Left after 12 days of a full reservoir at 2 mL/day: 33.3 % faster than nominal. */
    public static final double FAST_FLOW_RESIDUAL_ML = 6.0;

    // --- problems -------------------------------------------------------------------------------
    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String PROBLEM_TYPES = "/problems/";

    /** Stands for a member left out of a request body altogether (see {@link #with}). */
    public static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "(absent)";
        }
    };

    private Api() {
    }

    /** The body with one member replaced, set to JSON null, or left out when the value is {@link #ABSENT}. */
    public static Map<String, Object> with(Map<String, Object> body, String member, Object value) {
        Map<String, Object> changed = new HashMap<>(body);
        if (value == ABSENT) {
            changed.remove(member);
        } else {
            changed.put(member, value);
        }
        return changed;
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** Now, to the second: what the database stores and the API answers, without sub-second noise. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    public static Instant daysAgo(long days) {
        return now().minus(Duration.ofDays(days));
    }

    /** Today in the fixture patients' zone. */
    public static LocalDate today() {
        return LocalDate.now(Clock.system(ZONE));
    }

    public static LocalDate localDate(Instant instant) {
        return instant.atZone(ZONE).toLocalDate();
    }

    // --- patients -------------------------------------------------------------------------------

    public static String uniqueMrn() {
        return "MRN-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** A registration body the service accepts; mutable, so that a test can break one field. */
    public static Map<String, Object> patientBody(String mrn) {
        Map<String, Object> body = new HashMap<>();
        body.put("mrn", mrn);
        body.put("givenName", GIVEN_NAME);
        body.put("familyName", FAMILY_NAME);
        body.put("birthDate", BIRTH_DATE.toString());
        body.put("timeZone", TIME_ZONE);
        return body;
    }

    public static String registerPatient() {
        return registerPatient(uniqueMrn());
    }

    public static String registerPatient(String mrn) {
        return as(Tokens.scheduler()).body(patientBody(mrn)).post(PATIENTS)
                .then().statusCode(201).extract().path("id");
    }

    // --- pumps ----------------------------------------------------------------------------------

    public static String uniqueSerial() {
        return "SN-" + UUID.randomUUID();
    }

    /** A pump registration body the service accepts; mutable, so that a test can break one field. */
    public static Map<String, Object> pumpBody(String patientId) {
        Map<String, Object> body = new HashMap<>();
        body.put("patientId", patientId);
        body.put("model", MODEL);
        body.put("serialNumber", uniqueSerial());
        body.put("reservoirVolumeMl", RESERVOIR_ML);
        body.put("nominalFlowRateMlPerDay", NOMINAL_FLOW_ML_PER_DAY);
        body.put("implantedOn", IMPLANTED_ON.toString());
        body.put("therapyMode", "ACTIVE");
        return body;
    }

    public static String registerPump(String patientId) {
        return registerPump(patientId, "ACTIVE");
    }

    public static String registerPump(String patientId, String mode) {
        Map<String, Object> body = pumpBody(patientId);
        body.put("therapyMode", mode);
        return as(Tokens.scheduler()).body(body).post(PUMPS).then().statusCode(201).extract().path("id");
    }

    /**
     * A new patient with a pump implanted on {@link #IMPLANTED_ON} and never filled: it counts from the
     * heparin fill of its implant day, due in two days at the earliest, so the overdue scan leaves it alone.
     */
    public static String newPump() {
        return registerPump(registerPatient());
    }

    /**
     * A new patient with a pump implanted on {@link #IMPLANTED_LONG_AGO} and never filled, for first
     * fills far in the past: its implant fill is long overdue, so the overdue scan may flag it at any
     * moment; a test that compares its flags records the first fill with {@link #pumpFilledAt} instead.
     */
    public static String newPumpImplantedLongAgo() {
        Map<String, Object> body = pumpBody(registerPatient());
        body.put("implantedOn", IMPLANTED_LONG_AGO.toString());
        return as(Tokens.scheduler()).body(body).post(PUMPS).then().statusCode(201).extract().path("id");
    }

    /**
     * A new patient with a pump in place, filled once with a full reservoir of {@code drug}: the fill
     * is registered with the pump ({@code lastFill}), so that the overdue scan never sees the pump
     * without it (a pump never filled counts from its implant day, long past here).
     */
    public static String pumpFilledAt(Instant performedAt, String drug) {
        return pumpFilledAt(registerPatient(), performedAt, drug, FULL_ML);
    }

    /** The patient's pump, implanted {@link #IMPLANTED_LONG_AGO}, registered with its first fill. */
    public static String pumpFilledAt(String patientId, Instant performedAt, String drug, double volumeMl) {
        Map<String, Object> body = pumpBody(patientId);
        body.put("implantedOn", IMPLANTED_LONG_AGO.toString());
        body.put("lastFill", Map.of("performedAt", performedAt.toString(), "drug", drug, "volumeMl", volumeMl));
        return as(Tokens.scheduler()).body(body).post(PUMPS).then().statusCode(201).extract().path("id");
    }

    /**
     * A new pump filled with chemotherapy 13 days ago and with heparin a day ago, when only
     * {@value #FAST_FLOW_RESIDUAL_ML} mL were left: it ran at 2 mL/day, 33 % above nominal, and has an
     * open flow flag. Its next refill is due in 13 days.
     */
    public static String pumpWithFlowFlag() {
        String pumpId = pumpFilledAt(daysAgo(13), "CHEMOTHERAPY");
        recordFill(pumpId, fill(daysAgo(1), "HEPARIN", FULL_ML, FAST_FLOW_RESIDUAL_ML));
        return pumpId;
    }

    /**
     * Every item of the worklist due before {@code dueBefore} (its default week when null), page by
     * page: the test database holds many pumps, never-filled ones among them.
     */
    /** Every item of the worklist due before {@code dueBefore}, page after page by {@code nextCursor}. */
    public static List<Map<String, Object>> worklistItems(Instant dueBefore) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = as(Tokens.nurse()).queryParam("size", 200);
            if (dueBefore != null) {
                request = request.queryParam("dueBefore", dueBefore.toString());
            }
            if (cursor != null) {
                request = request.queryParam("after", cursor);
            }
            JsonPath page = request.get(WORKLIST).then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return all;
    }

    /** The pump's item on the worklist due before {@code dueBefore}, or null when it is not on it. */
    public static Map<String, Object> worklistItem(String pumpId, Instant dueBefore) {
        return worklistItems(dueBefore).stream().filter(item -> pumpId.equals(item.get("pumpId"))).findFirst()
                .orElse(null);
    }

    /** The id of the pump's latest fill. */
    public static String lastFillId(String pumpId) {
        return as(Tokens.scheduler()).get(PUMP, pumpId).then().statusCode(200).extract().path("lastFill.id");
    }

    /**
     * A new pump filled with chemotherapy 13 days ago and with heparin a day ago, when it was found
     * empty: it ran at least 2.5 mL/day, and has an open patency review. Its next refill is due in 9
     * days.
     */
    public static String pumpFoundEmpty() {
        String pumpId = pumpFilledAt(daysAgo(13), "CHEMOTHERAPY");
        recordFill(pumpId, fill(daysAgo(1), "HEPARIN", FULL_ML, 0.0));
        return pumpId;
    }

    /** The id of the pump's only open flag of this kind. */
    public static String openFlagOf(String pumpId, String kind) {
        List<String> ids = as(Tokens.nurse()).queryParam("pumpId", pumpId).queryParam("status", "OPEN")
                .get(FLAGS).then().statusCode(200)
                .extract().path("items.findAll { it.kind == '" + kind + "' }.id");
        if (ids.size() != 1) {
            throw new AssertionError("pump " + pumpId + " has " + ids.size() + " open " + kind + " flags");
        }
        return ids.get(0);
    }

    /** A resolution body with this note. */
    public static Map<String, Object> resolutionBody(String note) {
        Map<String, Object> body = new HashMap<>();
        body.put("note", note);
        return body;
    }

    public static void removePump(String pumpId) {
        as(Tokens.nurse()).body(removalBody(today(), "COMPLETED_THERAPY")).post(REMOVAL, pumpId)
                .then().statusCode(200);
    }

    public static Map<String, Object> removalBody(LocalDate removedOn, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("removedOn", removedOn.toString());
        body.put("reason", reason);
        return body;
    }

    // --- fills ----------------------------------------------------------------------------------

    public static Map<String, Object> fill(Instant performedAt, String drug, double volumeMl) {
        Map<String, Object> body = new HashMap<>();
        body.put("performedAt", performedAt.toString());
        body.put("drug", drug);
        body.put("volumeMl", volumeMl);
        return body;
    }

    public static Map<String, Object> fill(Instant performedAt, String drug, double volumeMl, double residualMl) {
        Map<String, Object> body = fill(performedAt, drug, volumeMl);
        body.put("residualVolumeMl", residualMl);
        return body;
    }

    public static String recordFill(String pumpId, Map<String, Object> body) {
        return as(Tokens.nurse()).body(body).post(FILLS, pumpId)
                .then().statusCode(201).extract().path("id");
    }

    // --- appointments ---------------------------------------------------------------------------

    public static Map<String, Object> appointmentBody(String pumpId, Instant startsAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("pumpId", pumpId);
        body.put("startsAt", startsAt.toString());
        body.put("location", "CLINIC");
        return body;
    }

    /** A home visit: the partner's work order when the patient has one. */
    public static String bookHomeVisit(String pumpId, Instant startsAt) {
        Map<String, Object> body = appointmentBody(pumpId, startsAt);
        body.put("location", "HOME");
        return as(Tokens.scheduler()).body(body).post(APPOINTMENTS).then().statusCode(201).extract().path("id");
    }

    public static String bookAppointment(String pumpId, Instant startsAt) {
        return as(Tokens.scheduler()).body(appointmentBody(pumpId, startsAt)).post(APPOINTMENTS)
                .then().statusCode(201).extract().path("id");
    }

    // --- entity tags ----------------------------------------------------------------------------

    /** The ETag a reader of the resource at this path gets now. */
    public static String etagOf(String path, String id) {
        return as(Tokens.scheduler()).get(path, id).then().statusCode(200).extract().header(ETAG);
    }

    // --- glycerol holds -------------------------------------------------------------------------

    public static Map<String, Object> holdBody(LocalDate departOn, LocalDate returnOn) {
        Map<String, Object> body = new HashMap<>();
        body.put("departOn", departOn == null ? null : departOn.toString());
        body.put("returnOn", returnOn == null ? null : returnOn.toString());
        return body;
    }

    public static String planHold(String pumpId, LocalDate departOn, LocalDate returnOn) {
        return as(Tokens.scheduler()).body(holdBody(departOn, returnOn)).post(HOLDS, pumpId)
                .then().statusCode(201).extract().path("id");
    }

    public static Map<String, Object> cancellationBody(String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("reason", reason);
        return body;
    }

    // --- chemotherapy holds ---------------------------------------------------------------------

    public static final String CHEMO_HOLD_REASON = "AST and bilirubin rose: FUDR held";

    public static Map<String, Object> chemoHoldBody(LocalDate startsOn, LocalDate reviewOn) {
        Map<String, Object> body = new HashMap<>();
        body.put("startsOn", startsOn == null ? null : startsOn.toString());
        body.put("reviewOn", reviewOn == null ? null : reviewOn.toString());
        body.put("reason", CHEMO_HOLD_REASON);
        return body;
    }

    public static String startChemoHold(String pumpId, LocalDate startsOn, LocalDate reviewOn) {
        return as(Tokens.nurse()).body(chemoHoldBody(startsOn, reviewOn)).post(CHEMO_HOLDS, pumpId)
                .then().statusCode(201).extract().path("id");
    }

    /** Ends the hold today (the default). */
    public static void endChemoHold(String pumpId, String holdId) {
        as(Tokens.nurse()).body(Map.of()).post(CHEMO_HOLD_END, pumpId, holdId).then().statusCode(200);
    }

    // --- refusals -------------------------------------------------------------------------------

    /**
     * An RFC 9457 problem: the status, its media type, the problem's {@code type}, the title the
     * catalogue gives that type, {@code status}, a {@code detail} and, when given, the {@code instance} path.
     */
    public static ValidatableResponse problem(Response response, int status, String type) {
        String title = ProblemType.ofCode(type).map(ProblemType::title)
                .orElseThrow(() -> new AssertionError("No problem type " + type + " in the catalogue"));
        return response.then().log().ifValidationFails()
                .statusCode(status)
                .header("Content-Type", startsWith(PROBLEM_JSON))
                .body("type", equalTo(PROBLEM_TYPES + type))
                .body("title", equalTo(title))
                .body("status", equalTo(status))
                .body("detail", not(blankOrNullString()))
                // Problems raised while converting query parameters carry no instance.
                .body("instance", anyOf(nullValue(), startsWith("/api/v1/")));
    }

    /** 400 from bean validation, naming each offending field. */
    public static ValidatableResponse invalid(Response response, String... fields) {
        return problem(response, 400, "validation").body("errors.field", hasItems(fields));
    }

    /** 400 for a body that is not JSON, or not JSON of the expected shape (naming the field when known). */
    public static ValidatableResponse malformed(Response response, String... fields) {
        ValidatableResponse validatable = problem(response, 400, "malformed-body");
        return fields.length == 0 ? validatable : validatable.body("errors.field", hasItems(fields));
    }

    public static ValidatableResponse notFound(Response response) {
        return problem(response, 404, "not-found");
    }

    /** 409: the resource's current state forbids the request. */
    public static ValidatableResponse conflict(Response response, String type) {
        return problem(response, 409, type);
    }

    public static ValidatableResponse conflict(Response response, String type, String field) {
        return conflict(response, type).body("errors.field", hasItems(field));
    }

    /** 412: {@code If-Match} names none of the resource's current entity tags, and the current one is given. */
    public static ValidatableResponse preconditionFailed(Response response) {
        return problem(response, 412, "precondition-failed")
                .body("errors.field", hasItems(IF_MATCH))
                .body("currentEtag", startsWith("\""));
    }

    /** 422: the request breaks a clinical rule, naming the offending field. */
    public static ValidatableResponse ruleViolated(Response response, String type, String field) {
        return problem(response, 422, type).body("errors.field", hasItems(field));
    }

    // --- matchers -------------------------------------------------------------------------------

    /** A JSON string holding the same instant, however it is written. */
    public static Matcher<Object> sameInstant(Instant expected) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item, Description mismatch) {
                try {
                    Instant actual = Instant.parse(item.toString());
                    mismatch.appendText("was ").appendValue(actual);
                    return actual.equals(expected);
                } catch (DateTimeParseException e) {
                    mismatch.appendText("was not an instant: ").appendValue(item);
                    return false;
                }
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("the instant ").appendValue(expected);
            }
        };
    }

    /** A JSON number of this value, whatever its scale or the Java type JsonPath chose for it. */
    public static Matcher<Object> decimal(double expected) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item, Description mismatch) {
                mismatch.appendText("was ").appendValue(item);
                // JsonPath reads small decimals as floats: 66.7F is 66.69999694... as a double.
                if (item instanceof Float f) {
                    return f == (float) expected;
                }
                return item instanceof Number number && Math.abs(number.doubleValue() - expected) < 1e-6;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("the number ").appendValue(expected);
            }
        };
    }

    // --- partners -------------------------------------------------------------------------------

    public static final String PARTNER_EMAIL = "dispatch@home-infusion.test";
    public static final String HOME_NURSE = "RN Casey Doe";

    /** A partner registration body the service accepts; mutable, so that a test can break one field. */
    public static Map<String, Object> partnerBody() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Home Infusion " + UUID.randomUUID().toString().substring(0, 8));
        body.put("contactEmail", PARTNER_EMAIL);
        body.put("webhookUrl", "https://hooks.home-infusion.test/hai");
        return body;
    }

    /** A new partner, registered by an administrator. */
    public static String createPartner() {
        return as(Tokens.admin()).body(partnerBody()).post(PARTNERS).then().statusCode(201).extract().path("id");
    }

    /** A clinic-wide endpoint body the service accepts; mutable, so that a test can break one field. */
    public static Map<String, Object> webhookEndpointBody(String url, String... eventTypes) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", url);
        body.put("eventTypes", List.of(eventTypes));
        body.put("description", "On-call paging");
        return body;
    }

    /** A new clinic-wide endpoint for late refills, registered by an administrator. */
    public static String createWebhookEndpoint() {
        return as(Tokens.admin()).body(webhookEndpointBody("https://paging.clinic.test/hai", "refill.critical"))
                .post(WEBHOOK_ENDPOINTS).then().statusCode(201).extract().path("id");
    }

    /** The patient is refilled at home by the partner from now on. */
    public static void assignPartner(String patientId, String partnerId) {
        as(Tokens.scheduler()).body(Map.of("partnerId", partnerId)).put(PATIENT_PARTNER, patientId)
                .then().statusCode(200);
    }

    public static String patientOf(String pumpId) {
        return as(Tokens.scheduler()).get(PUMP, pumpId).then().statusCode(200).extract().path("patientId");
    }

    /** A home fill body: {@link #fill} and the partner's nurse. */
    public static Map<String, Object> homeFill(Instant performedAt, String drug, double volumeMl) {
        Map<String, Object> body = fill(performedAt, drug, volumeMl);
        body.put("performedBy", HOME_NURSE);
        return body;
    }
}
