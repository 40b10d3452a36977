package org.haipump.fills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.support.Api.FILLS;
import static org.haipump.support.Api.FULL_ML;
import static org.haipump.support.Api.as;
import static org.haipump.support.Api.daysAgo;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.haipump.support.Api;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

/** Idempotency records are kept for hai.idempotency.retention (72 hours), then forgotten. */
@QuarkusTest
class IdempotencyRetentionTest {

    private static final Duration RETENTION = Duration.ofHours(72);

    @Inject
    IdempotencyRetention retention;

    @Inject
    IdempotencyRecordRepository records;

    @Test
    void aRecordIsKeptUntilTheRetentionEndsAndDeletedAfter() {
        String key = "purge-" + UUID.randomUUID();
        as(Tokens.nurse()).header("Idempotency-Key", key).body(Api.fill(Api.now(), "HEPARIN", FULL_ML))
                .post(FILLS, Api.pumpFilledAt(daysAgo(13), "CHEMOTHERAPY")).then().statusCode(201);
        Instant created = Instant.now();
        retention.purge(created.plus(RETENTION).minus(Duration.ofMinutes(1)));
        assertThat(records(key)).as("a second before the retention ends").isEqualTo(1);
        assertThat(retention.purge(created.plus(RETENTION).plus(Duration.ofMinutes(1)))).isPositive();
        assertThat(records(key)).as("after the retention").isZero();
    }

    private long records(String key) {
        return records.count("key", key);
    }
}
