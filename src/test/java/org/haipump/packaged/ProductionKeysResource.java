package org.haipump.packaged;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.haipump.support.Tokens;

/**
 * Starts the packaged jar (prod profile) with the configuration an operator gives it: the public
 * key of this run's signing key, the issuer and the audience, the test database and its account,
 * and a management port of its own. Nothing else is trusted in prod.
 */
public class ProductionKeysResource implements QuarkusTestResourceLifecycleManager {

    private static volatile int managementPort;

    @Override
    public Map<String, String> start() {
        managementPort = freePort();
        return Map.of(
                "mp.jwt.verify.publickey.location", Tokens.publicKeyFile().toString(),
                "mp.jwt.verify.issuer", Tokens.ISSUER,
                "hai.jwt.audience", Tokens.AUDIENCE,
                "quarkus.datasource.jdbc.url", testDatabase(),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "unused",
                "quarkus.management.port", String.valueOf(managementPort),
                "hai.overdue-scan.every", SCAN_PERIOD);
    }

    /** {@code path} on the packaged jar's management interface. */
    static String managementUrl(String path) {
        return "http://localhost:" + managementPort + path;
    }

    /**
     * The test profile's period. The trigger lives in the database, and a changed period takes
     * effect only at the firing the previous one planned: one period for every test keeps the scan
     * running every few seconds, whichever test started the jar last.
     */
    static final String SCAN_PERIOD = "2s";

    /** The database the tests use: {@code test}, unless the environment points the test profile elsewhere. */
    static String testDatabase() {
        return System.getenv().getOrDefault("_TEST_QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:5432/test");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port for the management interface", e);
        }
    }

    @Override
    public void stop() {
    }
}
