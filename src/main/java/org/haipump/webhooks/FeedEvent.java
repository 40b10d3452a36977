package org.haipump.webhooks;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.haipump.audit.PatientRecord;

/** An event as the feed serves it and a webhook delivers it: {@code {id, type, occurredAt, data}}. */
public record FeedEvent(String id, String type, Instant occurredAt, Map<String, Object> data,
                        @JsonIgnore UUID patient) implements PatientRecord {

    /** The patient the event is about, for the audit trail; not part of the body. */
    @Override
    public UUID patientId() {
        return patient;
    }
}
