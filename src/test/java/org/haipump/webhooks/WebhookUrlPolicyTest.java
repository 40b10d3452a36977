package org.haipump.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A webhook may go only to https and to hosts on public addresses (no SSRF into the clinic's
 * network), unless hai.webhooks.allow-http lifts both limits. The hosts are address literals, so
 * that no test needs DNS.
 */
class WebhookUrlPolicyTest {

    private static final WebhookUrlPolicy PRODUCTION = new WebhookUrlPolicy(false);
    private static final WebhookUrlPolicy TESTS = new WebhookUrlPolicy(true);

    @ParameterizedTest
    @ValueSource(strings = {
        "https://127.0.0.1/hooks", "https://127.10.0.1/hooks", "https://[::1]/hooks", "https://0.0.0.0/hooks",
        "https://10.1.2.3/hooks", "https://172.16.0.1/hooks", "https://192.168.1.20/hooks",
        "https://169.254.169.254/latest/meta-data", "https://[fe80::1]/hooks", "https://[fd00::1]/hooks",
        "https://100.64.0.1/hooks", "https://224.0.0.1/hooks"})
    void aHostOnAPrivateLoopbackOrLinkLocalAddressIsRefused(String url) {
        assertThat(PRODUCTION.refusal(URI.create(url))).hasValueSatisfying(reason -> assertThat(reason).contains("private"));
        assertThat(TESTS.refusal(URI.create(url))).isEmpty();
    }

    @Test
    void aPublicHttpsHostIsAllowed() {
        assertThat(PRODUCTION.refusal(URI.create("https://8.8.8.8/hooks"))).isEmpty();
        assertThat(PRODUCTION.refusal(URI.create("https://[2001:4860:4860::8888]/hooks"))).isEmpty();
    }

    @Test
    void plainHttpIsRefusedUnlessAllowed() {
        assertThat(PRODUCTION.refusal(URI.create("http://8.8.8.8/hooks"))).contains("only https URLs are accepted");
        assertThat(TESTS.refusal(URI.create("http://127.0.0.1:8089/hooks"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hooks.example", "/hooks", "ftp://8.8.8.8/x", "https://user:pw@8.8.8.8/x", "https://", "ht tp://x"})
    void aUrlThatIsNotAnAbsoluteHttpUrlIsMalformed(String url) {
        assertThat(WebhookUrlPolicy.parse(url)).isEmpty();
    }
}
