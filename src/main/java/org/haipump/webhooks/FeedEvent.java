package org.haipump.webhooks;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.haipump.audit.PatientRecord;

/** An event as the feed serves it and a webhook delivers it: {@code {id, type, occurredAt, data}}. */
public record FeedEvent(String id, String type, Instant occurredAt, Map<String, Object> data,
                        @JsonIgnore UUID patient) implements PatientRecord {

    private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() {
    };

    /** The event of an outbox row, whose data is stored as JSON text. */
    static FeedEvent of(ObjectMapper json, String id, String type, Instant occurredAt, String data, UUID patient) {
        try {
            return new FeedEvent(id, type, occurredAt, json.readValue(data, DATA), patient);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An outbox row holds no JSON", e);
        }
    }

    /** The body a webhook delivers: the same JSON the feed serves for the event. */
    String body(ObjectMapper json) {
        try {
            return json.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event could not be serialised", e);
        }
    }

    /** The patient the event is about, for the audit trail; not part of the body. */
    @Override
    public UUID patientId() {
        return patient;
    }
}
