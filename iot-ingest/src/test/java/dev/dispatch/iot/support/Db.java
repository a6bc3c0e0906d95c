package dev.dispatch.iot.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import dev.dispatch.testsupport.postgres.TestDatabase;

/** What the tests read straight from iot-ingest's database. */
public final class Db {

    private Db() {
    }

    /** The single number a {@code select count(*) ...} returns. */
    public static long count(String sql) {
        return Long.parseLong(TestDatabase.column(sql).get(0));
    }

    /** Runs statements in one transaction, as another replica (or service) would write: nothing of this JVM's memory sees it. */
    public static void execute(String... statements) {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String sql : statements) {
                s.execute(sql);
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(String.join("; ", statements) + ": " + e.getMessage(), e);
        }
    }
}
