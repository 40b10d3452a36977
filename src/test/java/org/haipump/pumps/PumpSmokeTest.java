package org.haipump.pumps;

import static org.haipump.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import org.haipump.support.Api;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PumpSmokeTest {

    @Test
    void aFilledPumpShowsItsNextRefill() {
        String pumpId = Api.newPump();
        Instant performedAt = Instant.now().minus(Duration.ofDays(1));
        Api.recordFill(pumpId, Api.fill(performedAt, "CHEMOTHERAPY", 30));
        as(Tokens.nurse()).get("/api/v1/pumps/{id}", pumpId).then().log().ifValidationFails()
                .statusCode(200)
                .body("nextRefill.drug", equalTo("HEPARIN"))
                .body("nextRefill.status", equalTo("UPCOMING"))
                .body("nextRefill.dueAt", notNullValue());
    }
}
