package org.haipump.platform.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Tells when the verification key that {@code mp.jwt.verify.publickey.location} names has changed
 * (a PEM key or a JWKS file, on disk or on the class path), by a digest of its content. A key set
 * served over http(s) is not watched here: smallrye-jwt fetches and refreshes it, and the token
 * cache's maximum age bounds how long a withdrawn key is honoured.
 */
final class VerificationKeyWatch {

    private final Optional<String> location;
    private byte[] seen;

    VerificationKeyWatch(Optional<String> location) {
        this.location = location.filter(l -> !l.startsWith("http:") && !l.startsWith("https:"));
        this.seen = digest().orElse(null);
    }

    /** Whether the key's content differs from the last look (a key that cannot be read counts as changed). */
    synchronized boolean changed() {
        if (location.isEmpty()) {
            return false;
        }
        byte[] now = digest().orElse(null);
        boolean changed = !Arrays.equals(now, seen);
        seen = now;
        return changed;
    }

    private Optional<byte[]> digest() {
        if (location.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(read(location.get())).map(VerificationKeyWatch::sha256);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static byte[] read(String location) throws IOException {
        String name = location.startsWith("file:") ? location.substring("file:".length()) : location;
        if (!name.startsWith("classpath:")) {
            Path path = Path.of(name);
            if (Files.isRegularFile(path)) {
                return Files.readAllBytes(path);
            }
        }
        String resource = name.startsWith("classpath:") ? name.substring("classpath:".length()) : name;
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream(resource.startsWith("/") ? resource.substring(1) : resource)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
