package org.haipump.platform.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.haipump.platform.config.HaiConfig;
import org.jboss.logging.Logger;

/**
 * Verifies bearer tokens through smallrye-jwt's own validator (signature, issuer, audience,
 * expiry and maximum age, as configured), and serves a token seen again from {@link VerifiedTokens}: it runs
 * before that validator (a higher priority), and hands it every token it has not kept.
 * {@code hai.security.token-cache.*} sets the maximum age and memory; a maximum age of zero turns
 * the cache off. The cache is cleared when the verification key changes ({@link VerificationKeyWatch},
 * looked at every {@code key-check-every} on each node). Counted as
 * {@code hai.security.token.cache{result=hit|miss}}.
 */
@ApplicationScoped
public class CachedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    static final String METRIC = "hai.security.token.cache";
    private static final Logger LOG = Logger.getLogger(CachedTokenIdentityProvider.class);

    private final MpJwtValidator validator;
    private final VerifiedTokens<SecurityIdentity> tokens;
    private final boolean enabled;
    private final Counter hits;
    private final Counter misses;
    private final VerificationKeyWatch keys;
    private final Optional<Duration> maxTokenAge;

    CachedTokenIdentityProvider(MpJwtValidator validator, HaiConfig config, Clock clock, MeterRegistry registry,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> keyLocation,
            @ConfigProperty(name = "mp.jwt.verify.token.age") Optional<Long> maxTokenAgeSeconds) {
        this.validator = validator;
        this.maxTokenAge = maxTokenAgeSeconds.map(Duration::ofSeconds);
        this.keys = new VerificationKeyWatch(keyLocation);
        HaiConfig.TokenCache settings = config.security().tokenCache();
        this.enabled = !settings.maxAge().isZero();
        this.tokens = new VerifiedTokens<>(settings.maxAge(), settings.maxMemory().asLongValue(), clock);
        this.hits = Counter.builder(METRIC).tag("result", "hit")
                .description("Bearer tokens served from the cache of verified tokens").register(registry);
        this.misses = Counter.builder(METRIC).tag("result", "miss")
                .description("Bearer tokens verified in full").register(registry);
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return validator.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        Optional<SecurityIdentity> kept = enabled ? tokens.find(token) : Optional.empty();
        if (kept.isPresent()) {
            hits.increment();
            return Uni.createFrom().item(kept.get());
        }
        misses.increment();
        return validator.authenticate(request, context).invoke(identity -> {
            if (enabled && identity != null && identity.getPrincipal() instanceof JsonWebToken jwt
                    && jwt.getExpirationTime() > 0) {
                tokens.keep(token, identity, servedUntil(jwt));
            }
        });
    }

    /** Its expiry, or sooner the end of its maximum age ({@code mp.jwt.verify.token.age}) after it was issued. */
    private Instant servedUntil(JsonWebToken jwt) {
        Instant expiry = Instant.ofEpochSecond(jwt.getExpirationTime());
        if (maxTokenAge.isEmpty() || jwt.getIssuedAtTime() <= 0) {
            return expiry;
        }
        Instant aged = Instant.ofEpochSecond(jwt.getIssuedAtTime()).plus(maxTokenAge.get());
        return aged.isBefore(expiry) ? aged : expiry;
    }

    /** A changed verification key: no token verified with the one before is served again. */
    @Scheduled(every = "${hai.security.token-cache.key-check-every}", executeWith = Scheduled.SIMPLE)
    void checkKeys() {
        if (keys.changed()) {
            LOG.info("The JWT verification key changed; the cache of verified tokens is cleared");
            tokens.clear();
        }
    }
}
