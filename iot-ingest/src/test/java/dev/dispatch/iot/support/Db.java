package dev.dispatch.iot.support;

import dev.dispatch.testsupport.postgres.TestDatabase;

/** What the tests read straight from iot-ingest's database. */
public final class Db {

    private Db() {
    }

    /** The single number a {@code select count(*) ...} returns. */
    public static long count(String sql) {
        return Long.parseLong(TestDatabase.column(sql).get(0));
    }
}
