package dev.dispatch.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * The connections the system is designed to make inside the cluster, read from the manifests themselves, so that a
 * dependency added to a workload is a path its network policies must allow:
 *
 * <ul>
 * <li>each gRPC client that finds its servers by Stork's DNS discovery: the discovery's hostname (a headless Service) and
 * port ({@link GrpcDiscovery});</li>
 * <li>each other client a service is pointed at: a configuration key {@code <prefix>.host} whose value in the container (its
 * environment, else application.properties, expressions resolved) names a Service of the manifests, with the ports of
 * that prefix ({@code <prefix>...port}; not test or public ports): QUARKUS_GRPC_CLIENTS_ORDERS_HOST/_PORT,
 * DISPATCH_DB_HOST/_PORT, DISPATCH_BROKER_HOST/_AMQP_PORT, DISPATCH_XMPP_HOST/_C2S_PORT, ...;</li>
 * <li>the traces' exporter of a service that exports: the host and port of its OTLP endpoint URL
 * (QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT=http://jaeger:4317), where it names a Service;</li>
 * <li>each target a wait-for-dependencies init container connects to (WAIT_FOR="postgres:5432 broker:5672");</li>
 * <li>the broker's device-login URL (DISPATCH_BROKER_DEVICE_LOGINS_URL=http://iot-ingest:8084/...): its host and port.</li>
 * </ul>
 *
 * A Service port leads to the container port it targets on the workloads it selects: a path is workload to workload
 * and container port. A few port keys are configured but never dialled ({@link #NOT_DIALLED}); each must say why.
 */
final class DesignedPaths {

    /** A connection from one workload's pods to another's container port. */
    record Path(String from, String to, int port, String protocol) implements Comparable<Path> {

        @Override
        public String toString() {
            return from + " → " + to + ":" + port + "/" + protocol;
        }

        @Override
        public int compareTo(Path other) {
            return toString().compareTo(other.toString());
        }
    }

    /**
     * Port keys a service is given (the check that a host's ports are served makes the deployment set them) but never
     * connects to, by module, with the reason. An exception must stay true: its key exists, its host names a Service,
     * and no other key of the service's configuration feeds it to a client (${key}).
     */
    static final Map<String, Map<String, String>> NOT_DIALLED = Map.of(
            "order-service", Map.of("dispatch.broker.mqtt-port",
                    "order-service has no MQTT client (AMQP only); the key belongs to the broker settings every service shares"),
            "notification-service", Map.of(
                    "dispatch.broker.mqtt-port",
                    "notification-service has no MQTT client (AMQP only); the key belongs to the broker settings every service shares",
                    "dispatch.xmpp.http-port",
                    "handed to browsers (XMPP over WebSocket, ChatService), never dialled by notification-service"));

    private final List<ObjectNode> objects;
    private final Function<String, ServiceConfig> configs;
    private final Map<Path, Set<String>> paths = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();
    private final Set<String> exceptionsUsed = new TreeSet<>();

    private DesignedPaths(List<ObjectNode> objects, Function<String, ServiceConfig> configs) {
        this.objects = objects;
        this.configs = configs;
    }

    /** The designed paths, each with what in the manifests makes it one. */
    static Map<Path, Set<String>> of(List<ObjectNode> objects, Function<String, ServiceConfig> configs, List<String> problems) {
        DesignedPaths designed = new DesignedPaths(objects, configs);
        designed.derive();
        problems.addAll(designed.problems);
        return designed.paths;
    }

    private void derive() {
        for (ObjectNode workload : workloads(objects)) {
            String name = workload.path("metadata").path("name").asText();
            JsonNode pod = workload.path("spec").path("template").path("spec");
            for (JsonNode container : pod.path("containers")) {
                String image = Kustomize.nameOf(container.path("image").asText());
                if (image.startsWith("dispatch/") && Repo.SERVICES.contains(image.substring("dispatch/".length()))) {
                    clients(name, image.substring("dispatch/".length()), container);
                } else if (BrokerImage.is(image)) {
                    deviceLogins(name, container);
                }
            }
            for (JsonNode init : pod.path("initContainers")) {
                for (JsonNode variable : init.path("env")) {
                    if (variable.path("name").asText().equals("WAIT_FOR")) {
                        for (String target : variable.path("value").asText().trim().split("\\s+")) {
                            int colon = target.lastIndexOf(':');
                            if (colon > 0 && target.substring(colon + 1).matches("\\d+")) {
                                add(name, target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)),
                                        init.path("name").asText() + " waits for " + target);
                            }
                        }
                    }
                }
            }
        }
        NOT_DIALLED.forEach((module, keys) -> keys.keySet().forEach(key -> {
            if (!exceptionsUsed.contains(module + " " + key) && objects.stream().anyMatch(o -> runs(o, module))) {
                problems.add("DesignedPaths.NOT_DIALLED: " + module + " " + key + " is no port of a host " + module
                        + " is pointed at any more: remove the exception");
            }
        }));
    }

    /** The clients of one service container: host keys naming a Service, and the ports of the same prefix. */
    private void clients(String workload, String module, JsonNode container) {
        ServiceConfig config = configs.apply(module);
        Map<String, String> env = new LinkedHashMap<>();
        container.path("env").forEach(v -> {
            if (v.has("value")) {
                env.put(v.path("name").asText(), v.path("value").asText());
            }
        });
        // A gRPC client that finds its servers through Stork's DNS discovery dials the addresses of that name (a headless
        // Service: each ready pod) at the discovery's port; its own host is only the Stork service's name.
        for (GrpcDiscovery.Target target : GrpcDiscovery.targets(config, env)) {
            if (target.dns() && target.port().matches("\\d+") && service(target.host()).isPresent()) {
                add(workload, target.host(), Integer.parseInt(target.port()), target.describe());
            }
        }
        for (String key : config.keys()) {
            if (!key.endsWith(".host") || GrpcDiscovery.storkClientKey(config, key, env)) {
                continue;
            }
            Optional<String> host = config.effective(key, env);
            if (host.isEmpty() || service(host.get()).isEmpty()) {
                continue; // the local machine, or a name no Service has (EnvChecks reports that one)
            }
            String prefix = key.substring(0, key.length() - "host".length());
            for (String portKey : config.keys()) {
                if (!portKey.startsWith(prefix) || !portKey.endsWith("port") || portKey.contains("test-port") || portKey.contains("public")) {
                    continue;
                }
                String reason = NOT_DIALLED.getOrDefault(module, Map.of()).get(portKey);
                if (reason != null) {
                    exceptionsUsed.add(module + " " + portKey);
                    if (config.defaults().values().stream().anyMatch(value -> value.contains("${" + portKey + "}"))) {
                        problems.add("DesignedPaths.NOT_DIALLED: " + module + " " + portKey + " is said never to be dialled (" + reason
                                + "), but a key of its application.properties uses ${" + portKey + "}");
                    }
                    continue;
                }
                Optional<String> port = config.effective(portKey, env);
                if (port.isPresent() && port.get().matches("\\d+")) {
                    add(workload, host.get(), Integer.parseInt(port.get()), ServiceConfig.envName(key) + "=" + host.get() + ", "
                            + ServiceConfig.envName(portKey) + "=" + port.get());
                }
            }
        }
        // The traces' exporter is given a URL, not a host key: its host and port.
        if (Jaeger.exports(config, env)) {
            Jaeger.endpoint(config, env).ifPresent(url -> Jaeger.address(url).filter(address -> service(address.getKey()).isPresent())
                    .ifPresent(address -> add(workload, address.getKey(), address.getValue(), ServiceConfig.envName(Jaeger.ENDPOINT) + "=" + url)));
        }
    }

    /** The broker's one client: its login module asks iot-ingest about device logins (DISPATCH_BROKER_DEVICE_LOGINS_URL). */
    private void deviceLogins(String workload, JsonNode container) {
        String variable = BrokerImage.urlVariable();
        container.path("env").forEach(v -> {
            if (v.path("name").asText().equals(variable) && v.has("value")) {
                BrokerImage.address(v.path("value").asText()).ifPresent(url -> add(workload, url.group(1), Integer.parseInt(url.group(2)),
                        variable + "=" + v.path("value").asText()));
            }
        });
    }

    /** host:port as a client dials it (TCP): the Service's port, to the container port it targets on each selected workload. */
    private void add(String from, String host, int number, String reason) {
        Optional<ObjectNode> service = service(host);
        if (service.isEmpty()) {
            return; // ManifestChecks reports a wait or a host that no Service serves
        }
        for (JsonNode port : service.get().path("spec").path("ports")) {
            if (port.path("port").asInt() != number || !ManifestChecks.protocol(port).equals("TCP")) {
                continue;
            }
            JsonNode target = port.has("targetPort") ? port.get("targetPort") : port.get("port");
            for (ObjectNode workload : selected(service.get())) {
                containerPort(workload, target, "TCP").ifPresent(containerPort -> paths
                        .computeIfAbsent(new Path(from, workload.path("metadata").path("name").asText(), containerPort, "TCP"),
                                k -> new TreeSet<>())
                        .add(reason));
            }
        }
    }

    private Optional<ObjectNode> service(String name) {
        return objects.stream().filter(o -> o.path("kind").asText().equals("Service") && o.path("metadata").path("name").asText().equals(name))
                .findFirst();
    }

    private List<ObjectNode> selected(ObjectNode service) {
        JsonNode selector = service.path("spec").path("selector");
        return workloads(objects).stream().filter(w -> !selector.isEmpty()
                && NetworkPolicies.selects(objectSelector(selector), NetworkPolicies.labels(w.at("/spec/template/metadata/labels")))).toList();
    }

    /** A Service's selector is a plain label map: as a LabelSelector, its matchLabels. */
    private static JsonNode objectSelector(JsonNode selector) {
        ObjectNode labelSelector = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        labelSelector.set("matchLabels", selector);
        return labelSelector;
    }

    /** The number of the container port a Service's targetPort (number or name) leads to, with this protocol. */
    static Optional<Integer> containerPort(ObjectNode workload, JsonNode target, String protocol) {
        for (JsonNode container : workload.at("/spec/template/spec/containers")) {
            for (JsonNode port : container.path("ports")) {
                boolean same = target.isInt() ? port.path("containerPort").asInt() == target.asInt()
                        : port.path("name").asText().equals(target.asText());
                if (same && ManifestChecks.protocol(port).equals(protocol)) {
                    return Optional.of(port.path("containerPort").asInt());
                }
            }
        }
        return Optional.empty();
    }

    static List<ObjectNode> workloads(List<ObjectNode> objects) {
        return objects.stream().filter(o -> Set.of("Deployment", "StatefulSet").contains(o.path("kind").asText())).toList();
    }

    private static boolean runs(ObjectNode object, String module) {
        for (JsonNode container : object.at("/spec/template/spec/containers")) {
            if (Kustomize.nameOf(container.path("image").asText()).equals("dispatch/" + module)) {
                return true;
            }
        }
        return false;
    }
}
