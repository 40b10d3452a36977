package org.haipump.packaged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.haipump.faults.Http;
import org.haipump.faults.PostgresCluster;
import org.haipump.faults.ServiceApi;
import org.haipump.faults.ServiceProcess;
import org.haipump.faults.Teardown;
import org.haipump.faults.Sql;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged service as the production overlay runs it: Flyway migrates as the schema owner, the
 * service runs as a role of its own, behind a proxy it trusts. The service works in full (a pump, a
 * fill, the worklist, the scan on the Quartz store), and its role can append to the audit trail and
 * read it but can neither change nor remove a record, nor empty the table, nor switch off or drop
 * the triggers that guard it, nor change the schema. The audit trail names the client's address as
 * the trusted proxy forwarded it.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LeastPrivilegeDatabaseIT {

    private static final String DATABASE = "hai";
    private static final String OWNER = "hai_owner";
    private static final String SERVICE_ROLE = "hai_app";
    /** SQLSTATE insufficient_privilege: also what DDL on another role's table answers. */
    private static final List<String> REFUSED = List.of("42501");

    private static PostgresCluster postgres;
    private static ServiceProcess service;

    @BeforeAll
    static void startTheServiceAsItsOwnRole() throws SQLException {
        postgres = PostgresCluster.create("least-privilege");
        try (Connection admin = postgres.connect("postgres"); Statement sql = admin.createStatement()) {
            sql.execute("create role " + OWNER + " login");
            sql.execute("create role " + SERVICE_ROLE + " login");
            sql.execute("create database " + DATABASE + " owner " + OWNER);
        }
        service = new ServiceProcess("least-privilege", postgres.jdbcUrl(DATABASE), Map.of(
                "QUARKUS_DATASOURCE_USERNAME", SERVICE_ROLE,
                "QUARKUS_FLYWAY_USERNAME", OWNER,
                // The private cluster trusts loopback connections: passwords are not checked.
                "QUARKUS_FLYWAY_PASSWORD", "unused",
                "HAI_OVERDUE_SCAN_EVERY", "2s",
                "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true",
                "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true",
                "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "127.0.0.1"));
        service.start().awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        Teardown.closeAll(service, postgres);
    }

    private static Connection asServiceRole() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(DATABASE), SERVICE_ROLE, "");
    }

    @Test
    void theServiceWorksAsItsRoleAndAuditsWhatItDoes() throws Exception {
        ServiceApi api = new ServiceApi(service);
        String pump = api.pumpFilledAt(Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS));
        api.recordFill(pump, ServiceApi.fill(Instant.now().truncatedTo(ChronoUnit.SECONDS), "HEPARIN"), "least-1");
        assertThat(api.get("/api/v1/worklist", ServiceApi.TIMEOUT).status()).isEqualTo(200);

        Sql owner = new Sql(postgres, DATABASE);
        assertThat(owner.count("select count(*) from audit_event")).isGreaterThanOrEqualTo(3);
        assertThat(owner.strings("select tableowner from pg_tables where tablename = 'audit_event'"))
                .containsExactly(OWNER);
        try (Connection role = asServiceRole(); Statement sql = role.createStatement()) {
            assertThat(sql.executeQuery("select count(*) from audit_event").next()).isTrue();
        }
    }

    @Test
    void behindATrustedProxyTheForwardedClientAddressIsAudited() throws Exception {
        String callerId = "forwarded-" + UUID.randomUUID();
        Http.Reply reply = Http.post(service.uri("/api/v1/patients/search"), Tokens.nurse(), Map.of("mrn", "MRN-NONE"),
                Map.of("X-Forwarded-For", "203.0.113.9", "X-Request-Id", callerId), ServiceApi.TIMEOUT);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(new Sql(postgres, DATABASE).strings(
                "select client_address from audit_event where caller_request_id = ?", callerId))
                .containsExactly("203.0.113.9");
    }

    @Test
    void theServiceRoleCannotChangeOrRemoveTheAuditTrail() throws SQLException {
        String anyRecord = "(select min(id) from audit_event)";
        assertRefused("update audit_event set actor = 'someone else' where id = " + anyRecord);
        assertRefused("delete from audit_event where id = " + anyRecord);
        assertRefused("truncate audit_event");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "alter table audit_event disable trigger all",
        "drop trigger audit_event_no_update_or_delete on audit_event",
        "drop table audit_event",
        "create table notes (body text)",
        "create index audit_actor_by_hand on audit_event (actor)",
        "insert into flyway_schema_history (installed_rank, description, type, script, installed_by, success)"
                + " values (999, 'by hand', 'SQL', 'V999__by_hand.sql', 'me', true)"})
    void theServiceRoleCannotChangeTheSchema(String statement) throws SQLException {
        assertRefused(statement);
    }

    private static void assertRefused(String statement) throws SQLException {
        try (Connection role = asServiceRole(); Statement sql = role.createStatement()) {
            assertThatThrownBy(() -> sql.execute(statement)).as(statement)
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isIn(REFUSED));
        }
    }
}
