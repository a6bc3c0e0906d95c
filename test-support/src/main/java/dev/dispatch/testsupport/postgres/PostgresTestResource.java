package dev.dispatch.testsupport.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Creates a fresh, uniquely named database on the real PostgreSQL server for one test run and drops
 * it afterwards, so tests never touch the databases of the local run or of each other.
 * <p>
 * The service reaches the database through a {@link TcpProxy}, so a test can make the database
 * unreachable ({@code PostgresTestResource.proxy().cut()}) and check what the service does then.
 * <p>
 * Init arg {@code database}: the name prefix, e.g. {@code orders}. The server comes from the
 * environment: {@code DISPATCH_TEST_DB_HOST} (127.0.0.1), {@code DISPATCH_TEST_DB_PORT} (5432),
 * {@code DISPATCH_TEST_DB_USER} (postgres), {@code DISPATCH_TEST_DB_PASSWORD} (postgres).
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile TcpProxy proxy;
    private static volatile String database;

    private final PostgresServer server = PostgresServer.fromEnvironment();
    private String prefix = "dispatch";

    /** The proxy in front of the database of the running test. */
    public static TcpProxy proxy() {
        return proxy;
    }

    /** The name of the fresh database of the running test. */
    public static String database() {
        return database;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        prefix = initArgs.getOrDefault("database", prefix);
    }

    @Override
    public Map<String, String> start() {
        server.requireReachable();
        database = (prefix + "_test_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        server.execute("CREATE DATABASE " + database);
        proxy = new TcpProxy(server.host(), server.port());
        String hostPort = "127.0.0.1:" + proxy.port() + "/" + database;
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://" + hostPort,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPort,
                "quarkus.datasource.username", server.user(),
                "quarkus.datasource.password", server.password());
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (database != null) {
            server.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    /** The real server the fresh databases are created on. */
    record PostgresServer(String host, int port, String user, String password) {

        static PostgresServer fromEnvironment() {
            return new PostgresServer(
                    env("DISPATCH_TEST_DB_HOST", "127.0.0.1"),
                    Integer.parseInt(env("DISPATCH_TEST_DB_PORT", "5432")),
                    env("DISPATCH_TEST_DB_USER", "postgres"),
                    env("DISPATCH_TEST_DB_PASSWORD", "postgres"));
        }

        void requireReachable() {
            try (Connection ignored = connect()) {
                // reachable
            } catch (SQLException e) {
                throw new IllegalStateException("""
                        PostgreSQL is not reachable at %s:%d as '%s' (%s).
                        The tests need a real PostgreSQL server. Start the local one with
                            pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start
                        (or: sudo systemctl start postgresql), or point the tests at another server with
                        DISPATCH_TEST_DB_HOST / DISPATCH_TEST_DB_PORT / DISPATCH_TEST_DB_USER / DISPATCH_TEST_DB_PASSWORD."""
                        .formatted(host, port, user, e.getMessage()), e);
            }
        }

        void execute(String sql) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL refused '" + sql + "': " + e.getMessage(), e);
            }
        }

        private Connection connect() throws SQLException {
            return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", user, password);
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }
    }
}
