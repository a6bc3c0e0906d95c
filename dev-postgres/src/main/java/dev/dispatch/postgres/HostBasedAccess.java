package dev.dispatch.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The data directory's pg_hba.conf: who may log in from where, and how. Loopback only, and TCP only. */
final class HostBasedAccess {

    private static final String HEADER = "# Written by dev-postgres at every start (see LocalPostgres).\n";

    private HostBasedAccess() {
    }

    /** Before the server starts: loopback logs in without a password, until the passwords are set. */
    static void trustLoopback(Path dataDir) {
        try {
            write(dataDir, "trust");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataDir.resolve("pg_hba.conf"), e);
        }
    }

    /** Once the passwords are set: every login needs its password; the server reads this on a reload. */
    static void requirePasswords(Path dataDir) throws IOException {
        write(dataDir, "scram-sha-256");
    }

    private static void write(Path dataDir, String method) throws IOException {
        String rules = HEADER
                + "host all all 127.0.0.1/32 " + method + "\n"
                + "host all all ::1/128 " + method + "\n";
        Files.writeString(dataDir.resolve("pg_hba.conf"), rules, StandardCharsets.UTF_8);
    }
}
