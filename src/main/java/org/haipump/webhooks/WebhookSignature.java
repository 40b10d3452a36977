package org.haipump.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code webhook-signature} header of the Standard Webhooks specification:
 * {@code v1,} + base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)), the key being the
 * secret's base64 after its {@code whsec_} prefix. With several secrets (a rotation's overlap), one
 * signature each, space-separated: a receiver accepts the message when any of them matches.
 */
public final class WebhookSignature {

    private WebhookSignature() {
    }

    /** The header value for a message signed with each of {@code secrets}, newest first. */
    public static String header(List<String> secrets, String webhookId, long timestampSeconds, String body) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("A message is signed with at least one secret");
        }
        String signed = webhookId + "." + timestampSeconds + "." + body;
        return secrets.stream().map(secret -> "v1," + sign(secret, signed)).collect(Collectors.joining(" "));
    }

    private static String sign(String secret, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WebhookSecrets.key(secret), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from the JVM", e);
        }
    }
}
