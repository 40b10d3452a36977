package org.haipump.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A request line or header block above the HTTP server's limits is answered by Vert.x while it
 * decodes the request, before the application sees it: a bare 414 or 431 with no problem document,
 * and the connection closed. Quarkus offers no hook there (docs/api-guide.md, Errors). Should an
 * upgrade give the application those answers, this test fails, and they can become problems too.
 */
@QuarkusTest
class RequestHeadLimitsTest {

    private static final String PATIENTS = "/api/v1/patients";

    @TestHTTPResource("/")
    URL server;

    @ConfigProperty(name = "quarkus.http.limits.max-initial-line-length")
    int maxInitialLine;

    @ConfigProperty(name = "quarkus.http.limits.max-header-size")
    MemorySize maxHeaders;

    @Test
    void aRequestLineAboveTheLimitIsABare414() throws IOException {
        String target = PATIENTS + "?mrn=" + "7".repeat(maxInitialLine);

        RawAnswer answer = send("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

        // The version is in the part of the line never read: Vert.x answers as HTTP/1.0.
        assertThat(answer.statusLine()).matches("HTTP/1\\.[01] 414 .*");
        assertIsBare(answer);
    }

    @Test
    void headersAboveTheLimitAreABare431() throws IOException {
        String header = "X-Filler: " + "f".repeat((int) maxHeaders.asLongValue());

        RawAnswer answer = send("GET " + PATIENTS + "?mrn=7 HTTP/1.1\r\nHost: localhost\r\n" + header + "\r\n\r\n");

        assertThat(answer.statusLine()).matches("HTTP/1\\.[01] 431 .*");
        assertIsBare(answer);
    }

    @Test
    void justBelowTheLimitTheApplicationAnswersWithAProblem() throws IOException {
        String requestLine = "GET " + PATIENTS + "?mrn= HTTP/1.1";
        String target = PATIENTS + "?size=" + "7".repeat(maxInitialLine - requestLine.length() - 16);

        RawAnswer answer = send("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer.statusLine()).doesNotContain("414");
        assertThat(answer.head().toLowerCase(Locale.ROOT)).contains("content-type: application/problem+json");
    }

    private static void assertIsBare(RawAnswer answer) {
        String head = answer.head().toLowerCase(Locale.ROOT);
        assertThat(head).doesNotContain("content-type").doesNotContain("x-request-id");
        assertThat(head).contains("content-length: 0");
        assertThat(answer.body()).isEmpty();
    }

    /** Sends {@code request} as it is, and reads the answer until the server closes the connection. */
    private RawAnswer send(String request) throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int endOfHead = answer.indexOf("\r\n\r\n");
            assertThat(endOfHead).as("the end of the answer's head in %s", answer).isNotNegative();
            return new RawAnswer(answer.substring(0, endOfHead), answer.substring(endOfHead + 4));
        }
    }

    private record RawAnswer(String head, String body) {
        String statusLine() {
            return head.lines().findFirst().orElse("");
        }
    }
}
