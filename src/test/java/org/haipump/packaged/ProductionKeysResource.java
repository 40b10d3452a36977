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
                "quarkus.datasource.jdbc.url", testDatabaseUrl(),
                "hai.overdue-scan.every", "1h");
    }

    /** The database the test profile uses: the local {@code test} database unless the environment names another. */
    private static String testDatabaseUrl() {
        String url = System.getenv("_TEST_QUARKUS_DATASOURCE_JDBC_URL");
        return url == null || url.isBlank() ? "jdbc:postgresql://localhost:5432/test" : url;
    }

    @Override
    public void stop() {
    }
}
