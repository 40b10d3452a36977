package org.haipump.platform.config;

import java.util.List;

/**
 * The settings an operator must give the prod profile: without any one of them the service refuses
 * to start ({@code platform/security/ProductionReadiness}), and every deployment under
 * {@code deploy/} sets each of them ({@code deploy/ManifestsTest}).
 */
public final class RequiredInProduction {

    /** A configuration key and the environment variable that sets it. */
    public record Setting(String key, String environmentVariable, String meaning) {
    }

    public static final List<Setting> SETTINGS = List.of(
            new Setting("quarkus.datasource.jdbc.url", "QUARKUS_DATASOURCE_JDBC_URL",
                    "the database; TLS to PostgreSQL is set in the URL (sslmode=verify-full)"),
            new Setting("quarkus.datasource.username", "QUARKUS_DATASOURCE_USERNAME",
                    "the service's database role"),
            new Setting("quarkus.datasource.password", "QUARKUS_DATASOURCE_PASSWORD",
                    "the service role's password"),
            new Setting("mp.jwt.verify.publickey.location", "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                    "the PEM file or https JWKS URL that verifies bearer tokens"),
            new Setting("mp.jwt.verify.issuer", "MP_JWT_VERIFY_ISSUER", "the iss bearer tokens must carry"),
            new Setting("hai.jwt.audience", "HAI_JWT_AUDIENCE", "the aud bearer tokens must carry"));

    private RequiredInProduction() {
    }
}
