package org.haipump.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The partner guide's signature checks, in Java, Python and JavaScript, taken from
 * docs/partners.md as they stand and run against the service's own signer: each accepts a good
 * signature and a rotation's pair, and refuses a tampered body, a wrong secret and a stale timestamp.
 */
class SignatureExamplesTest {

    private static final Path GUIDE = Path.of("docs/partners.md");
    private static final String ID = "evt_3b0c8f9e2d7a4e61a5c4f0e1d2c3b4a5";
    private static final String BODY = "{\"id\":\"" + ID + "\",\"type\":\"fill.recorded\",\"occurredAt\":"
            + "\"2026-12-12T14:20:00Z\",\"data\":{\"pumpId\":\"7b1e4c9a-2d3f-4a6b-8c5d-9e0f1a2b3c4d\",\"note\":\"caf\u00e9\"}}";
    private static final String SECRET = WebhookSecrets.newSecret();
    private static final String PREVIOUS_SECRET = WebhookSecrets.newSecret();

    @TempDir
    static Path work;

    private static String section;

    /** One message to check, and whether a correct verifier accepts it. */
    private record Case(String name, String secret, String timestamp, String signatures, String body, boolean valid) {
    }

    private static List<Case> cases() {
        long now = Instant.now().getEpochSecond();
        String fresh = String.valueOf(now);
        String signed = WebhookSignature.header(List.of(SECRET), ID, now, BODY);
        String rotated = WebhookSignature.header(List.of(SECRET, PREVIOUS_SECRET), ID, now, BODY);
        String stale = String.valueOf(now - 600);
        return List.of(
                new Case("a good signature", SECRET, fresh, signed, BODY, true),
                new Case("a rotation's pair, checked with the new secret", SECRET, fresh, rotated, BODY, true),
                new Case("a rotation's pair, checked with the old secret", PREVIOUS_SECRET, fresh, rotated, BODY, true),
                new Case("a tampered body", SECRET, fresh, signed, BODY.replace("fill", "pump"), false),
                new Case("another secret", PREVIOUS_SECRET, fresh, signed, BODY, false),
                new Case("a stale timestamp", SECRET, stale,
                        WebhookSignature.header(List.of(SECRET), ID, now - 600, BODY), BODY, false),
                new Case("a signature of another version", SECRET, fresh, signed.replace("v1,", "v2,"), BODY, false));
    }

    @BeforeAll
    static void readTheGuide() throws IOException {
        String guide = Files.readString(GUIDE);
        int start = guide.indexOf("## Verifying a webhook signature");
        section = guide.substring(start, guide.indexOf("\n## ", start + 1));
    }

    private static String block(String language) {
        Matcher block = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertThat(block.find()).as("a %s example in the guide", language).isTrue();
        return block.group(1);
    }

    @Test
    void theSignerSignsAsTheSpecificationSays() {
        // The Standard Webhooks specification's own example: secret, id, timestamp, body and signature.
        String header = WebhookSignature.header(List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}");
        assertThat(header).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void theJavaExampleVerifies() throws Exception {
        Path source = work.resolve("WebhookVerifier.java");
        Files.writeString(source, block("java"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler.run(null, null, null, "-d", work.toString(), source.toString())).isZero();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {work.toUri().toURL()})) {
            Method verify = loader.loadClass("WebhookVerifier").getMethod("verify", String.class, String.class,
                    String.class, String.class, String.class);
            for (Case c : cases()) {
                assertThat(verify.invoke(null, c.secret(), ID, c.timestamp(), c.signatures(), c.body()))
                        .as(c.name()).isEqualTo(c.valid());
            }
        }
    }

    @Test
    void thePythonExampleVerifies() throws Exception {
        for (Case c : cases()) {
            String script = block("python") + "\nimport sys\nprint(verify(*sys.argv[1:]))\n";
            assertThat(run(List.of("python3", "-c", script), c)).as(c.name()).isEqualTo(c.valid() ? "True" : "False");
        }
    }

    @Test
    void theJavaScriptExampleVerifies() throws Exception {
        for (Case c : cases()) {
            String script = block("javascript") + "\nconsole.log(String(verify(...process.argv.slice(1))));\n";
            assertThat(run(List.of("node", "-e", script), c)).as(c.name()).isEqualTo(String.valueOf(c.valid()));
        }
    }

    /** Runs the program with the case's secret, id, timestamp, signatures and body as arguments; its output. */
    private static String run(List<String> program, Case c) throws Exception {
        List<String> command = new java.util.ArrayList<>(program);
        if (program.get(0).equals("node")) {
            command.add("--");
        }
        command.addAll(List.of(c.secret(), ID, c.timestamp(), c.signatures(), c.body()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s finished", program.get(0)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.exitValue()).as("%s: %s", program.get(0), output).isZero();
        return output;
    }
}
