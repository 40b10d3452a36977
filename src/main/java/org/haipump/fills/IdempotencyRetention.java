package org.haipump.fills;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import org.haipump.platform.config.HaiConfig;

/**
 * Forgets the first answers to {@code Idempotency-Key}s once {@code hai.idempotency.retention} has
 * passed: a retry after that records a new fill. Time is an argument, so that tests choose it.
 */
@ApplicationScoped
public class IdempotencyRetention {

    private final IdempotencyRecordRepository records;
    private final Duration retention;

    IdempotencyRetention(IdempotencyRecordRepository records, HaiConfig config) {
        this.records = records;
        this.retention = config.idempotency().retention();
    }

    /** Deletes the records created before {@code now} − retention; answers how many. */
    @Transactional
    public long purge(Instant now) {
        return records.delete("createdAt < ?1", now.minus(retention));
    }
}
