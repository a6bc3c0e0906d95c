package dev.dispatch.deploy;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Cross-checks of docker-compose.yml: health checks and health-gated start order, published ports (TCP and UDP),
 * volumes, env_files, images and builds, hardening of the service containers, and (through {@link EnvChecks})
 * every environment.
 */
final class ComposeChecks {

    static final String FILE = "docker-compose.yml";

    /** A port published on the host: which service, which host port, tcp or udp. */
    record Published(String service, int port, String protocol) implements Comparable<Published> {
        @Override
        public int compareTo(Published other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return service + " " + port + "/" + protocol;
        }
    }

    /** The plain coap port: published by Compose (the local demo), never by Kubernetes. */
    static final Published PLAIN_COAP = new Published("iot-ingest", 5683, "udp");

    /**
     * What the host may reach: the gateway, notification-service's WebSocket/SSE, the web pages, MQTT for devices,
     * STOMP over WebSocket for the board in the browser, CoAP for cargo sensors (coaps, and plain coap in this local
     * demo), XMPP for chat clients (client-to-server TCP, and HTTP for XMPP over WebSocket; Prosody's component port
     * is for notification-service only), STUN/TURN for the calls' browsers (UDP and TCP; the relay ports stay inside),
     * Jaeger's UI (its OTLP receiver is for the services only). Nothing else.
     */
    static final Set<Published> PUBLISHED = Set.of(new Published("gateway", 8080, "tcp"),
            new Published("notification-service", 8083, "tcp"), new Published("web", 8085, "tcp"),
            new Published("broker", 1883, "tcp"), new Published("broker", 61614, "tcp"),
            new Published("iot-ingest", 5684, "udp"), PLAIN_COAP, new Published("xmpp", 5222, "tcp"),
            new Published("xmpp", 5280, "tcp"), new Published("turn", 3478, "udp"), new Published("turn", 3478, "tcp"),
            new Published("jaeger", Jaeger.UI, "tcp"));

    /** coturn's health check: a STUN binding request, to the port after -p (else the default). */
    private static final java.util.regex.Pattern STUN_CHECK = java.util.regex.Pattern.compile("\\bturnutils_stunclient\\b(?:.*?\\s-p\\s+(\\d+))?");

    /** The TCP ports a health check command connects to (bash's /dev/tcp, pg_isready's --port). */
    private static final java.util.regex.Pattern HEALTHCHECK_PORT = java.util.regex.Pattern.compile("/dev/tcp/[^/\\s]+/(\\d+)|--port[= ](\\d+)");

    private final JsonNode compose;
    private final Function<String, ServiceConfig> configs;
    private final Prosody prosody = Prosody.read();
    private final Coturn coturn = Coturn.read();
    private final List<String> problems = new ArrayList<>();

    private ComposeChecks(JsonNode compose, Function<String, ServiceConfig> configs) {
        this.compose = compose;
        this.configs = configs;
    }

    static JsonNode read() {
        return Yaml.document(Repo.read(FILE), FILE);
    }

    static List<String> problems(JsonNode compose) {
        return problems(compose, ServiceConfig::of);
    }

    /** With the services' configurations from {@code configs} (tests give one a key it does not have yet). */
    static List<String> problems(JsonNode compose, Function<String, ServiceConfig> configs) {
        ComposeChecks checks = new ComposeChecks(compose, configs);
        checks.run();
        return checks.problems;
    }

    private void run() {
        JsonNode services = compose.path("services");
        Map<String, Set<String>> startsAfter = new LinkedHashMap<>();
        List<Unit> units = new ArrayList<>();
        Set<Published> published = new TreeSet<>();
        services.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            JsonNode service = entry.getValue();
            String where = FILE + " services." + name;
            healthcheck(where, name, service);
            startsAfter.put(name, dependsOn(where, service, services));
            ports(where, name, service, published);
            volumes(where, service);
            capabilities(where, service);
            role(where, name, service).ifPresent(units::add);
        });
        if (!published.equals(new TreeSet<>(PUBLISHED))) {
            problems.add(FILE + ": publishes " + published + "; only " + new TreeSet<>(PUBLISHED) + " may be reachable from the host");
        }
        Cycles.find(startsAfter).ifPresent(cycle -> problems.add(FILE + ": depends_on forms a cycle " + cycle));
        for (String role : List.of("postgres", "broker")) {
            JsonNode service = services.path(role);
            boolean named = false;
            for (JsonNode volume : service.path("volumes")) {
                String source = volume.asText().split(":")[0];
                named |= compose.path("volumes").has(source);
            }
            if (!named) {
                problems.add(FILE + " services." + role + ": its data must be on a named volume");
            }
        }
        xmppData(services);
        problems.addAll(EnvChecks.problems(units, new EnvChecks.Network() {
            @Override
            public Optional<Set<Integer>> ports(String host) {
                return listening(host);
            }

            @Override
            public boolean xmpp(String host) {
                return Kustomize.nameOf(services.path(host).path("image").asText()).equals(Prosody.IMAGE);
            }

            @Override
            public boolean turn(String name) {
                return Kustomize.nameOf(services.path(name).path("image").asText()).equals(Coturn.IMAGE);
            }

            @Override
            public boolean jaeger(String host) {
                return Kustomize.nameOf(services.path(host).path("image").asText()).equals(Jaeger.IMAGE);
            }

            @Override
            public boolean runs(String host, String module) {
                return Kustomize.nameOf(services.path(host).path("image").asText()).equals("dispatch/" + module);
            }

            @Override
            public Map<Integer, String> fromHost(String protocol) {
                Map<Integer, String> reached = new TreeMap<>();
                services.fields().forEachRemaining(entry -> entry.getValue().path("ports").forEach(port -> {
                    String text = Unit.literal(port);
                    if (text == null || !(text.contains("/") ? text.substring(text.indexOf('/') + 1) : "tcp").equals(protocol)) {
                        return;
                    }
                    String[] parts = (text.contains("/") ? text.substring(0, text.indexOf('/')) : text).split(":");
                    if (parts.length == 3 && parts[1].matches("\\d+") && parts[2].matches("\\d+")) {
                        reached.put(Integer.parseInt(parts[1]), entry.getKey() + ":" + parts[2]);
                    }
                }));
                return reached;
            }
        }, configs));
    }

    private void healthcheck(String where, String name, JsonNode service) {
        JsonNode check = service.path("healthcheck");
        if (check.isMissingNode() || check.path("disable").asBoolean(false) || check.path("test").isEmpty()
                || check.path("test").path(0).asText().equals("NONE")) {
            problems.add(where + ": no healthcheck");
            return;
        }
        // A server's check asks the ports it serves; a service's asks its health endpoint (checked in role()).
        if (service.has("build") && !BrokerImage.is(service.path("image").asText())) {
            return;
        }
        Set<Integer> asked = new TreeSet<>();
        java.util.regex.Matcher port = HEALTHCHECK_PORT.matcher(check.path("test").toString());
        while (port.find()) {
            asked.add(Integer.parseInt(port.group(1) != null ? port.group(1) : port.group(2)));
        }
        Set<Integer> listening = listening(name).orElse(Set.of());
        if (!listening.containsAll(asked)) {
            problems.add(where + ": the healthcheck asks ports " + asked + ", but the container listens on TCP " + listening);
        }
        if (Kustomize.nameOf(service.path("image").asText()).equals(Prosody.IMAGE)) {
            Integer c2s = xmppPorts(service).get(Prosody.C2S);
            if (c2s != null && !asked.contains(c2s)) {
                problems.add(where + ": the healthcheck must connect to Prosody's client port " + c2s + " (asks " + asked + ")");
            }
        }
        if (Kustomize.nameOf(service.path("image").asText()).equals(Jaeger.IMAGE)
                && !check.path("test").toString().contains("http://127.0.0.1:" + Jaeger.ADMIN + "/\"")) {
            problems.add(where + ": the healthcheck must GET Jaeger's health, http://127.0.0.1:" + Jaeger.ADMIN + "/ (asks "
                    + check.path("test") + ")");
        }
        if (Kustomize.nameOf(service.path("image").asText()).equals(Coturn.IMAGE)) {
            // A STUN binding request (turnutils_stunclient [-p PORT] HOST, over UDP) to a port coturn answers on.
            java.util.regex.Matcher stun = STUN_CHECK.matcher(String.join(" ", strings(check.path("test"))));
            Set<Integer> udp = coturn.listening(command(service), "UDP");
            boolean found = stun.find();
            int stunPort = found && stun.group(1) != null ? Integer.parseInt(stun.group(1)) : Coturn.DEFAULT_PORT;
            if (!found || !udp.contains(stunPort)) {
                problems.add(where + ": the healthcheck must ask coturn for a STUN binding on a UDP port it listens on " + udp
                        + " (turnutils_stunclient [-p PORT] 127.0.0.1), not " + check.path("test"));
            }
        }
    }

    /**
     * No container gets a capability back, but coturn: its image's turnserver carries NET_BIND_SERVICE as a file
     * capability, which must stay in the bounding set for the kernel to exec it (it is not raised: no-new-privileges).
     */
    private void capabilities(String where, JsonNode service) {
        Set<String> added = new TreeSet<>(strings(service.path("cap_add")));
        boolean coturnImage = Kustomize.nameOf(service.path("image").asText()).equals(Coturn.IMAGE);
        if (coturnImage && !added.equals(Set.of(Coturn.FILE_CAPABILITY))) {
            problems.add(where + ": cap_add: [" + Coturn.FILE_CAPABILITY + "], and only that: coturn's turnserver carries it as a file "
                    + "capability, and with it dropped the kernel refuses to exec turnserver (has " + added + ")");
        } else if (!coturnImage && !added.isEmpty()) {
            problems.add(where + ": cap_add " + added + ": no container here needs a capability back");
        }
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isValueNode()) {
            values.add(node.asText());
        }
        node.forEach(value -> values.add(value.asText()));
        return values;
    }

    /** Prosody's accounts, rooms and archives live on a named volume mounted at its data folder. */
    private void xmppData(JsonNode services) {
        services.fields().forEachRemaining(entry -> {
            if (!Kustomize.nameOf(entry.getValue().path("image").asText()).equals(Prosody.IMAGE)) {
                return;
            }
            String dataDir = prosody.effective("DISPATCH_XMPP_DATA_DIR", literalEnv(entry.getValue())).orElse("");
            boolean named = false;
            for (JsonNode volume : entry.getValue().path("volumes")) {
                String[] parts = volume.asText().split(":");
                named |= parts.length > 1 && compose.path("volumes").has(parts[0]) && parts[1].equals(dataDir);
            }
            if (!named) {
                problems.add(FILE + " services." + entry.getKey() + ": Prosody's data folder " + dataDir
                        + " (DISPATCH_XMPP_DATA_DIR) must be on a named volume");
            }
        });
    }

    private Set<String> dependsOn(String where, JsonNode service, JsonNode services) {
        Set<String> targets = new LinkedHashSet<>();
        JsonNode dependsOn = service.path("depends_on");
        if (dependsOn.isMissingNode()) {
            return targets;
        }
        if (!dependsOn.isObject()) {
            problems.add(where + ": depends_on must name each service with condition: service_healthy (a list starts without waiting)");
            return targets;
        }
        dependsOn.fields().forEachRemaining(entry -> {
            String target = entry.getKey();
            targets.add(target);
            if (!services.has(target)) {
                problems.add(where + ": depends_on " + target + ", which is not a service of " + FILE);
                return;
            }
            if (!entry.getValue().path("condition").asText().equals("service_healthy")) {
                problems.add(where + ": depends_on " + target + " must have condition: service_healthy");
            }
            if (services.path(target).path("healthcheck").isMissingNode()) {
                problems.add(where + ": depends_on " + target + ", which has no healthcheck to wait for");
            }
        });
        return targets;
    }

    private void ports(String where, String name, JsonNode service, Set<Published> published) {
        for (JsonNode port : service.path("ports")) {
            String text = Unit.literal(port);
            String protocol = "tcp";
            if (text != null && text.contains("/")) {
                protocol = text.substring(text.indexOf('/') + 1);
                text = text.substring(0, text.indexOf('/'));
            }
            String[] parts = text == null ? new String[0] : text.split(":");
            if (parts.length != 3 || !parts[0].equals("127.0.0.1") || !parts[1].matches("\\d+") || !parts[2].matches("\\d+")
                    || !(protocol.equals("tcp") || protocol.equals("udp"))) {
                problems.add(where + ": publish as \"127.0.0.1:HOST:CONTAINER\" or \"127.0.0.1:HOST:CONTAINER/udp\", not " + port);
                continue;
            }
            int container = Integer.parseInt(parts[2]);
            published.add(new Published(name, Integer.parseInt(parts[1]), protocol));
            Optional<Set<Integer>> listening = protocol.equals("udp") ? udpListening(name) : listening(name);
            if (listening.isPresent() && !listening.get().contains(container)) {
                problems.add(where + ": publishes container port " + container + "/" + protocol + ", but it listens on "
                        + protocol.toUpperCase() + " " + listening.get());
            }
        }
    }

    private void volumes(String where, JsonNode service) {
        for (JsonNode volume : service.path("volumes")) {
            String source = volume.asText().split(":")[0];
            if (source.startsWith(".") || source.startsWith("/")) {
                if (!Files.exists(Repo.path(source))) {
                    problems.add(where + ": bind mount " + source + " does not exist in the repository");
                }
            } else if (!compose.path("volumes").has(source)) {
                problems.add(where + ": volume " + source + " is not declared under volumes:");
            }
        }
        for (JsonNode config : service.path("configs")) {
            if (!compose.path("configs").has(config.path("source").asText())) {
                problems.add(where + ": config " + config.path("source").asText() + " is not declared under configs:");
            }
        }
        for (JsonNode secret : service.path("secrets")) {
            if (!compose.path("secrets").has(secret.path("source").asText())) {
                problems.add(where + ": secret " + secret.path("source").asText() + " is not declared under secrets:");
            }
        }
    }

    private Optional<Unit> role(String where, String name, JsonNode service) {
        String image = service.path("image").asText();
        Unit.Role role;
        String module = null;
        if (BrokerImage.is(image)) {
            role = Unit.Role.BROKER;
            brokerBuild(where, service);
            hardened(where, service);
        } else if (service.has("build")) {
            String dockerfile = service.path("build").path("dockerfile").asText();
            module = dockerfile.contains("/") ? dockerfile.substring(0, dockerfile.indexOf('/')) : "";
            role = Unit.Role.SERVICE;
            if (!Repo.SERVICES.contains(module) || !dockerfile.equals(module + "/src/main/docker/Dockerfile.jvm")) {
                problems.add(where + ": build.dockerfile " + dockerfile + " is not a service's src/main/docker/Dockerfile.jvm");
                return Optional.empty();
            }
            if (!service.path("build").path("context").asText().equals(".")) {
                problems.add(where + ": build.context must be the repository root (.), as the Dockerfiles expect");
            }
            if (!image.equals(Repo.image(module))) {
                problems.add(where + ": image " + image + ", expected " + Repo.image(module));
            }
            if (!name.equals(module)) {
                problems.add(where + ": name the service after its module " + module);
            }
            ServiceConfig config = configs.apply(module);
            String ready = "http://127.0.0.1:" + config.httpPort() + "/q/health/ready";
            if (!service.path("healthcheck").path("test").toString().contains(ready)) {
                problems.add(where + ": the healthcheck must ask " + ready);
            }
            hardened(where, service);
        } else if (Kustomize.nameOf(image).equals("postgres")) {
            role = Unit.Role.POSTGRES;
        } else if (Kustomize.nameOf(image).equals(Prosody.IMAGE)) {
            role = Unit.Role.XMPP;
            // Prosody needs no root (unlike the database's and the broker's images, which set up their data as root).
            hardened(where, service);
            nonRoot(where, service, "prosody");
        } else if (Kustomize.nameOf(image).equals(Coturn.IMAGE)) {
            role = Unit.Role.TURN;
            hardened(where, service);
            nonRoot(where, service, "nobody");
        } else if (Kustomize.nameOf(image).equals(Jaeger.IMAGE)) {
            role = Unit.Role.TRACES;
            hardened(where, service);
            nonRoot(where, service, "10001");
        } else {
            problems.add(where + ": image " + image + " is not a Dispatch service, postgres, " + BrokerImage.NAME + ", " + Prosody.IMAGE
                    + ", " + Coturn.IMAGE + " or " + Jaeger.IMAGE);
            return Optional.empty();
        }
        Map<String, JsonNode> env = new LinkedHashMap<>();
        JsonNode environment = service.path("environment");
        if (environment.isArray()) {
            problems.add(where + ": write environment as a mapping");
        }
        environment.fields().forEachRemaining(entry -> env.put(entry.getKey(), entry.getValue()));
        envFiles(where, service, env);
        Map<String, String> files = new TreeMap<>();
        // A config's or secret's file, as the repository names it (".dispatch/jwt/public.pem"), where it has one.
        for (String kind : List.of("configs", "secrets")) {
            service.path(kind).forEach(mounted -> {
                String source = mounted.path("source").asText();
                String file = compose.path(kind).path(source).path("file").asText("");
                String target = mounted.path("target").asText("/run/secrets/" + source);
                files.put(target, file.isEmpty() ? kind.substring(0, kind.length() - 1) + " " + source
                        : Repo.root().relativize(Repo.path(file)).toString());
            });
        }
        service.path("volumes").forEach(volume -> {
            String[] parts = volume.asText().split(":");
            if (parts.length > 1 && parts[0].startsWith(".")) {
                files.put(parts[1], Repo.root().relativize(Repo.path(parts[0])).toString());
            }
        });
        String command = role == Unit.Role.BROKER ? BrokerImage.command(command(service)) : command(service);
        return Optional.of(new Unit(where, module, role, env, files, command));
    }

    /** The broker is our image, built here from its Dockerfile (apache/artemis plus broker-security). */
    private void brokerBuild(String where, JsonNode service) {
        JsonNode build = service.path("build");
        if (!build.path("dockerfile").asText().equals(BrokerImage.DOCKERFILE) || !build.path("context").asText().equals(".")) {
            problems.add(where + ": build it with context . and dockerfile " + BrokerImage.DOCKERFILE + " (not " + build + ")");
        }
        if (!service.path("image").asText().equals(BrokerImage.image())) {
            problems.add(where + ": image " + service.path("image").asText() + ", expected " + BrokerImage.image());
        }
    }

    /** The file says which user a server runs as (not left to the image), and it is not root. */
    private void nonRoot(String where, JsonNode service, String imageUser) {
        String user = service.path("user").asText("");
        if (user.isEmpty() || user.equals("root") || user.equals("0") || user.startsWith("0:") || user.startsWith("root:")) {
            problems.add(where + ": user: must name a non-root user (the image's " + imageUser + "), not '" + user + "'");
        }
    }

    private void hardened(String where, JsonNode service) {
        if (!service.path("read_only").asBoolean(false) || !service.path("tmpfs").toString().contains("\"/tmp\"")) {
            problems.add(where + ": read_only: true with a tmpfs at /tmp");
        }
        if (!service.path("cap_drop").toString().contains("\"ALL\"")) {
            problems.add(where + ": cap_drop: [ALL]");
        }
    }

    /** Entrypoint and command as the container's shell sees them (Compose turns $$ into $). */
    private static String command(JsonNode service) {
        List<String> parts = new ArrayList<>();
        for (String field : List.of("entrypoint", "command")) {
            JsonNode value = service.path(field);
            if (value.isTextual()) {
                parts.add(value.asText());
            } else {
                value.forEach(part -> parts.add(part.asText()));
            }
        }
        return String.join(" ", parts).replace("$$", "$");
    }

    private static Map<String, String> literalEnv(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        service.path("environment").fields().forEachRemaining(entry -> {
            String value = Unit.literal(entry.getValue());
            if (value != null) {
                env.put(entry.getKey(), value);
            }
        });
        return env;
    }

    private Map<String, Integer> xmppPorts(JsonNode service) {
        Set<String> given = new TreeSet<>();
        service.path("environment").fieldNames().forEachRemaining(given::add);
        return prosody.listening(given, literalEnv(service));
    }

    /**
     * An env_file holds what must not be in the repository (a key): it is under .dispatch/ and made by
     * deploy/secrets.sh, whose {@code new_env_file} lines say which variables it holds; they join the environment.
     */
    private void envFiles(String where, JsonNode service, Map<String, JsonNode> env) {
        JsonNode files = service.path("env_file");
        List<String> paths = new ArrayList<>();
        if (files.isTextual()) {
            paths.add(files.asText());
        } else {
            files.forEach(file -> paths.add(file.asText()));
        }
        Map<String, Map<String, String>> made = SecretsScript.envFiles();
        for (String path : paths) {
            if (!path.startsWith("./.dispatch/")) {
                problems.add(where + ": env_file " + path + " must be under ./.dispatch/ (made on each machine, never committed)");
                continue;
            }
            Map<String, String> names = made.get(path);
            if (names == null) {
                problems.add(where + ": env_file " + path + " is not made by " + SecretsScript.FILE + " (new_env_file), "
                        + "which makes " + made.keySet());
                continue;
            }
            for (Map.Entry<String, String> name : names.entrySet()) {
                // value_file: what the script fills it from (two variables from the same one have the same value).
                ObjectNode source = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("env_file", path)
                        .put("value_file", name.getValue());
                if (env.put(name.getKey(), source) != null) {
                    problems.add(where + ": " + name.getKey() + " is set in environment and in env_file " + path);
                }
            }
        }
    }

    /** The UDP ports a compose service's container listens on: a service's CoAP server, by its environment; coturn's. */
    private Optional<Set<Integer>> udpListening(String host) {
        JsonNode service = compose.path("services").path(host);
        if (service.isMissingNode()) {
            return Optional.empty();
        }
        if (service.has("build") && Repo.SERVICES.contains(host)) {
            return Optional.of(new TreeSet<>(configs.apply(host).coapPorts(literalEnv(service)).values()));
        }
        if (Kustomize.nameOf(service.path("image").asText()).equals(Coturn.IMAGE)) {
            return Optional.of(coturn.listening(command(service), "UDP"));
        }
        return Optional.of(Set.of());
    }

    /** The ports published on the host, as the file says. */
    static Set<Published> published(JsonNode compose) {
        Set<Published> published = new TreeSet<>();
        compose.path("services").fields().forEachRemaining(entry -> entry.getValue().path("ports").forEach(port -> {
            String text = Unit.literal(port);
            if (text == null) {
                return;
            }
            String protocol = text.contains("/") ? text.substring(text.indexOf('/') + 1) : "tcp";
            String[] parts = (text.contains("/") ? text.substring(0, text.indexOf('/')) : text).split(":");
            if (parts.length == 3 && parts[1].matches("\\d+")) {
                published.add(new Published(entry.getKey(), Integer.parseInt(parts[1]), protocol));
            }
        }));
        return published;
    }

    /** The (TCP) ports a compose service's container listens on. */
    private Optional<Set<Integer>> listening(String host) {
        JsonNode service = compose.path("services").path(host);
        if (service.isMissingNode()) {
            return Optional.empty();
        }
        if (service.has("build") && Repo.SERVICES.contains(host)) {
            return Optional.of(Set.of(configs.apply(host).httpPort()));
        }
        String image = Kustomize.nameOf(service.path("image").asText());
        if (image.equals("postgres")) {
            return Optional.of(Set.of(Postgres.PORT));
        }
        if (image.equals(BrokerImage.NAME)) {
            return Optional.of(new TreeSet<>(BrokerConfig.read().acceptorPorts().values()));
        }
        if (image.equals(Prosody.IMAGE)) {
            return Optional.of(new TreeSet<>(xmppPorts(service).values()));
        }
        if (image.equals(Coturn.IMAGE)) {
            return Optional.of(coturn.listening(command(service), "TCP"));
        }
        if (image.equals(Jaeger.IMAGE)) {
            return Optional.of(new TreeSet<>(Jaeger.PORTS));
        }
        return Optional.of(Set.of());
    }

    static ObjectNode copy() {
        return (ObjectNode) Yaml.copy(read());
    }
}
