package org.haipump.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL 15 cluster for one test class: its own data directory under /tmp, a free
 * port on 127.0.0.1, trust authentication, fsync off. A test may stop and start it at will; the
 * machine's shared cluster on 5432 is never touched. initdb refuses to run as root, so as root
 * initdb and pg_ctl run as the {@code postgres} user. {@link #close()} (and a shutdown hook, should
 * the test JVM exit early) stops the server and deletes the directory; the server log is copied to
 * {@code target/faults/}.
 */
public final class PostgresCluster implements AutoCloseable {

    /** How pg_ctl stops the server: {@code fast} ends sessions cleanly, {@code immediate} is a crash. */
    public enum StopMode {
        FAST, IMMEDIATE
    }

    private static final Path BIN = Path.of(System.getProperty("hai.postgres.bin", "/usr/lib/postgresql/15/bin"));
    private static final boolean AS_ROOT = "root".equals(System.getProperty("user.name"));
    private static final Duration PG_CTL_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final Path home;
    private final Path data;
    private final Path serverLog;
    private final int port;
    private final Thread reaper;
    private volatile boolean running;

    private PostgresCluster(String name, Path home, int port) {
        this.name = name;
        this.home = home;
        this.data = home.resolve("data");
        this.serverLog = home.resolve("postgres.log");
        this.port = port;
        this.reaper = new Thread(this::destroy, "reap-" + name);
    }

    /** Creates the cluster with initdb and starts it. */
    public static PostgresCluster create(String name) {
        try {
            Path home = Files.createTempDirectory("hai-pg-");
            PostgresCluster cluster = new PostgresCluster(name, home, freePort());
            Runtime.getRuntime().addShutdownHook(cluster.reaper);
            if (AS_ROOT) {
                cluster.run(false, List.of("chown", "postgres:postgres", home.toString()));
            }
            cluster.run(true, List.of(BIN.resolve("initdb").toString(), "-D", cluster.data.toString(),
                    "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"));
            cluster.start();
            return cluster;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create a private PostgreSQL cluster", e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public void createDatabase(String database) {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + database, e);
        }
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "postgres", "");
    }

    /** Starts the server and waits until it accepts connections. */
    public void start() {
        run(true, List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", serverLog.toString(),
                "-w", "-t", String.valueOf(PG_CTL_TIMEOUT.toSeconds()), "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + home
                        + " -c fsync=off -c full_page_writes=off",
                "start"));
        running = true;
    }

    /** Stops the server and waits until it is gone. */
    public void stop(StopMode mode) {
        run(true, List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m",
                mode.name().toLowerCase(), "-w", "-t", String.valueOf(PG_CTL_TIMEOUT.toSeconds()), "stop"));
        running = false;
    }

    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private synchronized void destroy() {
        if (!Files.exists(home)) {
            return;
        }
        try {
            if (running) {
                stop(StopMode.IMMEDIATE);
            }
        } catch (RuntimeException e) {
            System.err.println("Could not stop the private PostgreSQL cluster in " + home + ": " + e.getMessage());
        }
        try {
            if (Files.exists(serverLog)) {
                Path target = ServiceProcess.LOG_DIR.resolve(name + "-postgres.log");
                Files.createDirectories(target.getParent());
                Files.copy(serverLog, target, StandardCopyOption.REPLACE_EXISTING);
            }
            try (Stream<Path> files = Files.walk(home)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            System.err.println("Could not delete the private PostgreSQL cluster in " + home + ": " + e.getMessage());
        }
    }

    /** Runs a command to its end, as the postgres user when asked and we are root; fails with its output. */
    private void run(boolean asPostgres, List<String> command) {
        List<String> full = new ArrayList<>();
        if (asPostgres && AS_ROOT) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            // Output to a file, not a pipe: the server that pg_ctl starts must not hold our pipe open.
            Path output = Files.createTempFile("hai-pg-cmd-", ".txt");
            try {
                Process process = new ProcessBuilder(full).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(PG_CTL_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("Timed out: " + String.join(" ", full));
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("Failed (exit " + process.exitValue() + "): "
                            + String.join(" ", full) + "\n" + Files.readString(output));
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + String.join(" ", full), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + String.join(" ", full), e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }
}
