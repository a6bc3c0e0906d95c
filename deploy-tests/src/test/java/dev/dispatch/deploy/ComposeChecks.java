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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Cross-checks of docker-compose.yml: health checks and health-gated start order, published ports, volumes,
 * images and builds, hardening of the service containers, and (through {@link EnvChecks}) every environment.
 */
final class ComposeChecks {

    static final String FILE = "docker-compose.yml";

    /** What the host may reach: the gateway, notification-service's WebSocket/SSE, MQTT for devices. Nothing else. */
    static final Map<String, Integer> PUBLISHED = Map.of("gateway", 8080, "notification-service", 8083, "broker", 1883);

    private final JsonNode compose;
    private final List<String> problems = new ArrayList<>();

    private ComposeChecks(JsonNode compose) {
        this.compose = compose;
    }

    static JsonNode read() {
        return Yaml.document(Repo.read(FILE), FILE);
    }

    static List<String> problems(JsonNode compose) {
        ComposeChecks checks = new ComposeChecks(compose);
        checks.run();
        return checks.problems;
    }

    private void run() {
        JsonNode services = compose.path("services");
        Map<String, Set<String>> startsAfter = new LinkedHashMap<>();
        List<Unit> units = new ArrayList<>();
        Map<String, Integer> published = new TreeMap<>();
        services.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            JsonNode service = entry.getValue();
            String where = FILE + " services." + name;
            healthcheck(where, service);
            startsAfter.put(name, dependsOn(where, service, services));
            ports(where, name, service, published);
            volumes(where, service);
            role(where, name, service).ifPresent(units::add);
        });
        if (!published.equals(new TreeMap<>(PUBLISHED))) {
            problems.add(FILE + ": publishes " + published + "; only " + new TreeMap<>(PUBLISHED) + " may be reachable from the host");
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
        problems.addAll(EnvChecks.problems(units, this::listening));
    }

    private void healthcheck(String where, JsonNode service) {
        JsonNode check = service.path("healthcheck");
        if (check.isMissingNode() || check.path("disable").asBoolean(false) || check.path("test").isEmpty()
                || check.path("test").path(0).asText().equals("NONE")) {
            problems.add(where + ": no healthcheck");
        }
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

    private void ports(String where, String name, JsonNode service, Map<String, Integer> published) {
        for (JsonNode port : service.path("ports")) {
            String text = Unit.literal(port);
            String[] parts = text == null ? new String[0] : text.split(":");
            if (parts.length != 3 || !parts[0].equals("127.0.0.1")) {
                problems.add(where + ": publish as \"127.0.0.1:HOST:CONTAINER\", not " + port);
                continue;
            }
            int container = Integer.parseInt(parts[2]);
            published.put(name, Integer.parseInt(parts[1]));
            Optional<Set<Integer>> listening = listening(name);
            if (listening.isPresent() && !listening.get().contains(container)) {
                problems.add(where + ": publishes container port " + container + ", but it listens on " + listening.get());
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
    }

    private Optional<Unit> role(String where, String name, JsonNode service) {
        String image = service.path("image").asText();
        Unit.Role role;
        String module = null;
        if (service.has("build")) {
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
            ServiceConfig config = ServiceConfig.of(module);
            String ready = "http://127.0.0.1:" + config.httpPort() + "/q/health/ready";
            if (!service.path("healthcheck").path("test").toString().contains(ready)) {
                problems.add(where + ": the healthcheck must ask " + ready);
            }
            if (!service.path("read_only").asBoolean(false) || !service.path("tmpfs").toString().contains("\"/tmp\"")) {
                problems.add(where + ": read_only: true with a tmpfs at /tmp");
            }
            if (!service.path("cap_drop").toString().contains("\"ALL\"")) {
                problems.add(where + ": cap_drop: [ALL]");
            }
        } else if (Kustomize.nameOf(image).equals("postgres")) {
            role = Unit.Role.POSTGRES;
        } else if (Kustomize.nameOf(image).equals("apache/artemis")) {
            role = Unit.Role.BROKER;
        } else {
            problems.add(where + ": image " + image + " is not a Dispatch service, postgres or apache/artemis");
            return Optional.empty();
        }
        Map<String, JsonNode> env = new LinkedHashMap<>();
        JsonNode environment = service.path("environment");
        if (environment.isArray()) {
            problems.add(where + ": write environment as a mapping");
        }
        environment.fields().forEachRemaining(entry -> env.put(entry.getKey(), entry.getValue()));
        Set<String> files = new TreeSet<>();
        service.path("configs").forEach(config -> files.add(config.path("target").asText()));
        service.path("volumes").forEach(volume -> {
            String[] parts = volume.asText().split(":");
            if (parts.length > 1 && parts[0].startsWith(".")) {
                files.add(parts[1]);
            }
        });
        return Optional.of(new Unit(where, module, role, env, files));
    }

    /** The ports a compose service's container listens on. */
    private Optional<Set<Integer>> listening(String host) {
        JsonNode service = compose.path("services").path(host);
        if (service.isMissingNode()) {
            return Optional.empty();
        }
        if (service.has("build") && Repo.SERVICES.contains(host)) {
            return Optional.of(Set.of(ServiceConfig.of(host).httpPort()));
        }
        String image = Kustomize.nameOf(service.path("image").asText());
        if (image.equals("postgres")) {
            return Optional.of(Set.of(Postgres.PORT));
        }
        if (image.equals("apache/artemis")) {
            return Optional.of(new TreeSet<>(BrokerConfig.read().acceptorPorts().values()));
        }
        return Optional.of(Set.of());
    }

    static ObjectNode copy() {
        return (ObjectNode) Yaml.copy(read());
    }
}
