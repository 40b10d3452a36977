package org.haipump.platform.problem;

import java.util.Arrays;
import java.util.Optional;
import org.haipump.cycle.Refusal;

/**
 * Every kind of problem the service answers, with the code its {@code type} URI ends in, its one
 * HTTP status and its title (RFC 9457: a short summary of the type, the same for every occurrence).
 * docs/api-guide.md lists each one; {@code ProblemCatalogueTest} keeps the two in step.
 */
public enum ProblemType {

    // Validation and transport
    VALIDATION("validation", 400, "Invalid request"),
    MALFORMED_BODY("malformed-body", 400, "Malformed request body"),
    UNAUTHORIZED("unauthorized", 401, "Unauthorized"),
    FORBIDDEN("forbidden", 403, "Forbidden"),
    UNKNOWN_PARTNER("unknown-partner", 403, "Token names no known partner"),
    NOT_FOUND("not-found", 404, "No such resource"),
    HTTP_400("http-400", 400, "Bad Request"),
    HTTP_404("http-404", 404, "Not Found"),
    HTTP_405("http-405", 405, "Method Not Allowed"),
    HTTP_406("http-406", 406, "Not Acceptable"),
    HTTP_413("http-413", 413, "Request Entity Too Large"),
    HTTP_415("http-415", 415, "Unsupported Media Type"),
    CONCURRENT_CHANGE("concurrent-change", 409, "Changed concurrently"),
    PRECONDITION_FAILED("precondition-failed", 412, "Precondition failed"),
    UNAVAILABLE("unavailable", 503, "Service unavailable"),
    INTERNAL("internal", 500, "Internal error"),

    // Conflicts with the current state
    DUPLICATE_MRN("duplicate-mrn", 409, "MRN already registered"),
    PATIENT_HAS_ACTIVE_PUMP("patient-has-active-pump", 409, "Patient already has a pump in place"),
    DUPLICATE_SERIAL_NUMBER("duplicate-serial-number", 409, "Serial number already registered"),
    PUMP_REMOVED("pump-removed", 409, "Pump removed"),
    FILL_NOT_AFTER_LATEST("fill-not-after-latest", 409, "Fill not after the latest fill"),
    IDEMPOTENCY_KEY_IN_USE("idempotency-key-in-use", 409, "Idempotency-Key in use"),
    HOLD_OVERLAPS("hold-overlaps", 409, "Glycerol hold overlaps another"),
    GLYCEROL_HOLD_FILLED("glycerol-hold-filled", 409, "Glycerol hold already filled"),
    GLYCEROL_HOLD_CANCELLED("glycerol-hold-cancelled", 409, "Glycerol hold already cancelled"),
    CHEMOTHERAPY_HOLD_ACTIVE("chemotherapy-hold-active", 409, "Chemotherapy hold already lasting"),
    CHEMOTHERAPY_HOLD_ENDED("chemotherapy-hold-ended", 409, "Chemotherapy hold already ended"),
    OPEN_APPOINTMENT_EXISTS("open-appointment-exists", 409, "Open appointment exists"),
    APPOINTMENT_NOT_OPEN("appointment-not-open", 409, "Appointment not booked"),
    FLAG_ACKNOWLEDGED("flag-acknowledged", 409, "Flag already acknowledged"),
    FLAG_RESOLVED("flag-resolved", 409, "Flag already resolved"),
    WORK_ORDER_DECLINED("work-order-declined", 409, "Work order already declined"),
    NO_PROPOSAL("no-proposal", 409, "No proposed start"),
    NO_PARTNER_ASSIGNED("no-partner-assigned", 409, "No partner assigned"),
    NO_WEBHOOK_URL("no-webhook-url", 409, "No webhook URL"),

    // Broken clinical rules
    IMPLANT_IN_FUTURE("implant-in-future", 422, "Implant date in the future"),
    REMOVAL_BEFORE_IMPLANT("removal-before-implant", 422, "Removal before implant"),
    REMOVAL_IN_FUTURE("removal-in-future", 422, "Removal date in the future"),
    REMOVAL_BEFORE_LATEST_FILL("removal-before-latest-fill", 422, "Removal before the latest fill"),
    FILL_IN_FUTURE("fill-in-future", 422, "Fill in the future"),
    FILL_BEFORE_IMPLANT("fill-before-implant", 422, "Fill before implant"),
    VOLUME_ABOVE_RESERVOIR("volume-above-reservoir", 422, "Volume above the reservoir"),
    RESIDUAL_ABOVE_RESERVOIR("residual-above-reservoir", 422, "Residual volume above the reservoir"),
    DEVIATION_REASON_REQUIRED("deviation-reason-required", 422, "Reason required for another drug"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422, "Idempotency-Key reused with another body"),
    WEBHOOK_URL_NOT_ALLOWED("webhook-url-not-allowed", 422, "Webhook URL not allowed"),
    OUTSIDE_REFILL_WINDOW("outside-refill-window", 422, "Outside the refill window"),
    APPOINTMENT_IN_PAST("appointment-in-past", 422, "Appointment in the past"),
    URGENT_REASON_REQUIRED("urgent-reason-required", 422, "Reason required for an urgent visit"),
    PLANNED_DRUG_REASON_REQUIRED("planned-drug-reason-required", 422, "Reason required for another planned drug"),
    HOLD_IN_PAST("hold-in-past", 422, "Hold starts in the past"),
    HOLD_TOO_FAR_AHEAD("hold-too-far-ahead", 422, "Hold too far ahead"),
    ABSENCE_TOO_LONG("absence-too-long", 422, "Absence longer than a glycerol fill"),
    NO_REFILL_BEFORE_DEPARTURE("no-refill-before-departure", 422, "No refill before departure"),
    HOLD_NOT_COVERED("hold-not-covered", 422, "Return not covered by the glycerol fill"),
    HOLD_END_BEFORE_START("hold-end-before-start", 422, "Hold ends before it starts"),
    HOLD_END_IN_FUTURE("hold-end-in-future", 422, "Hold end in the future"),
    FLAG_NOT_A_REVIEW_TASK("flag-not-a-review-task", 422, "Flag not a review task");

    /** Problem types are relative URIs under this path. */
    public static final String TYPE_BASE = "/problems/";

    private final String code;
    private final int status;
    private final String title;

    ProblemType(String code, int status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    /** What the {@code type} URI ends in, such as {@code duplicate-mrn}. */
    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The {@code type} member, such as {@code /problems/duplicate-mrn}. */
    public String uri() {
        return TYPE_BASE + code;
    }

    public static Optional<ProblemType> ofCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }

    /** The type of a domain refusal: the constant of the same name. */
    public static ProblemType of(Refusal.Reason reason) {
        return valueOf(reason.name());
    }

    /** The type of an HTTP error JAX-RS raised by itself (no such path, a method or media type not taken). */
    static Optional<ProblemType> ofHttpStatus(int status) {
        return ofCode("http-" + status);
    }
}
