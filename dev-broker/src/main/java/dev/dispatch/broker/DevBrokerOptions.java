package dev.dispatch.broker;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The standalone broker's options: a command-line flag, else an environment variable of the same
 * name as broker.xml's placeholder, else the default.
 */
public record DevBrokerOptions(
        BrokerSettings settings,
        Path portsFile,
        boolean verbose,
        boolean help) {

    public static final Path DEFAULT_DATA_DIR = Path.of(".dispatch", "broker-data");

    public static final String HELP = """
            Usage: java -jar dev-broker.jar [options]

            Runs the Dispatch message broker (Apache ActiveMQ Artemis) for the local run: AMQP 1.0,
            MQTT 3.1.1/5, STOMP, STOMP over WebSocket and CORE, each on its own port. A preferred
            port that is taken (or 0) is replaced by a free one; the table printed at start says
            where each protocol listens. "Dispatch broker ready" follows once clients can connect.
            Ctrl-C or SIGTERM stops it cleanly.

            Options, each also settable by the environment variable after it:
              --data-dir DIR        journal and paging data   DISPATCH_BROKER_DATA_DIR       ./.dispatch/broker-data
              --host HOST           address to listen on      DISPATCH_BROKER_HOST           127.0.0.1
              --amqp-port PORT      preferred AMQP port       DISPATCH_BROKER_AMQP_PORT      5673
              --mqtt-port PORT      preferred MQTT port       DISPATCH_BROKER_MQTT_PORT      1884
              --stomp-port PORT     preferred STOMP port      DISPATCH_BROKER_STOMP_PORT     61613
              --stomp-ws-port PORT  preferred STOMP/WS port   DISPATCH_BROKER_STOMP_WS_PORT  61614
              --core-port PORT      preferred CORE port       DISPATCH_BROKER_CORE_PORT      61616
              --user USER           the operators' login      DISPATCH_BROKER_USER           dispatch
                                    (may do anything; no service uses it)
              --password PASSWORD   its password              DISPATCH_BROKER_PASSWORD       dispatch
              --board-user USER     the web board's login     DISPATCH_BROKER_BOARD_USER     board
                                    (STOMP over WebSocket; may only subscribe to the board's addresses)
              --board-password PW   its password              DISPATCH_BROKER_BOARD_PASSWORD board
              --order-service-password PW                     DISPATCH_BROKER_ORDER_SERVICE_PASSWORD
              --iot-ingest-password PW                        DISPATCH_BROKER_IOT_INGEST_PASSWORD
              --notification-service-password PW              DISPATCH_BROKER_NOTIFICATION_SERVICE_PASSWORD
                                    each service's own login is its name, allowed only what it does (default
                                    password: the name too)
              --device-logins-url URL                         DISPATCH_BROKER_DEVICE_LOGINS_URL   (none)
                                    iot-ingest's endpoint that checks a device's login (its id and the password
                                    iot-ingest issued it); without it no device can log in
              --device-logins-token TOKEN                     DISPATCH_BROKER_DEVICE_LOGINS_TOKEN
                                    the bearer token the broker shows iot-ingest there
              --ports-file FILE     where to write the ports  DISPATCH_BROKER_PORTS_FILE     (none)
              --verbose             show the broker's own informational log, not only its warnings
              -h, --help            show this help

            The ports file appears once the broker is ready, as key=value lines: amqp.port,
            mqtt.port, stomp.port, stomp-ws.port, core.port, host, user, password, board.user,
            board.password, and <service>.user and <service>.password for each service. A clean stop
            deletes it.

            Exit status: 1 when the broker cannot start, 2 on a bad option; after Ctrl-C or SIGTERM,
            once the broker has stopped, the JVM's usual 130 or 143.
            """;

    private static final String ENV_PREFIX = "DISPATCH_BROKER_";

    /** Reads the options; throws IllegalArgumentException, with a message fit for the user, on a bad one. */
    public static DevBrokerOptions parse(String[] args, Map<String, String> env) {
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
            if (!isKnown(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            values.put(name, value);
        }

        Map<Protocol, Integer> ports = new EnumMap<>(Protocol.class);
        for (Protocol protocol : Protocol.values()) {
            String option = protocol.key() + "-port";
            String port = value(option, values, env, String.valueOf(protocol.devPort()));
            ports.put(protocol, parsePort(option, port));
        }
        String portsFile = value("ports-file", values, env, null);
        BrokerSettings settings = new BrokerSettings(
                value("host", values, env, BrokerSettings.DEFAULT_HOST),
                Path.of(value("data-dir", values, env, DEFAULT_DATA_DIR.toString())),
                ports,
                value("user", values, env, BrokerSettings.DEFAULT_USER),
                value("password", values, env, BrokerSettings.DEFAULT_PASSWORD),
                value("board-user", values, env, BrokerSettings.DEFAULT_BOARD_USER),
                value("board-password", values, env, BrokerSettings.DEFAULT_BOARD_PASSWORD),
                servicePasswords(values, env),
                deviceLogins(values, env),
                Map.of());
        return new DevBrokerOptions(settings, portsFile == null ? null : Path.of(portsFile), verbose, help);
    }

    private static Map<String, String> servicePasswords(Map<String, String> values, Map<String, String> env) {
        Map<String, String> passwords = new HashMap<>();
        for (String service : BrokerSettings.SERVICES) {
            passwords.put(service, value(service + "-password", values, env, service));
        }
        return passwords;
    }

    private static BrokerSettings.DeviceLogins deviceLogins(Map<String, String> values, Map<String, String> env) {
        String url = value("device-logins-url", values, env, null);
        if (url == null) {
            return null;
        }
        String token = value("device-logins-token", values, env, null);
        if (token == null) {
            throw new IllegalArgumentException("--device-logins-url needs --device-logins-token");
        }
        return new BrokerSettings.DeviceLogins(url, token);
    }

    private static boolean isKnown(String option) {
        if (option.endsWith("-password") && BrokerSettings.SERVICES.contains(option.substring(0, option.length() - "-password".length()))) {
            return true;
        }
        switch (option) {
            case "data-dir", "host", "user", "password", "board-user", "board-password", "device-logins-url",
                    "device-logins-token", "ports-file":
                return true;
            default:
                for (Protocol protocol : Protocol.values()) {
                    if (option.equals(protocol.key() + "-port")) {
                        return true;
                    }
                }
                return false;
        }
    }

    private static String value(String option, Map<String, String> values, Map<String, String> env, String fallback) {
        String fromFlag = values.get(option);
        if (fromFlag != null) {
            return fromFlag;
        }
        String fromEnv = env.get(ENV_PREFIX + option.toUpperCase(Locale.ROOT).replace('-', '_'));
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : fallback;
    }

    private static int parsePort(String option, String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("--" + option + " must be a port number from 0 to 65535, not '" + text + "'");
    }
}
