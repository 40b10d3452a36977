package org.haipump.packaged;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the packaged jar (prod profile) with the configuration an operator gives it: a public key
 * and issuer by path, and the test database. Nothing else is trusted in prod.
 */
public class ProductionKeysResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "mp.jwt.verify.publickey.location", Path.of("deploy/dev-jwt/public-key.pem").toAbsolutePath().toString(),
                "mp.jwt.verify.issuer", "https://hai-refill-scheduler.local/dev",
                "quarkus.datasource.jdbc.url", testDatabase(),
                "hai.overdue-scan.every", SCAN_PERIOD);
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

    @Override
    public void stop() {
    }
}
