package dev.dispatch.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The databases of one system-test run: the usual names with a random suffix (bin/run's
 * DISPATCH_DB_SUFFIX), so a test never touches the databases of the local run, and dropped afterwards.
 */
final class SystemDatabases {

    private final String suffix = "_systest_" + UUID.randomUUID().toString().substring(0, 8);

    String suffix() {
        return suffix;
    }

    List<String> existing() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select datname from pg_database where datname like '%" + suffix + "'")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }

    void create(String name) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            if (!existing().contains(name)) {
                s.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    void dropAll() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String db : existing()) {
                s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop the system test's databases: " + e.getMessage(), e);
        }
    }

    private static Connection connect() throws SQLException {
        return connect("postgres");
    }

    /** A connection to one database of this server (e.g. one of this run's, to read what a service stored). */
    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + env("DISPATCH_DB_HOST", "127.0.0.1") + ":"
                        + env("DISPATCH_DB_PORT", "5432") + "/" + database,
                env("DISPATCH_DB_USER", "postgres"), env("DISPATCH_DB_PASSWORD", "postgres"));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
