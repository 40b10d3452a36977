package org.haipump.packaged;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.support.Api.APPOINTMENT;
import static org.haipump.support.Api.APPOINTMENTS;
import static org.haipump.support.Api.CANCELLATION;
import static org.haipump.support.Api.FILLS;
import static org.haipump.support.Api.FLAGS;
import static org.haipump.support.Api.FULL_ML;
import static org.haipump.support.Api.HOLDS;
import static org.haipump.support.Api.PATIENT;
import static org.haipump.support.Api.PATIENTS;
import static org.haipump.support.Api.PUMP;
import static org.haipump.support.Api.PUMPS;
import static org.haipump.support.Api.REFILL_INTERVAL;
import static org.haipump.support.Api.SCHEDULE;
import static org.haipump.support.Api.as;
import static org.haipump.support.Api.daysAgo;
import static org.haipump.support.Api.fill;
import static org.haipump.support.Api.localDate;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.haipump.support.Api;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Drives every kind of request through the packaged jar (prod profile) with the most verbose
 * logging an operator could switch on, then reads its log file: no patient's name, MRN or birth
 * date may appear in it, in any common spelling. The test first proves it is reading the log of
 * these very requests, so an empty or unrelated log cannot pass it.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = VerboseLogsResource.class, restrictToAnnotatedClass = true)
class NoPatientDataInLogsIT {

    /** Where {@code @QuarkusIntegrationTest} points the jar's file log (quarkus.log.file.path). */
    private static final Path LOG_FILE = Path.of("target", "quarkus.log");
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);

    private record Patient(String mrn, String givenName, String familyName, LocalDate birthDate) {

        Map<String, Object> registration() {
            return Map.of("mrn", mrn, "givenName", givenName, "familyName", familyName,
                    "birthDate", birthDate.toString(), "timeZone", Api.TIME_ZONE);
        }

        /** Everything that identifies the patient, as a log might spell it. */
        List<String> identifiers() {
            List<String> spellings = new ArrayList<>(List.of(mrn, givenName, familyName));
            for (String pattern : List.of("yyyy-MM-dd", "MM/dd/yyyy", "dd/MM/yyyy", "yyyyMMdd", "dd.MM.yyyy",
                    "yyyy/MM/dd", "MMM d, yyyy", "d MMM yyyy")) {
                spellings.add(birthDate.format(DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH)));
            }
            return spellings;
        }
    }

    private static final Patient QUINTESSA =
            new Patient("MRN-LOG-" + RUN, "Quintessa", "Marchbanks", LocalDate.of(1947, 11, 23));
    private static final Patient BARTHOLOMEW =
            new Patient("MRN-LOGB-" + RUN, "Bartholomew", "Zylstra", LocalDate.of(1953, 2, 7));

    @Test
    void noPatientIdentifierReachesTheLogsOrTheMetrics() throws Exception {
        exercise();

        String log = awaitTheLogOf();
        String metrics = given().get(ProductionKeysResource.managementUrl("/q/metrics")).then().statusCode(200)
                .extract().asString();

        assertThat(metrics).contains("http_server_requests_seconds_count", "hai_fills_recorded_total");
        List<String> identifiers = new ArrayList<>(List.of("mrn="));
        identifiers.addAll(QUINTESSA.identifiers());
        identifiers.addAll(BARTHOLOMEW.identifiers());
        assertThat(linesNaming(log, identifiers)).as("log lines naming a patient").isEmpty();
        assertThat(linesNaming(metrics, identifiers)).as("metric lines naming a patient").isEmpty();
    }

    private static List<String> linesNaming(String text, List<String> identifiers) {
        return text.lines()
                .filter(line -> identifiers.stream().anyMatch(id ->
                        line.toLowerCase(Locale.ROOT).contains(id.toLowerCase(Locale.ROOT))))
                .toList();
    }

    private static void exercise() {
        // Patients: registered, refused (duplicate MRN, malformed and unknown fields), looked up.
        String patientId = as(Tokens.scheduler()).body(QUINTESSA.registration()).post(PATIENTS)
                .then().statusCode(201).extract().path("id");
        String otherPatientId = as(Tokens.scheduler()).body(BARTHOLOMEW.registration()).post(PATIENTS)
                .then().statusCode(201).extract().path("id");
        as(Tokens.scheduler()).body(QUINTESSA.registration()).post(PATIENTS).then().statusCode(409);
        Map<String, Object> usBirthDate = new HashMap<>(QUINTESSA.registration());
        usBirthDate.put("birthDate", QUINTESSA.birthDate().format(DateTimeFormatter.ofPattern("MM/dd/yyyy")));
        as(Tokens.scheduler()).body(usBirthDate).post(PATIENTS).then().statusCode(400);
        Map<String, Object> unknownField = new HashMap<>(QUINTESSA.registration());
        unknownField.put("nickname", QUINTESSA.givenName());
        as(Tokens.scheduler()).body(unknownField).post(PATIENTS).then().statusCode(400);
        as(Tokens.scheduler()).body("{\"mrn\":\"" + QUINTESSA.mrn() + "\",\"givenName\":\"" + QUINTESSA.givenName())
                .post(PATIENTS).then().statusCode(400);
        as(Tokens.scheduler()).queryParam("mrn", QUINTESSA.mrn()).get(PATIENTS).then().statusCode(200);
        as(Tokens.nurse()).queryParam("mrn", BARTHOLOMEW.mrn()).get(PATIENTS).then().statusCode(200);
        as(Tokens.scheduler()).queryParam("mrn", "MRN-NONE-" + RUN).get(PATIENTS).then().statusCode(200);
        as(Tokens.scheduler()).get(PATIENT, patientId).then().statusCode(200);
        as(Tokens.scheduler()).get(PATIENT, UUID.randomUUID()).then().statusCode(404);
        as(Tokens.scheduler()).get(PATIENT, QUINTESSA.mrn()).then().statusCode(404);
        as(Tokens.scheduler()).delete(PATIENT, QUINTESSA.mrn()).then().statusCode(405);
        Map<String, Object> tooLarge = new HashMap<>(QUINTESSA.registration());
        tooLarge.put("givenName", (QUINTESSA.givenName() + " ").repeat(8_000));
        as(Tokens.scheduler()).body(tooLarge).post(PATIENTS + "/" + QUINTESSA.mrn()).then().statusCode(413);
        given().queryParam("mrn", QUINTESSA.mrn()).get(PATIENTS).then().statusCode(401);
        as(Tokens.partner()).queryParam("mrn", QUINTESSA.mrn()).get(PATIENTS).then().statusCode(403);

        // Pumps, fills (recorded, replayed, refused), appointments (booked, completed, cancelled), a hold.
        String pumpId = as(Tokens.scheduler())
                .body(Api.with(Api.pumpBody(patientId), "implantedOn", Api.IMPLANTED_LONG_AGO.toString())).post(PUMPS)
                .then().statusCode(201).extract().path("id");
        String latePumpId = as(Tokens.scheduler())
                .body(Api.with(Api.pumpBody(otherPatientId), "implantedOn", Api.IMPLANTED_LONG_AGO.toString())).post(PUMPS)
                .then().statusCode(201).extract().path("id");
        as(Tokens.scheduler()).queryParam("patientId", patientId).get(PUMPS).then().statusCode(200);
        Instant firstFill = daysAgo(13);
        Api.recordFill(pumpId, fill(firstFill, "CHEMOTHERAPY", FULL_ML));
        Api.recordFill(latePumpId, fill(daysAgo(17), "CHEMOTHERAPY", FULL_ML));
        String appointmentId = as(Tokens.scheduler())
                .body(Api.appointmentBody(pumpId, firstFill.plus(REFILL_INTERVAL))).post(APPOINTMENTS)
                .then().statusCode(201).extract().path("id");
        as(Tokens.scheduler()).get(APPOINTMENT, appointmentId).then().statusCode(200);
        as(Tokens.nurse()).body(fill(Api.now(), "HEPARIN", Api.RESERVOIR_ML + 0.01)).post(FILLS, pumpId)
                .then().statusCode(422);
        as(Tokens.nurse()).body(fill(Api.now(), "HEPARIN", FULL_ML)).post(FILLS, UUID.randomUUID())
                .then().statusCode(404);
        Map<String, Object> refill = fill(Api.now(), "HEPARIN", FULL_ML, 12.0);
        String key = "log-check-" + RUN;
        as(Tokens.nurse()).header("Idempotency-Key", key).body(refill).post(FILLS, pumpId).then().statusCode(201);
        as(Tokens.nurse()).header("Idempotency-Key", key).body(refill).post(FILLS, pumpId).then().statusCode(201)
                .header("Idempotent-Replayed", "true");
        as(Tokens.nurse()).get(FILLS, pumpId).then().statusCode(200);
        String nextAppointment = as(Tokens.scheduler())
                .body(Api.appointmentBody(pumpId, Api.now().plus(REFILL_INTERVAL).minus(Duration.ofDays(1))))
                .post(APPOINTMENTS).then().statusCode(201).extract().path("id");
        as(Tokens.scheduler()).body(Map.of("reason", "Rescheduled by the clinic")).post(CANCELLATION, nextAppointment)
                .then().statusCode(200);
        LocalDate departOn = localDate(Api.now().plus(REFILL_INTERVAL.multipliedBy(2)).plus(Duration.ofDays(2)));
        as(Tokens.scheduler()).body(Api.holdBody(departOn, departOn.plusDays(50))).post(HOLDS, pumpId)
                .then().statusCode(201);
        as(Tokens.nurse()).queryParam("count", 4).get(SCHEDULE, pumpId).then().statusCode(200);
        as(Tokens.nurse()).get(PUMP, pumpId).then().statusCode(200);

        // Flags: the scheduled scan (every few seconds here) flags the late pump; a nurse acknowledges it.
        String flagId = awaitAnOpenFlag(latePumpId);
        as(Tokens.nurse()).post(FLAGS + "/{id}/acknowledgement", flagId).then().statusCode(200);
        as(Tokens.nurse()).get("/api/v1/worklist").then().statusCode(200);
    }

    private static String awaitAnOpenFlag(String pumpId) {
        for (int attempt = 0; attempt < 150; attempt++) {
            List<String> open = as(Tokens.nurse()).queryParam("status", "OPEN").queryParam("pumpId", pumpId)
                    .get(FLAGS).then().statusCode(200).extract().path("items.id");
            if (!open.isEmpty()) {
                return open.get(0);
            }
            sleep(200);
        }
        throw new AssertionError("the scheduled scan never flagged the late pump");
    }

    /**
     * The jar's log file (written afresh at each start) once it holds the exercise: JSON records,
     * the access log of its requests with their answers, DEBUG lines of the service, and the scan
     * that raised its flag.
     */
    private static String awaitTheLogOf() throws IOException {
        String log = "";
        for (int attempt = 0; attempt < 100; attempt++) {
            log = Files.exists(LOG_FILE) ? Files.readString(LOG_FILE, StandardCharsets.UTF_8) : "";
            if (log.contains("GET /api/v1/worklist HTTP/1.1")) {
                break;
            }
            sleep(100);
        }
        assertThat(log).as("the jar's log file %s", LOG_FILE.toAbsolutePath()).isNotBlank();
        List<String> accessLines = log.lines()
                .filter(line -> line.contains("\"loggerName\":\"io.quarkus.http.access-log\""))
                .toList();
        assertThat(accessLines).as("JSON access-log records")
                .allSatisfy(line -> assertThat(line).startsWith("{"))
                .anySatisfy(line -> assertThat(line).contains("GET /api/v1/patients HTTP/1.1\\\" 200"))
                .anySatisfy(line -> assertThat(line).contains("GET /api/v1/patients/{id} HTTP/1.1\\\" 404"))
                .anySatisfy(line -> assertThat(line).contains("POST /api/v1/pumps/{pumpId}/fills HTTP/1.1\\\" 422"))
                .anySatisfy(line -> assertThat(line).contains("DELETE UNMATCHED HTTP/1.1\\\" 405"))
                // Refused before any resource saw it: no path at all.
                .anySatisfy(line -> assertThat(line).contains("POST - HTTP/1.1\\\" 413"))
                .anySatisfy(line -> assertThat(line).contains("POST /api/v1/flags/{id}/acknowledgement HTTP/1.1\\\" 200"));
        assertThat(log.lines().filter(line -> line.contains("\"level\":\"DEBUG\"")
                && line.contains("\"loggerName\":\"org.haipump.")))
                .as("DEBUG records of the service").isNotEmpty();
        assertThat(log).contains("Overdue scan: raised=");
        return log;
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
