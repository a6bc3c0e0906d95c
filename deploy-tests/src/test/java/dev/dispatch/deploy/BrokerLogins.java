package dev.dispatch.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Who logs in to the broker, in both deployments (issue #16, least privilege): the operators' login (ARTEMIS_USER, role
 * amq) is no service's; each service logs in as itself, a fixed login the broker's entrypoint writes in the role of
 * that name, with the password from the same source, and broker.xml grants that role something; the board likewise as
 * user board; devices log in through iot-ingest, which the broker reaches at its device-login URL with a token both
 * have from the same secret. The broker is given only what the image, broker.xml, its entrypoint or its login module
 * reads, and everything its entrypoint reads.
 */
final class BrokerLogins {

    static final String USER_KEY = "dispatch.broker.user";
    static final String PASSWORD = "DISPATCH_BROKER_PASSWORD";
    static final String OPERATORS_USER = "ARTEMIS_USER";
    static final String OPERATORS_PASSWORD = "ARTEMIS_PASSWORD";

    /** The board's login: the broker's entrypoint writes this user (role board), with the password the container is given. */
    static final String BOARD_USER = "board";
    static final String BOARD_PASSWORD = "DISPATCH_BROKER_BOARD_PASSWORD";

    private BrokerLogins() {
    }

    static void check(List<Unit> units, Unit broker, EnvChecks.Network network, Function<String, ServiceConfig> configs,
            BrokerConfig brokerConfig, List<String> problems) {
        if (broker == null) {
            return;
        }
        variables(broker, brokerConfig, problems);
        for (Unit unit : units) {
            if (unit.role() == Unit.Role.SERVICE) {
                ServiceConfig config = configs.apply(unit.module());
                service(unit, config, broker, brokerConfig, problems);
                board(unit, config, broker, brokerConfig, problems);
            }
        }
        deviceLogins(units, broker, network, configs, problems);
    }

    /**
     * The broker's variables: the image's (docker-run.sh), broker.xml's placeholders, its entrypoint's and its login
     * module's; each its entrypoint reads must be given. Each fixed login has a role broker.xml grants something.
     */
    private static void variables(Unit broker, BrokerConfig brokerConfig, List<String> problems) {
        Set<String> read = BrokerImage.environment(broker.command());
        Set<String> module = Set.of(BrokerImage.urlVariable(), BrokerImage.tokenVariable());
        broker.env().keySet().stream()
                .filter(name -> !BrokerConfig.IMAGE_ENV.contains(name) && !brokerConfig.placeholders().contains(name)
                        && !read.contains(name) && !module.contains(name))
                .forEach(name -> problems.add(broker.where() + ": " + name + " is neither a variable of the Artemis image "
                        + BrokerConfig.IMAGE_ENV + " nor a placeholder of " + BrokerConfig.FILE + " nor read by its entrypoint "
                        + "or its login module " + new TreeSet<>(module)));
        for (String name : read) {
            if (!broker.env().containsKey(name)) {
                problems.add(broker.where() + ": its entrypoint reads $" + name + ", which the container is not given");
            }
        }
        BrokerImage.logins(broker.command()).keySet().stream().filter(user -> brokerConfig.grants(user).isEmpty())
                .forEach(user -> problems.add(broker.where() + ": its entrypoint writes the login " + user + ", whose role " + user
                        + " " + BrokerConfig.FILE + " grants nothing"));
    }

    /** A service with a broker login logs in as itself, never as the operators. */
    private static void service(Unit unit, ServiceConfig config, Unit broker, BrokerConfig brokerConfig, List<String> problems) {
        if (!config.keys().contains(USER_KEY)) {
            return;
        }
        String where = unit.where();
        String module = unit.module();
        String user = config.effective(USER_KEY, unit.literalEnv()).orElse("");
        if (user.equals(broker.literalEnv().get(OPERATORS_USER))) {
            problems.add(where + ": " + module + " logs in to the broker as " + user + ", the operators' login (" + OPERATORS_USER
                    + " of " + broker.where() + "): each service has its own");
        }
        JsonNode password = unit.env().get(PASSWORD);
        if (password != null && sameSource(password, broker.env().get(OPERATORS_PASSWORD))) {
            problems.add(where + ": " + PASSWORD + " is the operators' password (" + OPERATORS_PASSWORD + " of " + broker.where()
                    + "): each service has its own");
        }
        if (!user.equals(module)) {
            problems.add(where + ": " + USER_KEY + "=" + user + ", but " + module + " logs in to the broker as itself: set "
                    + ServiceConfig.envName(USER_KEY) + "=" + module + " (the user and role " + module + ")");
            return;
        }
        if (brokerConfig.grants(user).isEmpty()) {
            problems.add(where + ": " + BrokerConfig.FILE + " grants the role " + user + " nothing, so " + module + " could do nothing");
        }
        login(unit, user, PASSWORD, broker, problems);
    }

    /**
     * A service that hands out the board's broker login (web) hands out the one the broker writes: user board (the role
     * broker.xml lets consume only), the password from the same source as the broker's.
     */
    private static void board(Unit unit, ServiceConfig config, Unit broker, BrokerConfig brokerConfig, List<String> problems) {
        if (!config.keys().contains("dispatch.broker.board-password")) {
            return;
        }
        String user = config.effective("dispatch.broker.board-user", unit.literalEnv()).orElse("");
        if (!user.equals(BOARD_USER)) {
            problems.add(unit.where() + ": dispatch.broker.board-user=" + user + ", but the broker creates the user " + BOARD_USER
                    + " (role " + BOARD_USER + ", consume only)");
            return;
        }
        login(unit, user, BOARD_PASSWORD, broker, problems);
    }

    /** The broker's entrypoint writes the user, and the unit sends the password it was given for it. */
    private static void login(Unit unit, String user, String passwordVariable, Unit broker, List<String> problems) {
        Map<String, String> logins = BrokerImage.logins(broker.command());
        String variable = logins.get(user);
        if (variable == null) {
            problems.add(broker.where() + ": " + unit.module() + " logs in as " + user + ", but the broker's entrypoint writes no "
                    + "such login (login " + user + " VARIABLE; it writes " + logins.keySet() + ")");
        } else if (!unit.env().containsKey(passwordVariable)) {
            problems.add(unit.where() + ": set " + passwordVariable + " from the broker's source of " + variable
                    + " (the default is for the local run)");
        } else {
            EnvChecks.same(unit, passwordVariable, broker, variable, problems);
        }
    }

    /**
     * Devices log in through iot-ingest: the broker's device-login URL is http://HOST:PORT/PATH with HOST leading to
     * iot-ingest, PORT its HTTP port and PATH its route; the broker's token comes from a secret, and iot-ingest is given
     * the same one.
     */
    private static void deviceLogins(List<Unit> units, Unit broker, EnvChecks.Network network,
            Function<String, ServiceConfig> configs, List<String> problems) {
        String service = BrokerImage.DEVICE_LOGINS_SERVICE;
        Optional<Unit> answering = units.stream().filter(unit -> service.equals(unit.module())).findFirst();
        if (answering.isEmpty()) {
            return;
        }
        String where = broker.where();
        String urlVariable = BrokerImage.urlVariable();
        String tokenVariable = BrokerImage.tokenVariable();
        ServiceConfig config = configs.apply(service);
        String url = broker.literalEnv().get(urlVariable);
        Optional<Matcher> address = url == null ? Optional.empty() : BrokerImage.address(url);
        if (url == null) {
            problems.add(where + ": set " + urlVariable + " to " + service + "'s device-login URL, or no device can log in");
        } else if (address.isEmpty()) {
            problems.add(where + ": " + urlVariable + "=" + url + " is no http://host:port/path");
        } else {
            String host = address.get().group(1);
            int port = Integer.parseInt(address.get().group(2));
            String path = address.get().group(3);
            if (!network.runs(host, service)) {
                problems.add(where + ": " + urlVariable + "=" + url + ": " + host + " does not lead to " + service);
            } else if (port != config.httpPort()) {
                problems.add(where + ": " + urlVariable + "=" + url + ": " + service + " answers device logins on its HTTP port "
                        + config.httpPort() + ", not " + port);
            } else if (!network.ports(host).orElse(Set.of()).contains(port)) {
                problems.add(where + ": " + urlVariable + "=" + url + ": " + host + " serves " + network.ports(host).orElse(Set.of())
                        + ", not " + port);
            }
            if (!path.equals(BrokerImage.devicePath())) {
                problems.add(where + ": " + urlVariable + "=" + url + ": " + service + " answers device logins at "
                        + BrokerImage.devicePath() + ", not " + path);
            }
        }
        JsonNode token = broker.env().get(tokenVariable);
        if (token == null) {
            problems.add(where + ": set " + tokenVariable + " (from a Secret or an env_file that deploy/secrets.sh makes), or no "
                    + "device can log in");
        } else if (!EnvChecks.secret(token)) {
            problems.add(where + ": " + tokenVariable + " is written into the file; it must come from a Secret (Kubernetes) or an "
                    + "env_file (Compose) that deploy/secrets.sh makes");
        }
        Unit unit = answering.get();
        String serviceVariable = ServiceConfig.envName(BrokerImage.DEVICE_LOGINS_TOKEN_KEY);
        if (!config.keys().contains(BrokerImage.DEVICE_LOGINS_TOKEN_KEY)) {
            problems.add(unit.where() + ": " + service + " has no key " + BrokerImage.DEVICE_LOGINS_TOKEN_KEY
                    + " (BrokerImage.DEVICE_LOGINS_TOKEN_KEY is out of date)");
        } else if (!unit.env().containsKey(serviceVariable)) {
            problems.add(unit.where() + ": set " + serviceVariable + " from the source of the broker's " + tokenVariable
                    + " (with its default, " + service + " refuses the broker's questions)");
        } else if (token != null) {
            EnvChecks.same(unit, serviceVariable, broker, tokenVariable, problems);
        }
    }

    /**
     * Whether two variables have the same source: the same Secret key, the same text (a compose interpolation), or env_files
     * that deploy/secrets.sh fills from the same value file.
     */
    static boolean sameSource(JsonNode one, JsonNode other) {
        if (one == null || other == null) {
            return false;
        }
        if (one.has("value_file") && other.has("value_file")) {
            return one.get("value_file").equals(other.get("value_file"));
        }
        return one.equals(other);
    }
}
