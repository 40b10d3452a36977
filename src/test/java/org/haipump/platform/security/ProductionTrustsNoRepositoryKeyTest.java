package org.haipump.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The key pair under deploy/dev-jwt may be trusted by the dev and test profiles only. */
class ProductionTrustsNoRepositoryKeyTest {

    @Test
    void everyKeyLocationInTheConfigurationIsScopedToDevOrTest() throws IOException {
        List<String> keyLines = Files.readAllLines(Path.of("src/main/resources/application.properties")).stream()
                .map(String::strip)
                .filter(line -> !line.startsWith("#"))
                // mp.jwt.verify.publickey(.location) and smallrye.jwt.verify.key.location name the key;
                // smallrye.jwt.jwks.* only say how often a JWKS URL is fetched.
                .filter(line -> line.split("=", 2)[0].matches(".*(publickey|publickey\\.location|key\\.location)"))
                .toList();

        assertThat(keyLines).isNotEmpty().allSatisfy(line ->
                assertThat(line).matches("%(dev|test)\\..*"));
    }
}
