package dev.dispatch.deploy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The checks that compose and Kubernetes share: every environment variable maps to a configuration key the
 * container reads; every host a service is pointed at is a service of the deployment, listening on the port the
 * service will use; nothing is left pointing at 127.0.0.1; credentials match on both ends; each service's
 * database is one the init script creates; the JWT key is mounted where the service is told to read it.
 */
final class EnvChecks {

    /** The names the deployment gives its containers, and the ports each listens on. */
    interface Network {
        Optional<Set<Integer>> ports(String host);

        /** Whether the name leads to the XMPP server (whose ports have roles: a client must use the right one). */
        boolean xmpp(String host);

        /** Whether the name (a compose service, a workload) runs coturn, the TURN server. */
        boolean turn(String name);

        /** Whether the name (a compose service, a Service) leads to Jaeger, where traces go. */
        boolean jaeger(String host);

        /** Whether the name (a compose service, a Service) leads to the containers of this Dispatch service. */
        boolean runs(String host, String module);

        /**
         * What a browser on the host reaches at each port of 127.0.0.1 over "tcp" or "udp": "name:containerPort", the
         * name being the compose service or the workload (app.kubernetes.io/name) behind it.
         */
        Map<Integer, String> fromHost(String protocol);
    }

    /**
     * The addresses web hands the browser (each a key of its configuration), and what each must reach from the host:
     * the service, or "broker" for the broker's acceptor named after the colon.
     */
    static final Map<String, String> BROWSER_URLS = Map.of("dispatch.web.gateway-url", "gateway",
            "dispatch.web.notification-url", "notification-service", "dispatch.web.broker.stomp-url", "broker:stomp-ws");

    /**
     * The STUN and TURN servers a service hands the browsers for calls (comma-separated URLs; notification-service's
     * CallsConfig), and the secret it signs their TURN credentials with, which must be coturn's.
     */
    static final List<String> ICE_URLS = List.of("dispatch.calls.stun-urls", "dispatch.calls.turn.urls");
    static final String TURN_SECRET = "dispatch.calls.turn.secret";

    /** stun:host:port, turn:host:port[?transport=udp|tcp] (RFC 7064, RFC 7065; without transport: UDP). */
    private static final java.util.regex.Pattern ICE_URL = java.util.regex.Pattern.compile(
            "(stun|turn):([^:?/]+):(\\d+)(?:\\?transport=(udp|tcp))?");

    private EnvChecks() {
    }

    static List<String> problems(List<Unit> units, Network network) {
        return problems(units, network, ServiceConfig::of);
    }

    /** With the services' configurations from {@code configs} (tests give one a key it does not have yet). */
    static List<String> problems(List<Unit> units, Network network, Function<String, ServiceConfig> configs) {
        List<String> problems = new ArrayList<>();
        Unit postgres = only(units, Unit.Role.POSTGRES, problems);
        Unit broker = only(units, Unit.Role.BROKER, problems);
        Unit xmpp = only(units, Unit.Role.XMPP, problems);
        Unit turn = only(units, Unit.Role.TURN, problems);
        BrokerConfig brokerConfig = BrokerConfig.read();
        Prosody prosody = Prosody.read();
        Coturn coturn = Coturn.read();
        boolean jaegerDeployed = units.stream().anyMatch(unit -> unit.role() == Unit.Role.TRACES);
        for (Unit unit : units) {
            switch (unit.role()) {
                case POSTGRES -> unit.env().keySet().stream().filter(name -> !Postgres.IMAGE_ENV.contains(name))
                        .forEach(name -> problems.add(unit.where() + ": " + name + " is not a variable of the postgres image "
                                + Postgres.IMAGE_ENV));
                case BROKER -> {
                    // BrokerLogins, below.
                }
                case XMPP -> xmpp(unit, prosody, problems);
                case TURN -> turn(unit, coturn, problems);
                case TRACES -> jaeger(unit, problems);
                case SERVICE -> {
                    ServiceConfig config = configs.apply(unit.module());
                    service(unit, config, network, postgres, xmpp, prosody, problems);
                    browser(unit, config, network, units, configs, brokerConfig, problems);
                    calls(unit, config, network, turn, coturn, problems);
                    exporter(unit, config, network, jaegerDeployed, problems);
                }
            }
        }
        BrokerLogins.check(units, broker, network, configs, brokerConfig, problems);
        return problems;
    }

    /**
     * The addresses a service hands the browser ({@link #BROWSER_URLS}) are the host's, not the deployment's network:
     * 127.0.0.1 or localhost, at a port that reaches the right service's port; and the services the browser calls
     * allow the pages' origin (CORS) as the browser sees it.
     */
    private static void browser(Unit unit, ServiceConfig config, Network network, List<Unit> units,
            Function<String, ServiceConfig> configs, BrokerConfig brokerConfig, List<String> problems) {
        Map<String, String> env = unit.literalEnv();
        Map<Integer, String> fromHost = network.fromHost("tcp");
        for (String key : browserKeys(config)) {
            if (!key.startsWith("dispatch.web.") || !key.endsWith("-url")) {
                continue;
            }
            String target = BROWSER_URLS.get(key);
            if (target == null) {
                problems.add(unit.where() + ": " + key + " is a browser address deploy-tests does not know (EnvChecks.BROWSER_URLS)");
                continue;
            }
            String expected = target.startsWith("broker:") ? "broker:" + brokerConfig.port(target.substring("broker:".length()))
                    : target + ":" + configs.apply(target).httpPort();
            String url = config.effective(key, env).orElse("");
            java.util.regex.Matcher address = java.util.regex.Pattern.compile("(?:https?|wss?)://([^:/]+):(\\d+)/?").matcher(url);
            if (!address.matches() || !(address.group(1).equals("127.0.0.1") || address.group(1).equals("localhost"))) {
                problems.add(unit.where() + ": " + key + "=" + url + " must be a host address of the browser's machine "
                        + "(127.0.0.1 or localhost with a port)");
                continue;
            }
            String reached = fromHost.get(Integer.parseInt(address.group(2)));
            if (!expected.equals(reached)) {
                problems.add(unit.where() + ": " + key + "=" + url + " reaches " + (reached == null ? "nothing" : reached)
                        + " from the host, not " + expected);
            } else if (!target.startsWith("broker:")) {
                cors(unit, target, fromHost, units, configs, problems);
            }
        }
    }

    /** The service the browser calls must allow the origin of the pages, as the browser reaches them. */
    private static void cors(Unit pages, String target, Map<Integer, String> fromHost, List<Unit> units,
            Function<String, ServiceConfig> configs, List<String> problems) {
        String self = pages.module() + ":" + configs.apply(pages.module()).httpPort();
        List<Integer> pagePorts = fromHost.entrySet().stream().filter(e -> e.getValue().equals(self)).map(Map.Entry::getKey).toList();
        for (Unit unit : units) {
            if (!target.equals(unit.module())) {
                continue;
            }
            ServiceConfig config = configs.apply(target);
            Map<String, String> env = unit.literalEnv();
            List<String> origins = Arrays.asList(config.effective("quarkus.http.cors.origins", env).orElse("").split("\\s*,\\s*"));
            boolean enabled = config.effective("quarkus.http.cors.enabled", env).map(Boolean::parseBoolean).orElse(false);
            if (pagePorts.isEmpty()) {
                problems.add(pages.where() + ": the host reaches no port of " + pages.module() + " (" + self + ")");
            }
            for (int port : pagePorts) {
                for (String origin : List.of("http://127.0.0.1:" + port, "http://localhost:" + port)) {
                    if (!enabled || !origins.contains(origin)) {
                        problems.add(unit.where() + ": the browser calls " + target + " from " + origin + " (" + pages.module()
                                + "): quarkus.http.cors.enabled must be true and quarkus.http.cors.origins contain it " + origins);
                    }
                }
            }
        }
    }

    /** The browser addresses of a service's configuration and the keys they are made of (host and port included). */
    static Set<String> browserKeys(ServiceConfig config) {
        Set<String> keys = new java.util.TreeSet<>();
        for (String key : config.keys()) {
            if (key.startsWith("dispatch.web.") && key.endsWith("-url")) {
                keys.add(key);
                java.util.regex.Matcher reference = java.util.regex.Pattern.compile("\\$\\{([^:}]+)").matcher(config.defaults().getOrDefault(key, ""));
                while (reference.find()) {
                    keys.add(reference.group(1));
                }
            }
        }
        return keys;
    }

    /**
     * Prosody runs from the repository's prosody.cfg.lua, configured by the environment only: every variable it is
     * given is one the file (or the command, e.g. the bot's password for prosodyctl) reads; it listens beyond the
     * container's loopback, never as root, on ports that are numbers.
     */
    private static void xmpp(Unit unit, Prosody prosody, List<String> problems) {
        String where = unit.where();
        Set<String> expanded = Prosody.commandVariables(unit.command());
        for (String name : unit.env().keySet()) {
            if (!prosody.reads(name) && !expanded.contains(name)) {
                problems.add(where + ": " + name + " is read neither by " + Prosody.FILE + " " + prosody.variables().keySet()
                        + " nor by the container's command");
            }
        }
        for (String name : expanded) {
            if (!unit.env().containsKey(name)) {
                problems.add(where + ": the command expands $" + name + ", which the container is not given");
            }
        }
        Set<String> configs = Prosody.configFiles(unit.command());
        if (configs.size() != 1 || !unit.command().matches("(?s).*(?<![\\w/-])prosody\\s[^;&|]*--config\\s+\\S+\\s+-F\\b.*")) {
            problems.add(where + ": the command must run Prosody in the foreground with the one configuration file "
                    + "(prosody --config <file> -F; prosodyctl with the same --config), not '" + unit.command() + "'");
        }
        for (String config : configs) {
            String source = unit.mountedFiles().get(config);
            if (source == null) {
                problems.add(where + ": Prosody is started with " + config + ", which is not a file mounted into the container "
                        + unit.mountedFiles().keySet());
            } else if (!source.equals(Prosody.FILE)) {
                problems.add(where + ": " + config + " comes from " + source + ", not from " + Prosody.FILE
                        + " (the one Prosody configuration)");
            }
        }
        Map<String, String> env = unit.literalEnv();
        String interfaces = prosody.effective(Prosody.INTERFACES, env).orElse("");
        if (Arrays.stream(interfaces.split("[,\\s]+")).allMatch(EnvChecks::loopback)) {
            problems.add(where + ": " + Prosody.INTERFACES + "=" + interfaces + ": Prosody would listen on the container's "
                    + "loopback only, out of reach of the other containers and of published ports (\"*\")");
        }
        if (prosody.effective(Prosody.RUN_AS_ROOT, env).orElse("false").equals("true")) {
            problems.add(where + ": " + Prosody.RUN_AS_ROOT + "=true: containers run Prosody as a non-root user");
        }
        Prosody.PORT_VARIABLES.values().stream().sorted().forEach(name -> {
            String port = prosody.effective(name, env).orElse("");
            if (!port.matches("\\d+")) {
                problems.add(where + ": " + name + "=" + port + " is no port number");
            }
        });
    }

    /**
     * coturn runs from the repository's turnserver.conf, configured by its command line only (it reads no environment,
     * and the image's entrypoint, which would, is replaced): every variable the container is given is one its command
     * expands, and each one it expands is given; the shared secret comes from a variable, never written down.
     */
    private static void turn(Unit unit, Coturn coturn, List<String> problems) {
        String where = unit.where();
        Set<String> expanded = Coturn.variables(unit.command());
        for (String name : unit.env().keySet()) {
            if (!expanded.contains(name)) {
                problems.add(where + ": " + name + " is not expanded by the container's command (coturn reads no environment; "
                        + "give it as an option, e.g. --static-auth-secret=$" + name + ")");
            }
        }
        for (String name : expanded) {
            if (!unit.env().containsKey(name)) {
                problems.add(where + ": the command expands $" + name + ", which the container is not given");
            }
        }
        Map<String, List<String>> options = Coturn.arguments(unit.command()).map(Coturn::options).orElse(Map.of());
        List<String> configs = options.getOrDefault("c", List.of());
        if (Coturn.arguments(unit.command()).isEmpty() || configs.size() != 1 || options.containsKey("n")
                || options.containsKey("daemon") || options.containsKey("o")) {
            problems.add(where + ": the command must run turnserver in the foreground with the one configuration file "
                    + "(turnserver -c <file> ...; no -n, no --daemon), not '" + unit.command() + "'");
        }
        for (String config : configs) {
            String source = unit.mountedFiles().get(config);
            if (source == null) {
                problems.add(where + ": coturn is started with " + config + ", which is not a file mounted into the container "
                        + unit.mountedFiles().keySet());
            } else if (!source.equals(Coturn.FILE)) {
                problems.add(where + ": " + config + " comes from " + source + ", not from " + Coturn.FILE + " (the one coturn configuration)");
            }
        }
        String port = coturn.effective(options).getOrDefault(Coturn.LISTENING_PORT, String.valueOf(Coturn.DEFAULT_PORT));
        if (!port.matches("\\d+")) {
            problems.add(where + ": --" + Coturn.LISTENING_PORT + "=" + port + " is no port number");
        }
        List<String> secrets = options.getOrDefault(Coturn.STATIC_AUTH_SECRET, List.of());
        if (coturn.settings().containsKey(Coturn.STATIC_AUTH_SECRET)) {
            problems.add(where + ": " + Coturn.FILE + " holds a static-auth-secret: a secret is never in the repository");
        }
        if (!coturn.effective(options).containsKey("use-auth-secret") || secrets.isEmpty()) {
            problems.add(where + ": coturn checks the calls' credentials with the shared secret: use-auth-secret in " + Coturn.FILE
                    + " and --" + Coturn.STATIC_AUTH_SECRET + "=$VARIABLE on the command line");
        } else if (Coturn.onlyVariable(secrets.get(secrets.size() - 1)).isEmpty()) {
            problems.add(where + ": --" + Coturn.STATIC_AUTH_SECRET + " is written into the command; give it from a variable "
                    + "(from a Secret in Kubernetes, from the environment in Compose)");
        }
    }

    /** The variable coturn's --static-auth-secret comes from, if the command gives it so. */
    static Optional<String> turnSecretVariable(Unit turn) {
        List<String> secrets = Coturn.arguments(turn.command()).map(Coturn::options).orElse(Map.of())
                .getOrDefault(Coturn.STATIC_AUTH_SECRET, List.of());
        return secrets.isEmpty() ? Optional.empty() : Coturn.onlyVariable(secrets.get(secrets.size() - 1));
    }

    /**
     * A service that hands the browsers STUN/TURN servers ({@link #ICE_URLS}) hands out coturn as the host reaches it:
     * 127.0.0.1 or localhost, at a port that leads over the URL's transport to a port coturn listens on with it; and
     * signs the TURN credentials with the secret coturn checks them with (the same source).
     */
    private static void calls(Unit unit, ServiceConfig config, Network network, Unit turn, Coturn coturn, List<String> problems) {
        Map<String, String> env = unit.literalEnv();
        boolean relays = false;
        for (String key : ICE_URLS) {
            if (!config.keys().contains(key)) {
                continue;
            }
            for (String url : config.effective(key, env).orElse("").split(",")) {
                url = url.strip();
                if (url.isEmpty()) {
                    continue;
                }
                relays |= key.contains(".turn.");
                java.util.regex.Matcher ice = ICE_URL.matcher(url);
                if (!ice.matches() || !(ice.group(2).equals("127.0.0.1") || ice.group(2).equals("localhost"))
                        || (ice.group(1).equals("stun") && ice.group(4) != null)) {
                    problems.add(unit.where() + ": " + key + " has " + url + ", which must be stun:HOST:PORT or "
                            + "turn:HOST:PORT[?transport=udp|tcp] with a host address of the browser's machine (127.0.0.1 or localhost)");
                    continue;
                }
                String protocol = ice.group(4) == null ? "udp" : ice.group(4);
                String reached = network.fromHost(protocol).get(Integer.parseInt(ice.group(3)));
                Set<Integer> listening = turn == null ? Set.of() : coturn.listening(turn.command(), protocol);
                boolean toCoturn = reached != null && network.turn(reached.substring(0, reached.lastIndexOf(':')))
                        && listening.contains(Integer.parseInt(reached.substring(reached.lastIndexOf(':') + 1)));
                if (!toCoturn) {
                    problems.add(unit.where() + ": " + key + " has " + url + ", which reaches " + (reached == null ? "nothing" : reached)
                            + " from the host over " + protocol.toUpperCase() + ", not coturn's " + protocol.toUpperCase() + " port " + listening);
                }
            }
        }
        String secret = ServiceConfig.envName(TURN_SECRET);
        if (relays && config.keys().contains(TURN_SECRET) && !unit.env().containsKey(secret)) {
            problems.add(unit.where() + ": " + unit.module() + " hands out TURN servers: set " + secret
                    + " from the source of coturn's --" + Coturn.STATIC_AUTH_SECRET);
        }
        if (turn != null && unit.env().containsKey(secret)) {
            Optional<String> variable = turnSecretVariable(turn);
            if (variable.isPresent()) {
                same(unit, secret, turn, variable.get(), problems);
            }
        }
    }

    /** Jaeger: only the all-in-one variables it reads ({@link Jaeger#ENV}), and its OTLP receiver on. */
    private static void jaeger(Unit unit, List<String> problems) {
        unit.env().keySet().stream().filter(name -> !Jaeger.ENV.contains(name)).forEach(name -> problems.add(unit.where() + ": " + name
                + " is not a variable of " + Jaeger.IMAGE + " " + new java.util.TreeSet<>(Jaeger.ENV)));
        if ("false".equals(unit.literalEnv().get(Jaeger.OTLP_ENABLED))) {
            problems.add(unit.where() + ": " + Jaeger.OTLP_ENABLED + "=false, but the services send their traces over OTLP");
        }
    }

    /**
     * Where the deployment runs Jaeger, every service with an exporter sends its traces there: its SDK switched on, its
     * endpoint http://NAME:PORT with NAME one that leads to Jaeger and PORT the OTLP port of the protocol it exports
     * with, which Jaeger serves there. An endpoint given with the SDK off (nothing would be exported) is caught too.
     */
    private static void exporter(Unit unit, ServiceConfig config, Network network, boolean jaegerDeployed, List<String> problems) {
        if (!config.tracing()) {
            return;
        }
        String where = unit.where();
        Map<String, String> env = unit.literalEnv();
        Optional<String> endpoint = Jaeger.endpoint(config, env);
        String sdk = ServiceConfig.envName(Jaeger.SDK_DISABLED);
        String variable = ServiceConfig.envName(Jaeger.ENDPOINT);
        if (!Jaeger.exports(config, env)) {
            if (jaegerDeployed) {
                problems.add(where + ": the deployment runs Jaeger, but " + unit.module() + " exports no traces: set " + sdk
                        + "=false and " + variable);
            } else if (endpoint.isPresent()) {
                problems.add(where + ": traces go to " + endpoint.get() + ", but " + sdk + " is not false: nothing is exported");
            }
            return;
        }
        if (endpoint.isEmpty()) {
            problems.add(where + ": " + sdk + "=false but no " + variable + ": Quarkus would export to localhost, the container itself");
            return;
        }
        Optional<Map.Entry<String, Integer>> address = Jaeger.address(endpoint.get());
        if (address.isEmpty()) {
            problems.add(where + ": " + variable + "=" + endpoint.get() + " is no http://host:port");
            return;
        }
        String host = address.get().getKey();
        int port = address.get().getValue();
        int expected = Jaeger.port(config, env);
        if (!network.jaeger(host)) {
            problems.add(where + ": " + variable + "=" + endpoint.get() + ": " + host + " does not lead to Jaeger");
        } else if (port != expected) {
            problems.add(where + ": " + variable + "=" + endpoint.get() + ": its protocol's OTLP port is " + expected + ", not " + port);
        } else if (!network.ports(host).orElse(Set.of()).contains(port)) {
            problems.add(where + ": " + variable + "=" + endpoint.get() + ": " + host + " serves " + network.ports(host).orElse(Set.of())
                    + ", not " + port);
        }
    }

    private static boolean loopback(String address) {
        return address.isEmpty() || address.startsWith("127.") || address.equals("localhost") || address.equals("::1");
    }

    private static void service(Unit unit, ServiceConfig config, Network network, Unit postgres, Unit xmpp,
            Prosody prosody, List<String> problems) {
        String where = unit.where();
        Map<String, String> env = unit.literalEnv();
        for (String name : unit.env().keySet()) {
            if (!config.reads(name) && !ServiceConfig.RUNTIME_ENV.contains(name)) {
                problems.add(where + ": " + name + " maps to no configuration key that " + unit.module()
                        + " reads (its application.properties has no such key)");
            }
        }
        coapCredentials(unit, config, problems);
        InternalAuth.check(unit, problems);
        grpcTargets(unit, config, network, problems);
        // Addresses for the browser are checked against the host's ports (browser()), not this network.
        Set<String> browserKeys = browserKeys(config);
        config.defaults().forEach((key, value) -> {
            if (browserKeys.contains(key)) {
                return;
            }
            if (value.equals("127.0.0.1") || value.equals("localhost") || value.equals("::1")) {
                if (!unit.env().containsKey(ServiceConfig.envName(key))) {
                    problems.add(where + ": " + key + " defaults to " + value + " (the container itself): set "
                            + ServiceConfig.envName(key));
                }
            }
        });
        for (String key : config.keys()) {
            if (!key.endsWith(".host") || !unit.env().containsKey(ServiceConfig.envName(key)) || browserKeys.contains(key)) {
                continue;
            }
            String host = env.get(ServiceConfig.envName(key));
            if (host == null) {
                continue;
            }
            Optional<Set<Integer>> listening = network.ports(host);
            if (listening.isEmpty()) {
                problems.add(where + ": " + ServiceConfig.envName(key) + "=" + host + " names no service of this deployment");
                continue;
            }
            String prefix = key.substring(0, key.length() - "host".length());
            for (String portKey : config.keys()) {
                // A public port is where clients outside the deployment connect (a published port), not one of this network.
                if (!portKey.startsWith(prefix) || !portKey.endsWith("port") || portKey.contains("test-port") || portKey.contains("public")) {
                    continue;
                }
                Optional<String> port = config.effective(portKey, env);
                String hint = unit.env().containsKey(ServiceConfig.envName(portKey)) ? "" : " (set " + ServiceConfig.envName(portKey) + ")";
                if (port.isEmpty() || !port.get().matches("\\d+")) {
                    problems.add(where + ": " + portKey + " has no port number to check (" + port.orElse("unset") + ")");
                } else if (!listening.get().contains(Integer.parseInt(port.get()))) {
                    problems.add(where + ": " + portKey + "=" + port.get() + " but " + host + " listens on " + listening.get() + hint);
                } else if (network.xmpp(host) && xmpp != null) {
                    xmppPort(unit, portKey, Integer.parseInt(port.get()), host, xmpp, prosody, hint, problems);
                }
            }
        }
        if (config.keys().contains("mp.jwt.verify.publickey.location")) {
            String location = env.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
            if (location == null) {
                problems.add(where + ": " + unit.module() + " verifies tokens: set MP_JWT_VERIFY_PUBLICKEY_LOCATION to a mounted public key");
            } else if (!unit.mountedFiles().containsKey(location.replaceFirst("^file:", ""))) {
                problems.add(where + ": MP_JWT_VERIFY_PUBLICKEY_LOCATION=" + location + " is not a file mounted into the container "
                        + unit.mountedFiles().keySet());
            }
        }
        if (config.keys().contains("dispatch.db.name")) {
            String database = config.effective("dispatch.db.name", env).orElse("");
            if (!Postgres.databases().contains(database)) {
                problems.add(where + ": database " + database + " is not created by " + Postgres.INIT_SCRIPT + " " + Postgres.databases());
            }
        }
        same(unit, "DISPATCH_DB_USER", postgres, "POSTGRES_USER", problems);
        same(unit, "DISPATCH_DB_PASSWORD", postgres, "POSTGRES_PASSWORD", problems);
        // The broker's logins: BrokerLogins.
        for (String name : Prosody.SHARED) {
            same(unit, name, xmpp, name, problems);
        }
    }

    /**
     * Each gRPC client reaches every instance of the server it calls: with Stork, by DNS discovery of a name of the
     * deployment that leads to that server and serves the discovery's port (a static list is the local run's, pointing at
     * 127.0.0.1); without Stork, its host and port (checked with the other hosts, below).
     */
    private static void grpcTargets(Unit unit, ServiceConfig config, Network network, List<String> problems) {
        for (GrpcDiscovery.Target target : GrpcDiscovery.targets(config, unit.literalEnv())) {
            if (target.stork() == null) {
                continue;
            }
            String where = unit.where() + ": " + target.describe();
            Optional<String> server = GrpcDiscovery.server(unit.module(), target.client());
            if (!target.dns()) {
                problems.add(where + ": Stork's " + target.type() + " discovery lists local addresses; in a deployment it finds the "
                        + "servers by DNS (set DISPATCH_GRPC_DISCOVERY=dns)");
                continue;
            }
            Optional<Set<Integer>> listening = network.ports(target.host());
            if (listening.isEmpty()) {
                problems.add(where + ": " + target.host() + " names no service of this deployment");
            } else if (server.isPresent() && !network.runs(target.host(), server.get())) {
                problems.add(where + ": " + target.host() + " does not lead to " + server.get() + ", the server of client " + target.client());
            } else if (!target.port().matches("\\d+") || !listening.get().contains(Integer.parseInt(target.port()))) {
                problems.add(where + ": " + target.host() + " serves " + listening.get() + ", not " + target.port() + " ("
                        + target.portKey() + ")");
            }
        }
    }

    /**
     * Prosody's ports serve different streams: a key naming the component (XEP-0114) must be its component port, one
     * naming http or websocket its HTTP port (RFC 7395), any other its client-to-server port.
     */
    private static void xmppPort(Unit unit, String portKey, int port, String host, Unit xmpp, Prosody prosody, String hint,
            List<String> problems) {
        String listener = portKey.contains("component") ? Prosody.COMPONENT
                : portKey.contains("http") || portKey.contains("websocket") ? Prosody.HTTP : Prosody.C2S;
        Map<String, Integer> ports = prosody.listening(xmpp.env().keySet(), xmpp.literalEnv());
        Integer expected = ports.get(listener);
        if (expected == null) {
            problems.add(unit.where() + ": " + portKey + "=" + port + " is for Prosody's " + listener + " port, which " + host
                    + " does not open " + ports + (listener.equals(Prosody.COMPONENT) ? " (no " + Prosody.COMPONENT_SECRET + ")" : ""));
        } else if (expected != port) {
            problems.add(unit.where() + ": " + portKey + "=" + port + " but Prosody's " + listener + " port on " + host + " is "
                    + expected + " " + ports + hint);
        }
    }

    /**
     * A CoAP server keeps the sensors' pre-shared keys encrypted under a key of its configuration, which it needs in
     * production (without one it refuses to start): the deployment must give it, from a Secret (Kubernetes) or an
     * env_file (Compose) that deploy/secrets.sh makes — never written into the file itself.
     */
    private static void coapCredentials(Unit unit, ServiceConfig config, List<String> problems) {
        Optional<String> key = config.coapKey("credential-key");
        if (key.isEmpty()) {
            return;
        }
        Set<String> names = config.envNamesOf(key.get());
        List<String> given = names.stream().filter(unit.env()::containsKey).toList();
        if (given.isEmpty()) {
            problems.add(unit.where() + ": " + unit.module() + " needs " + key.get() + " (" + String.join(" or ", names)
                    + ") to start: give it from a Secret or an env_file that deploy/secrets.sh makes");
            return;
        }
        for (String name : given) {
            if (!secret(unit.env().get(name))) {
                problems.add(unit.where() + ": " + name + " is written into the file; it must come from a Secret (Kubernetes) "
                        + "or an env_file (Compose) that deploy/secrets.sh makes");
            }
        }
    }

    /** Whether a variable's source keeps it out of the files: a Secret (Kubernetes) or an env_file (Compose). */
    static boolean secret(JsonNode source) {
        return source.has("env_file") || source.path("valueFrom").has("secretKeyRef");
    }

    /** A credential the service sends must come from the same source as the one the server was given. */
    static void same(Unit unit, String name, Unit server, String serverName, List<String> problems) {
        JsonNode sent = unit.env().get(name);
        if (sent == null || server == null) {
            return;
        }
        JsonNode expected = server.env().get(serverName);
        if (!BrokerLogins.sameSource(sent, expected)) {
            problems.add(unit.where() + ": " + name + " is " + sent + " but " + server.where() + " has " + serverName + " = " + expected);
        }
    }

    private static Unit only(List<Unit> units, Unit.Role role, List<String> problems) {
        List<Unit> matching = units.stream().filter(unit -> unit.role() == role).toList();
        if (matching.size() != 1) {
            problems.add("expected exactly one " + role + " container, found " + matching.size());
            return null;
        }
        return matching.get(0);
    }
}
