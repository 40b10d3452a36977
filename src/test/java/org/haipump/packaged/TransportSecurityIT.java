package org.haipump.packaged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.haipump.faults.PostgresCluster;
import org.haipump.faults.ServiceProcess;
import org.haipump.faults.Teardown;
import org.haipump.faults.Sql;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transmission security with the service's own configuration: it serves the API over TLS from the
 * {@code quarkus.tls} registry with plain HTTP refused, and it reaches PostgreSQL over TLS with the
 * server's certificate verified against the operator's CA and host name ({@code sslmode=verify-full}).
 * The certificate is a named TLS configuration of the public port only: the management port keeps
 * plain HTTP for the probes and the scrapes inside the cluster (the default TLS configuration, without
 * a name, would serve both).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TransportSecurityIT {

    private static final String DATABASE = "hai";

    @TempDir
    static Path keys;

    private static PostgresCluster postgres;
    private static ServiceProcess service;
    private static int httpsPort;
    private static Path certificate;

    @BeforeAll
    static void startTheServiceOverTls() throws Exception {
        certificate = keys.resolve("localhost.crt");
        Path key = keys.resolve("localhost.key");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", key.toString(), "-out", certificate.toString()).redirectErrorStream(true).start();
        assertThat(openssl.waitFor()).as(new String(openssl.getInputStream().readAllBytes())).isZero();

        postgres = PostgresCluster.create("transport");
        postgres.enableTls(certificate, key);
        postgres.createDatabase(DATABASE);
        httpsPort = PostgresCluster.freePort();
        String verifiedTls = postgres.jdbcUrl(DATABASE) + "?sslmode=verify-full&sslrootcert=" + certificate;
        // As an operator would: in a properties file beside the jar (a ConfigMap, in Kubernetes).
        Path settings = Files.writeString(keys.resolve("application.properties"), String.join("\n",
                "quarkus.tls.api.key-store.pem.0.cert=" + certificate,
                "quarkus.tls.api.key-store.pem.0.key=" + key,
                "quarkus.http.tls-configuration-name=api",
                "quarkus.http.ssl-port=" + httpsPort,
                "quarkus.http.insecure-requests=disabled", ""));
        service = new ServiceProcess("transport", verifiedTls,
                Map.of("QUARKUS_CONFIG_LOCATIONS", settings.toUri().toString()));
        service.start().awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        Teardown.closeAll(service, postgres);
    }

    @Test
    void theApiIsServedOverTlsAndNotInPlainHttp() throws Exception {
        HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(certificate))
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> overTls = trusting.send(HttpRequest.newBuilder(
                        URI.create("https://localhost:" + httpsPort + "/api/v1/worklist"))
                .header("Authorization", "Bearer " + Tokens.nurse()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(overTls.statusCode()).isEqualTo(200);

        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest inPlainHttp = HttpRequest.newBuilder(service.uri("/api/v1/worklist"))
                .header("Authorization", "Bearer " + Tokens.nurse()).timeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> plain.send(inPlainHttp, HttpResponse.BodyHandlers.ofString()))
                .as("plain HTTP on the API's port").isInstanceOf(IOException.class);
    }

    @Test
    void everyDatabaseConnectionOfTheServiceIsTls() {
        List<String> encrypted = new Sql(postgres, DATABASE).strings("""
                select s.ssl::text from pg_stat_ssl s join pg_stat_activity a using (pid)
                where a.datname = ? and a.application_name = ?""", DATABASE, "hai-refill-scheduler");

        assertThat(encrypted).as("the service's connections").isNotEmpty().containsOnly("true");
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream pem = Files.newInputStream(certificate)) {
            trusted.setCertificateEntry("service", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
