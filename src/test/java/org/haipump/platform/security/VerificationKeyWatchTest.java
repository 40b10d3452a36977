package org.haipump.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the verification key counts as changed, so that the verified tokens are forgotten. */
class VerificationKeyWatchTest {

    @TempDir
    Path dir;

    @Test
    void aKeyFileWhoseContentChangesIsSeenOnce() throws IOException {
        Path key = Files.writeString(dir.resolve("public-key.pem"), "key one");
        VerificationKeyWatch watch = new VerificationKeyWatch(Optional.of(key.toString()));

        assertThat(watch.changed()).as("unchanged").isFalse();
        Files.writeString(key, "key two");
        assertThat(watch.changed()).as("rewritten").isTrue();
        assertThat(watch.changed()).as("looked at again").isFalse();
        Files.writeString(key, "key two");
        assertThat(watch.changed()).as("written with the same content").isFalse();
    }

    @Test
    void aKeyThatCanNoLongerBeReadCountsAsChanged() throws IOException {
        Path key = Files.writeString(dir.resolve("public-key.pem"), "key one");
        VerificationKeyWatch watch = new VerificationKeyWatch(Optional.of("file:" + key));

        Files.delete(key);

        assertThat(watch.changed()).isTrue();
    }

    @Test
    void aRemoteKeySetOrNoneIsNotWatched() {
        assertThat(new VerificationKeyWatch(Optional.of("https://idp.example/jwks")).changed()).isFalse();
        assertThat(new VerificationKeyWatch(Optional.empty()).changed()).isFalse();
    }
}
