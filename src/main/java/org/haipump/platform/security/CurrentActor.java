package org.haipump.platform.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: the token's {@code upn}, else its {@code sub}; recorded on everything they change. */
@RequestScoped
public class CurrentActor {

    @Inject
    JsonWebToken token;

    public String name() {
        String upn = token.getClaim("upn");
        if (upn != null && !upn.isBlank()) {
            return upn;
        }
        String subject = token.getSubject();
        return subject != null ? subject : "unknown";
    }
}
