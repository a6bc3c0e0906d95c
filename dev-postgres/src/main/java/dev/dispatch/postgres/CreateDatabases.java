package dev.dispatch.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Creates the local run's databases that are missing, on whichever server the run uses (ours or the machine's own),
 * so that bin/run needs no psql: {@code java -cp dev-postgres.jar dev.dispatch.postgres.CreateDatabases orders payments}.
 * The server comes from the services' own variables DISPATCH_DB_HOST, _PORT, _USER, _PASSWORD (defaults 127.0.0.1,
 * 5432, postgres, postgres). Prints "Created database NAME" for each one it creates.
 * Exit status: 1 when the server refuses (the message says why), 2 on a bad name.
 */
public final class CreateDatabases {

    private CreateDatabases() {
    }

    public static void main(String[] names) {
        Map<String, String> env = System.getenv();
        String host = env(env, "DISPATCH_DB_HOST", "127.0.0.1");
        String port = env(env, "DISPATCH_DB_PORT", "5432");
        String user = env(env, "DISPATCH_DB_USER", LocalPostgres.SUPERUSER);
        for (String name : names) {
            if (!name.matches("[a-z_][a-z0-9_]*")) {
                System.err.println("CreateDatabases: not a plain database name: '" + name + "'");
                System.exit(2);
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", user,
                env(env, "DISPATCH_DB_PASSWORD", "postgres"))) {
            for (String name : names) {
                if (!exists(c, name)) {
                    try (Statement s = c.createStatement()) {
                        s.execute("CREATE DATABASE " + name);
                    }
                    System.out.println("Created database " + name);
                }
            }
        } catch (SQLException e) {
            System.err.println("PostgreSQL at " + host + ":" + port + " as " + user + ": " + e.getMessage());
            System.exit(1);
        }
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String env(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
