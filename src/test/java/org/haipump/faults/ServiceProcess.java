package org.haipump.faults;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.haipump.support.Tokens;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}, prod profile) as a separate OS
 * process, configured the way an operator would: its own port, database URL and JWT public key by
 * environment. It can be killed with SIGKILL and started again on the same port and database; each
 * start writes a new log, {@code target/faults/<name>-<n>.log}. {@link #close()} (and a shutdown hook,
 * should the test JVM exit early) kills whatever still runs.
 */
public final class ServiceProcess implements AutoCloseable {

    public static final Path LOG_DIR = Path.of("target", "faults");
    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    /** Small heap, one GC thread, quick start-up: several of these share two cores with the build. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");
    private static final Duration KILL_WAIT = Duration.ofSeconds(30);
    /** Configuration variables, with or without a profile prefix such as {@code _TEST_}. */
    private static final Pattern INHERITED_SETTING = Pattern.compile("(_[A-Z0-9]+_)?(QUARKUS|HAI|MP|SMALLRYE)_.*");

    private final String name;
    private final int port;
    private final int managementPort;
    private final Map<String, String> environment;
    private final List<Path> logs = new ArrayList<>();
    private final Thread reaper;
    private Process process;

    /**
     * @param settings further environment, e.g. {@code HAI_OVERDUE_SCAN_EVERY=2s}; they win over the
     *                 defaults given here, and an empty value leaves the variable unset
     */
    public ServiceProcess(String name, String jdbcUrl, Map<String, String> settings) {
        this.name = name;
        this.port = PostgresCluster.freePort();
        this.managementPort = PostgresCluster.freePort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        // The local PostgreSQL trusts loopback connections: the password is not checked.
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "unused");
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", Tokens.publicKeyFile().toString());
        env.put("MP_JWT_VERIFY_ISSUER", Tokens.ISSUER);
        env.put("HAI_JWT_AUDIENCE", Tokens.AUDIENCE);
        env.putAll(settings);
        env.values().removeIf(String::isEmpty);
        this.environment = Map.copyOf(env);
        this.reaper = new Thread(this::kill, "reap-" + name);
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    public String name() {
        return name;
    }

    /** Starts a new process (the first, or a restart after {@link #kill()}). */
    public synchronized ServiceProcess start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the package phase first");
        }
        try {
            Files.createDirectories(LOG_DIR);
            Path log = LOG_DIR.resolve(name + "-" + (logs.size() + 1) + ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(JVM_OPTIONS);
            command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            // Only what we set: a developer's QUARKUS_* or HAI_* variables must not change the test.
            builder.environment().keySet().removeIf(key -> INHERITED_SETTING.matcher(key).matches());
            builder.environment().putAll(environment);
            process = builder.start();
            logs.add(log);
            return this;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + name, e);
        }
    }

    /**
     * Waits until {@code /q/health/ready} answers 200 and the API's ports are bound (the management
     * interface answers a moment before them: the log's "started in" line follows both); fails at
     * once, with the log's tail, if the process dies.
     */
    public ServiceProcess awaitReady(Duration within) {
        Path log = logs.get(logs.size() - 1);
        Await.until(within, name + " to become ready on port " + port, () -> {
            if (!isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + logTail(40));
            }
            return readinessStatus() == 200 && Files.readString(log, StandardCharsets.UTF_8).contains(" started in ")
                    ? true : null;
        });
        return this;
    }

    /** The readiness status code, or -1 when nothing answers. */
    public int readinessStatus() {
        try {
            return Http.get(managementUri("/q/health/ready"), null, Duration.ofSeconds(5)).status();
        } catch (IOException e) {
            return -1;
        }
    }

    /** SIGKILL: no shutdown hook, no graceful stop, transactions in flight simply end. Waits for the exit. */
    public synchronized void kill() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(KILL_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + process.pid() + ") survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for a process that should stop by itself (say, refusing to start); its exit code. */
    public int awaitExit(Duration within) {
        try {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " still runs after " + within.toSeconds() + " s:\n" + logTail(40));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** On the management interface: health, metrics and the served OpenAPI document. */
    public URI managementUri(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    /** Every line of every start's log, oldest first. */
    public List<String> logLines() {
        List<String> lines = new ArrayList<>();
        for (Path log : logs) {
            try {
                lines.addAll(Files.readAllLines(log, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + log, e);
            }
        }
        return lines;
    }

    public String logTail(int lines) {
        List<String> all = logLines();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
