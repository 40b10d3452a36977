package org.haipump.webhooks;

import java.time.Instant;

/** A new webhook secret, shown once; the secrets before it keep signing until {@code previousSecretExpiresAt}. */
public record SecretRotationResponse(String webhookSecret, Instant previousSecretExpiresAt) {
}
