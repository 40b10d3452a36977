package org.haipump.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.support.Api.as;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.haipump.support.Api;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

/** End to end: the real Quartz trigger, on the JDBC job store, flags a late pump by itself. */
@QuarkusTest
class OverdueScanTriggerTest {

    /** The test profile scans every 2 s; allow for a slow machine. */
    private static final Duration WAIT_AT_MOST = Duration.ofSeconds(60);

    @Inject
    AgroalDataSource db;

    @Test
    void theScheduledScanFlagsALatePumpWithoutBeingCalled() throws Exception {
        String pumpId = Api.pumpFilledAt(Instant.now().minus(Duration.ofDays(15)), "CHEMOTHERAPY");

        List<String> kinds = List.of();
        Instant deadline = Instant.now().plus(WAIT_AT_MOST);
        while (Instant.now().isBefore(deadline)) {
            kinds = as(Tokens.nurse()).queryParam("pumpId", pumpId).queryParam("status", "OPEN")
                    .get("/api/v1/flags").then().statusCode(200).extract().path("items.kind");
            if (kinds.contains("REFILL_OVERDUE")) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(kinds).containsExactly("REFILL_OVERDUE");
    }

    @Test
    void theTriggerLivesInTheClusteredJdbcJobStore() throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(
                    "select trigger_type, misfire_instr from qrtz_triggers where trigger_name = 'overdue-scan'")) {
                assertThat(rs.next()).as("the overdue-scan trigger is stored").isTrue();
                assertThat(rs.getString("trigger_type")).isEqualTo("SIMPLE");
                // SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NOW_WITH_EXISTING_REPEAT_COUNT
                assertThat(rs.getInt("misfire_instr")).isEqualTo(2);
            }
            try (ResultSet rs = s.executeQuery("select count(*) from qrtz_scheduler_state")) {
                rs.next();
                assertThat(rs.getInt(1)).as("this node checked in to the cluster").isGreaterThanOrEqualTo(1);
            }
        }
    }
}
