package org.haipump.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.haipump.faults.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The packaged jar in the prod profile refuses to start, with a message naming what to fix, when
 * it could not check tokens in full: without an issuer, an audience or a key, or trusting the
 * development key whose private half is in the repository.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ProductionStartupIT {

    private static final Duration EXIT_WITHIN = Duration.ofSeconds(90);

    private static String refusal(ServiceProcess service) {
        assertThat(service.awaitExit(EXIT_WITHIN)).as("exit code").isNotZero();
        return String.join("\n", service.logLines());
    }

    @Test
    void withoutIssuerAudienceOrKeyTheServiceDoesNotStart() {
        try (ServiceProcess service = new ServiceProcess("startup-unset", ProductionKeysResource.testDatabase(),
                Map.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "", "MP_JWT_VERIFY_ISSUER", "", "HAI_JWT_AUDIENCE", ""))) {
            String log = refusal(service.start());

            assertThat(log).contains("The service cannot start", "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                    "MP_JWT_VERIFY_ISSUER", "HAI_JWT_AUDIENCE");
        }
    }

    @Test
    void trustingTheDevelopmentKeyTheServiceDoesNotStart() {
        try (ServiceProcess service = new ServiceProcess("startup-dev-key", ProductionKeysResource.testDatabase(),
                Map.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                        Path.of("deploy/dev-jwt/public-key.pem").toAbsolutePath().toString()))) {
            String log = refusal(service.start());

            assertThat(log).contains("The service cannot start", "development key");
        }
    }
}
