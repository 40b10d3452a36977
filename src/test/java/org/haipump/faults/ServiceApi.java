package org.haipump.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.haipump.support.Tokens;

/**
 * Fixtures through the public API of one {@link ServiceProcess}: patients, pumps and fills, the
 * overdue flags the scan raises, partners and their webhook counts. Tokens are signed once (they
 * live ten minutes, longer than any scenario) to spare the two cores a signature per request.
 */
public final class ServiceApi {

    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    public static final Duration REFILL_INTERVAL = Duration.ofDays(14);
    public static final Duration RESERVE = Duration.ofDays(2);
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final ServiceProcess service;
    private final String scheduler = Tokens.scheduler();
    private final String nurse = Tokens.nurse();
    private final String admin = Tokens.admin();

    /** A partner as registered: its id and its first webhook secret, shown only then. */
    public record Partner(String id, String webhookSecret) {
    }

    public ServiceApi(ServiceProcess service) {
        this.service = service;
    }

    public String schedulerToken() {
        return scheduler;
    }

    public String nurseToken() {
        return nurse;
    }

    /**
     * A new patient with a new active pump, implanted long ago and never filled; returns the pump's
     * id. Its implant fill is long overdue: the scan flags it until its first fill is recorded.
     */
    public String newPump() throws IOException {
        return registerPump(null);
    }

    /**
     * A new patient with a new active pump registered with its first fill ({@code lastFill}), so
     * that the scan never sees the pump without it; returns the pump's id.
     */
    public String pumpFilledAt(Instant performedAt) throws IOException {
        return registerPump(Map.of("performedAt", performedAt.toString(), "drug", "CHEMOTHERAPY", "volumeMl", 30));
    }

    /** A new patient without a pump or a partner; returns the patient's id. */
    public String newPatient() throws IOException {
        Map<String, Object> patient = Map.of("mrn", "MRN-" + UUID.randomUUID().toString().substring(0, 12),
                "givenName", "Ada", "familyName", "Testpatient", "birthDate", "1961-04-12",
                "timeZone", "America/New_York");
        return created(Http.post(service.uri("/api/v1/patients"), scheduler, patient, Map.of(), TIMEOUT));
    }

    /** A new home-infusion partner whose webhooks go to {@code webhookUrl}, registered by an administrator. */
    public Partner newPartner(String webhookUrl) throws IOException {
        Map<String, Object> partner = Map.of("name", "Home Infusion " + UUID.randomUUID().toString().substring(0, 8),
                "contactEmail", "dispatch@home-infusion.test", "webhookUrl", webhookUrl);
        Http.Reply reply = Http.post(service.uri("/api/v1/partners"), admin, partner, Map.of(), TIMEOUT);
        return new Partner(created(reply), reply.json().path("webhookSecret").asText());
    }

    /** The partner refills the patient at home from now on: the partner is sent a {@code partner.assigned}. */
    public void assignPartner(String patientId, String partnerId) throws IOException {
        Http.Reply reply = Http.put(service.uri("/api/v1/patients/" + patientId + "/partner"), scheduler,
                Map.of("partnerId", partnerId), TIMEOUT);
        if (reply.status() != 200) {
            throw new IOException("Assigning a partner: " + reply);
        }
    }

    /** This node's webhook delivery attempts with this outcome ({@code delivered}, {@code failed}), from /q/metrics. */
    public long webhookAttempts(String outcome) throws IOException {
        Http.Reply reply = Http.get(service.managementUri("/q/metrics"), null, "text/plain", TIMEOUT);
        if (reply.status() != 200) {
            throw new IOException("Scraping the metrics: " + reply);
        }
        Pattern series = Pattern.compile("hai_webhooks_attempts_total\\{[^}]*outcome=\"" + outcome + "\"[^}]*} (\\S+)");
        return reply.body().lines().map(series::matcher).filter(Matcher::matches)
                .mapToLong(sample -> (long) Double.parseDouble(sample.group(1))).sum();
    }

    private String registerPump(Map<String, Object> lastFill) throws IOException {
        String suffix = UUID.randomUUID().toString();
        String patientId = newPatient();
        Map<String, Object> pump = new HashMap<>(Map.of("patientId", patientId, "model", "Intera 3000",
                "serialNumber", "SN-" + suffix, "reservoirVolumeMl", 30, "nominalFlowRateMlPerDay", 1.5,
                "implantedOn", "2025-01-06", "therapyMode", "ACTIVE"));
        if (lastFill != null) {
            pump.put("lastFill", lastFill);
        }
        return created(Http.post(service.uri("/api/v1/pumps"), scheduler, pump, Map.of(), TIMEOUT));
    }

    /** A fill body: {@code drug} may differ from the expected one, the reason covers it. */
    public static Map<String, Object> fill(Instant performedAt, String drug) {
        Map<String, Object> body = new HashMap<>();
        body.put("performedAt", performedAt.toString());
        body.put("drug", drug);
        body.put("volumeMl", 30);
        body.put("deviationReason", "Fault test: the drug follows the test's own sequence");
        return body;
    }

    public Http.Reply recordFill(String pumpId, Map<String, Object> fill, String idempotencyKey, Duration timeout)
            throws IOException {
        return Http.post(service.uri("/api/v1/pumps/" + pumpId + "/fills"), nurse, fill,
                Map.of(IDEMPOTENCY_KEY, idempotencyKey), timeout);
    }

    /** Records a fill that must succeed; returns its id. */
    public String recordFill(String pumpId, Map<String, Object> fill, String idempotencyKey) throws IOException {
        return created(recordFill(pumpId, fill, idempotencyKey, TIMEOUT));
    }

    public Http.Reply get(String path, Duration timeout) throws IOException {
        return Http.get(service.uri(path), nurse, timeout);
    }

    /** The pump's open overdue flags, as the API lists them. */
    public List<JsonNode> openOverdueFlags(String pumpId) throws IOException {
        Http.Reply reply = get("/api/v1/flags?status=OPEN&pumpId=" + pumpId, TIMEOUT);
        if (reply.status() != 200) {
            throw new IOException("Listing flags: " + reply);
        }
        List<JsonNode> flags = new ArrayList<>();
        reply.json().path("items").forEach(flag -> {
            if ("REFILL_OVERDUE".equals(flag.path("kind").asText())) {
                flags.add(flag);
            }
        });
        return flags;
    }

    private static String created(Http.Reply reply) throws IOException {
        if (reply.status() != 201) {
            throw new IOException("Expected 201, got " + reply);
        }
        return reply.json().path("id").asText();
    }
}
