package org.haipump.badinput;

import static org.haipump.badinput.BadRequest.Expectation.ACCEPTED;
import static org.haipump.badinput.BadRequest.Expectation.refused;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.haipump.badinput.BadRequest.Expectation;
import org.haipump.support.Api;
import org.haipump.support.Tokens;

/**
 * The GET operations and their query parameters, one line each, and the bad values derived from
 * each parameter's kind. To add a list or a lookup, add a line: its path, a role allowed to call it,
 * a fixture for its path ids, and its query parameters by kind.
 */
final class ReadEndpoints {

    /** What a query parameter holds, and so which values are bad. */
    enum Kind { PAGE, SIZE, SCHEDULE_COUNT, FEED_CURSOR, FEED_LIMIT, UUID, INSTANT, ENUM, TEXT }

    /**
     * @param required query parameters every request carries (a search's filter), each also left out
     *                 once, which is a 400
     */
    record ReadEndpoint(String path, Supplier<String> token, Supplier<List<String>> pathIds, Map<String, Kind> query,
            Map<String, String> required) {

        ReadEndpoint(String path, Supplier<String> token, Supplier<List<String>> pathIds, Map<String, Kind> query) {
            this(path, token, pathIds, query, Map.of());
        }
    }

    /** One request: a path id or one query parameter replaced. */
    record Query(String name, List<String> pathIds, Map<String, String> parameters, Expectation expected) {
    }

    private static final Expectation BAD = refused(400);

    static final List<ReadEndpoint> ALL = List.of(
            new ReadEndpoint(Api.PATIENTS, Tokens::scheduler, List::of, paged(Map.of("mrn", Kind.TEXT)),
                    Map.of("mrn", "MRN-QUERY-1")),
            get(Api.PATIENT, () -> List.of(Api.registerPatient())),
            list(Api.PUMPS, Map.of("patientId", Kind.UUID)),
            get(Api.PUMP, () -> List.of(Api.newPump())),
            new ReadEndpoint(Api.SCHEDULE, Tokens::scheduler, ReadEndpoints::filledPump,
                    Map.of("count", Kind.SCHEDULE_COUNT)),
            new ReadEndpoint(Api.FILLS, Tokens::scheduler, ReadEndpoints::filledPump, paged(Map.of())),
            get(Api.HOLDS, ReadEndpoints::filledPump),
            get(Api.HOLD, ReadEndpoints::glycerolHold),
            get(Api.CHEMO_HOLDS, ReadEndpoints::filledPump),
            get(Api.CHEMO_HOLD, ReadEndpoints::chemotherapyHold),
            list(Api.APPOINTMENTS, Map.of("from", Kind.INSTANT, "to", Kind.INSTANT, "status", Kind.ENUM)),
            list("/api/v1/worklist", Map.of("dueBefore", Kind.INSTANT)),
            list(Api.FLAGS, Map.of("status", Kind.ENUM, "pumpId", Kind.UUID)),
            new ReadEndpoint("/api/v1/audit", Tokens::admin, List::of,
                    paged(Map.of("patientId", Kind.UUID, "from", Kind.INSTANT, "to", Kind.INSTANT))),
            new ReadEndpoint(Api.PARTNERS, Tokens::admin, List::of, paged(Map.of())),
            new ReadEndpoint(Api.PARTNER, Tokens::admin, () -> List.of(Api.createPartner()), Map.of()),
            get(Api.PARTNER_ASSIGNMENTS, () -> List.of(Api.registerPatient())),
            new ReadEndpoint(Api.PARTNER_REFILLS, HomePartner::token, List::of, Map.of("dueBefore", Kind.INSTANT)),
            new ReadEndpoint(Api.PARTNER_PUMP, HomePartner::token, () -> List.of(HomePartner.pump()), Map.of()),
            new ReadEndpoint(Api.PARTNER_FILLS, HomePartner::token, () -> List.of(HomePartner.pump()), paged(Map.of())),
            new ReadEndpoint(Api.PARTNER_FILL, HomePartner::token, ReadEndpoints::homeFill, Map.of()),
            new ReadEndpoint(Api.PARTNER_DELIVERIES, Tokens::admin, () -> List.of(Api.createPartner()), paged(Map.of())),
            new ReadEndpoint(Api.WEBHOOK_ENDPOINTS, Tokens::admin, List::of, paged(Map.of())),
            new ReadEndpoint(Api.WEBHOOK_ENDPOINT, Tokens::admin, () -> List.of(Api.createWebhookEndpoint()), Map.of()),
            new ReadEndpoint(Api.ENDPOINT_DELIVERIES, Tokens::admin, () -> List.of(Api.createWebhookEndpoint()),
                    paged(Map.of())),
            new ReadEndpoint(Api.PARTNER_EVENTS, HomePartner::token, List::of,
                    Map.of("after", Kind.FEED_CURSOR, "limit", Kind.FEED_LIMIT)),
            new ReadEndpoint(Api.WORK_ORDERS, HomePartner::token, List::of, paged(Map.of("status", Kind.ENUM))),
            new ReadEndpoint(Api.WORK_ORDER, HomePartner::token, () -> HomePartner.workOrder().pathIds(), Map.of()));

    private ReadEndpoints() {
    }

    private static ReadEndpoint list(String path, Map<String, Kind> filters) {
        return new ReadEndpoint(path, Tokens::scheduler, List::of, paged(filters));
    }

    private static ReadEndpoint get(String path, Supplier<List<String>> pathIds) {
        return new ReadEndpoint(path, Tokens::scheduler, pathIds, Map.of());
    }

    private static Map<String, Kind> paged(Map<String, Kind> filters) {
        Map<String, Kind> query = new LinkedHashMap<>(filters);
        query.put("page", Kind.PAGE);
        query.put("size", Kind.SIZE);
        return query;
    }

    private static List<String> filledPump() {
        return List.of(Api.pumpFilledAt(Api.daysAgo(1), "CHEMOTHERAPY"));
    }

    /** A pump filled with chemotherapy yesterday and its hold for an absence of 30 days from in 20. */
    private static List<String> glycerolHold() {
        String pumpId = filledPump().get(0);
        return List.of(pumpId, Api.planHold(pumpId, Api.today().plusDays(20), Api.today().plusDays(50)));
    }

    /** A partner's pump and the fill its nurse recorded. */
    private static List<String> homeFill() {
        String pumpId = HomePartner.pump();
        String fillId = Api.as(HomePartner.token()).header("Idempotency-Key", "read-" + UUID.randomUUID())
                .body(Api.homeFill(Api.now(), "HEPARIN", Api.FULL_ML)).post(Api.PARTNER_FILLS, pumpId)
                .then().statusCode(201).extract().path("id");
        return List.of(pumpId, fillId);
    }

    private static List<String> chemotherapyHold() {
        String pumpId = filledPump().get(0);
        return List.of(pumpId, Api.startChemoHold(pumpId, Api.today(), Api.today().plusDays(14)));
    }

    /** The valid request, then each path id and each query parameter made bad in turn. */
    static List<Query> queries(ReadEndpoint endpoint, List<String> pathIds) {
        List<Query> queries = new ArrayList<>();
        Map<String, String> required = endpoint.required();
        queries.add(new Query("the valid request (control)", pathIds, required, ACCEPTED));
        required.keySet().forEach(parameter -> {
            Map<String, String> without = new LinkedHashMap<>(required);
            without.remove(parameter);
            queries.add(new Query("without " + parameter, pathIds, without, BAD));
        });
        for (int i = 0; i < pathIds.size(); i++) {
            List<String> changed = new ArrayList<>(pathIds);
            changed.set(i, "not-a-uuid");
            queries.add(new Query("path id " + (i + 1) + " is not a UUID", changed, Map.of(), refused(404)));
            changed.set(i, UUID.randomUUID().toString());
            queries.add(new Query("path id " + (i + 1) + " is an unknown UUID", List.copyOf(changed), Map.of(),
                    refused(404)));
        }
        endpoint.query().forEach((parameter, kind) -> values(kind).forEach((value, expected) -> {
            Map<String, String> parameters = new LinkedHashMap<>(required);
            parameters.put(parameter, value);
            queries.add(new Query(parameter + "=" + abbreviated(value), pathIds, parameters, expected));
        }));
        return queries;
    }

    private static Map<String, Expectation> values(Kind kind) {
        Map<String, Expectation> values = new LinkedHashMap<>();
        switch (kind) {
            case PAGE -> {
                values.put("-1", BAD);
                values.put("100001", BAD);
                values.put("2147483648", BAD);
                values.put("99999999999999999999", BAD);
                values.put("1.5", BAD);
                values.put("first", BAD);
                values.put("100000", ACCEPTED);
            }
            case SIZE -> {
                values.put("0", BAD);
                values.put("-1", BAD);
                values.put("201", BAD);
                values.put("2147483648", BAD);
                values.put("ten", BAD);
                values.put("200", ACCEPTED);
            }
            case SCHEDULE_COUNT -> {
                values.put("0", BAD);
                values.put("-1", BAD);
                values.put("53", BAD);
                values.put("2147483648", BAD);
                values.put("six", BAD);
                values.put("52", ACCEPTED);
            }
            case FEED_CURSOR -> {
                values.put("yesterday", BAD);
                values.put("-1", BAD);
                values.put("1.5", BAD);
                values.put("9999999999999999999", BAD);
                values.put("' or '1'='1", BAD);
                values.put("0", ACCEPTED);
                values.put("999999999999999999", ACCEPTED);
            }
            case FEED_LIMIT -> {
                values.put("0", BAD);
                values.put("-1", BAD);
                values.put("501", BAD);
                values.put("2147483648", BAD);
                values.put("ten", BAD);
                values.put("500", ACCEPTED);
            }
            case UUID -> {
                values.put("not-a-uuid", BAD);
                values.put("7b1e4c9a-2d3f-4a6b-8c5d-9e0f1a2b3c4dx", BAD);
                values.put("' or '1'='1", BAD);
                values.put(UUID.randomUUID().toString(), ACCEPTED);
            }
            case INSTANT -> {
                values.put("+999999999-12-31T23:59:59Z", BAD);
                values.put("-999999999-01-01T00:00:00Z", BAD);
                values.put("2026-02-30T00:00:00Z", BAD);
                values.put("2026-11-26", BAD);
                values.put("tomorrow", BAD);
                values.put("1764151200", BAD);
                // Far bounds a filter may legitimately use.
                values.put("0001-01-01T00:00:00Z", ACCEPTED);
                values.put("9999-12-31T23:59:59Z", ACCEPTED);
            }
            case ENUM -> {
                values.put("NOT_A_VALUE", BAD);
                values.put("open", BAD);
                values.put("0", BAD);
            }
            case TEXT -> {
                values.put("A\u0000B", BAD);
                values.put("' or '1'='1", ACCEPTED);
                values.put("x".repeat(2000), ACCEPTED);
            }
        }
        return values;
    }

    private static String abbreviated(String value) {
        String printable = value.replace("\u0000", "\\u0000");
        return printable.length() <= 40 ? printable : printable.substring(0, 20) + "... (" + value.length() + " chars)";
    }
}
