package org.haipump.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.haipump.platform.config.HaiConfig;

/**
 * Signing secrets: {@code whsec_} + base64 of 32 random bytes, as the Standard Webhooks
 * specification writes them. A rotation keeps the secrets before it signing for
 * {@code hai.webhooks.secret-overlap}, so that a receiver can switch to the new one without losing
 * a delivery.
 */
@ApplicationScoped
public class WebhookSecrets {

    static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookSecretRepository secrets;
    private final Duration overlap;
    private final Clock clock;

    WebhookSecrets(WebhookSecretRepository secrets, HaiConfig config, Clock clock) {
        this.secrets = secrets;
        this.overlap = config.webhooks().secretOverlap();
        this.clock = clock;
    }

    /** A new secret for the endpoint; the ones before it sign until the overlap ends. Answers the secret. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String issue(UUID endpointId) {
        Instant now = clock.instant();
        Instant overlapEnds = now.plus(overlap);
        for (WebhookSecretEntity previous : secrets.signing(endpointId, now)) {
            if (previous.expiresAt == null || previous.expiresAt.isAfter(overlapEnds)) {
                previous.expiresAt = overlapEnds;
            }
        }
        WebhookSecretEntity secret = new WebhookSecretEntity();
        secret.id = UUID.randomUUID();
        secret.endpointId = endpointId;
        secret.secret = newSecret();
        secret.createdAt = now;
        secrets.persist(secret);
        return secret.secret;
    }

    /**
     * A new secret for the endpoint, shown once, and until when the ones before it keep signing.
     * The caller holds the endpoint's owner row locked, so that two rotations run one after the other.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public SecretRotationResponse rotate(UUID endpointId) {
        List<WebhookSecretEntity> previous = secrets.signing(endpointId, clock.instant());
        String secret = issue(endpointId);
        Instant previousExpire = previous.stream().map(s -> s.expiresAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        return new SecretRotationResponse(secret, previousExpire);
    }

    static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The HMAC key of a secret: the bytes its base64 after the prefix stands for. */
    static byte[] key(String secret) {
        return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    }
}
