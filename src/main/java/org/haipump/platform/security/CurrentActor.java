package org.haipump.platform.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: the token's {@code upn}, else its {@code sub}; recorded on everything they change. */
@RequestScoped
public class CurrentActor {

    public static final String PARTNER_ID_CLAIM = "partner_id";

    @Inject
    JsonWebToken token;

    public String name() {
        String name = nameIn(token);
        return name != null ? name : "unknown";
    }

    /** The user a token names: its {@code upn}, else its {@code sub}; null when it has neither. */
    public static String nameIn(JsonWebToken token) {
        String upn = token.getClaim("upn");
        return upn != null && !upn.isBlank() ? upn : token.getSubject();
    }

    /** The partner whose token this is ({@code partner_id} claim), if it is one and names an id. */
    public Optional<UUID> partnerId() {
        Object claim = token.getClaim(PARTNER_ID_CLAIM);
        if (claim == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(claim.toString()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Who owns an {@code Idempotency-Key}: a partner's keys are the agency's (any of its nurses or
     * workers may retry), a clinic user's are their own.
     */
    public String idempotencyScope() {
        return partnerId().map(id -> "partner:" + id).orElseGet(() -> "user:" + name());
    }
}
