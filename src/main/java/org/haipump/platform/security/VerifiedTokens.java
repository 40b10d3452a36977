package org.haipump.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.haipump.platform.time.ClockTicker;

/**
 * Bearer tokens verified a moment ago, by a SHA-256 digest of the exact token, so that a token
 * seen again skips the signature check, the costliest part of a request.
 * <ul>
 *   <li>An entry is served until the token's {@code exp}, or {@code maxAge} after it was verified,
 *       whichever comes first, and never after.</li>
 *   <li>Only a token that verified is kept: a refusal is checked again every time.</li>
 *   <li>The cache holds at most {@code maxBytes}, each entry weighed as its token plus a fixed
 *       allowance for the identity; the least used go first.</li>
 *   <li>{@link #clear()} forgets every entry, when the verification key changes.</li>
 * </ul>
 * The price (docs/operations.md, Security): a key withdrawn from the identity provider's key set is honoured
 * for at most {@code maxAge} for the tokens it signed that were seen before.
 *
 * @param <V> what a verified token stands for (the service keeps its security identity)
 */
public final class VerifiedTokens<V> {

    private static final ThreadLocal<MessageDigest> DIGESTERS = ThreadLocal.withInitial(VerifiedTokens::sha256);

    /** What an entry weighs beside its token: the parsed claims and the identity that holds them. */
    static final int ENTRY_ALLOWANCE = 2048;

    private record Entry<V>(V value, Instant until, int weight) {
    }

    private final Cache<String, Entry<V>> cache;
    private final Duration maxAge;
    private final Clock clock;

    public VerifiedTokens(Duration maxAge, long maxBytes, Clock clock) {
        this.maxAge = maxAge;
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .ticker(ClockTicker.of(clock))
                .maximumWeight(maxBytes)
                .weigher((String digest, Entry<V> entry) -> entry.weight())
                .expireAfter(Expiry.creating((String digest, Entry<V> entry) ->
                        Duration.between(clock.instant(), entry.until())))
                .build();
    }

    /** What the token stood for when it verified, while its entry lasts. */
    public Optional<V> find(String token) {
        // Caffeine reads the same clock and answers nothing for an entry at or past its end.
        return Optional.ofNullable(cache.getIfPresent(digest(token))).map(Entry::value);
    }

    /** Keeps a token that has just verified, until {@code expiresAt} ({@code exp}) or the maximum age. */
    public void keep(String token, V value, Instant expiresAt) {
        Instant now = clock.instant();
        Instant until = expiresAt.isBefore(now.plus(maxAge)) ? expiresAt : now.plus(maxAge);
        if (until.isAfter(now)) {
            cache.put(digest(token), new Entry<>(value, until, token.length() + ENTRY_ALLOWANCE));
        }
    }

    /** Forgets every token: the key that verified them may be gone. */
    public void clear() {
        cache.invalidateAll();
    }

    /** The entries kept, once the pending evictions are done. */
    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /**
     * The token's SHA-256 digest as a 32-character key (a byte a character). Each thread keeps its
     * own digester, rather than asking the security providers for one on every request.
     */
    private static String digest(String token) {
        byte[] hash = DIGESTERS.get().digest(token.getBytes(StandardCharsets.UTF_8));
        return new String(hash, StandardCharsets.ISO_8859_1);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
