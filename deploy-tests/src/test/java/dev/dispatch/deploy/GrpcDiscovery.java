package dev.dispatch.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a service's gRPC clients really dial, read from its application.properties and the container's environment as
 * Quarkus and SmallRye Stork read them: a client with {@code quarkus.grpc.clients.<c>.name-resolver=stork} calls the
 * Stork service named by its {@code host}, whose {@code quarkus.stork.<s>.service-discovery.type} is {@code dns} (every
 * address of {@code hostname}, at {@code port}: a headless Service in Kubernetes, a Compose service's containers) or
 * {@code static} (its {@code address-list}, the local run); any other client dials its own {@code host} and {@code port}.
 * The services' own keys (DISPATCH_GRPC_DISCOVERY, DISPATCH_GRPC_&lt;SERVER&gt;_HOST, ...) feed those, through the
 * expressions of application.properties, which {@link ServiceConfig#effective} resolves.
 */
final class GrpcDiscovery {

    static final String STORK = "stork";
    static final String DNS = "dns";

    /**
     * One gRPC client's destination.
     *
     * @param client    the client's name (quarkus.grpc.clients.&lt;client&gt;)
     * @param stork     the Stork service it uses, or null without Stork
     * @param type      Stork's discovery type (dns, static, ...), or "direct" without Stork
     * @param authority the name the client's channel is for, which TLS checks the server's certificate against: the
     *                  client's override-authority, else its host (with Stork, the Stork service's name)
     * @param host      the name it resolves (dns, direct), or null for a static list
     * @param port      the port it dials there, as configured (may be unset or no number)
     * @param portKey   the key the port comes from, for messages
     */
    record Target(String client, String stork, String type, String authority, String host, String port, String portKey) {

        boolean dns() {
            return DNS.equals(type);
        }

        /** "DISPATCH_GRPC_... → host:port" for messages. */
        String describe() {
            return "gRPC client " + client + (stork == null ? "" : " (Stork service " + stork + ", " + type + ")") + " → " + host + ":" + port;
        }
    }

    private GrpcDiscovery() {
    }

    static String clientKey(String client, String key) {
        return "quarkus.grpc.clients." + client + "." + key;
    }

    static String storkKey(String service, String key) {
        return "quarkus.stork." + service + ".service-discovery." + key;
    }

    /** The destinations of every gRPC client of the service, in a container with this environment. */
    static List<Target> targets(ServiceConfig config, Map<String, String> env) {
        List<Target> targets = new ArrayList<>();
        for (String client : config.grpcClients()) {
            String host = config.effective(clientKey(client, "host"), env).orElse("");
            String authority = config.effective(clientKey(client, "override-authority"), env).orElse(host);
            boolean stork = STORK.equalsIgnoreCase(config.effective(clientKey(client, "name-resolver"), env).orElse(""));
            if (!stork) {
                targets.add(new Target(client, null, "direct", authority, host,
                        config.effective(clientKey(client, "port"), env).orElse(""), clientKey(client, "port")));
                continue;
            }
            String type = config.effective(storkKey(host, "type"), env).orElse("");
            if (type.equals(DNS)) {
                targets.add(new Target(client, host, type, authority, config.effective(storkKey(host, "hostname"), env).orElse(""),
                        config.effective(storkKey(host, "port"), env).orElse(""), storkKey(host, "port")));
            } else {
                targets.add(new Target(client, host, type, authority, null, "", storkKey(host, "address-list")));
            }
        }
        return targets;
    }

    /** The Stork services' keys that configure a client's destination, which DesignedPaths and EnvChecks leave to this class. */
    static boolean storkClientKey(ServiceConfig config, String key, Map<String, String> env) {
        for (Target target : targets(config, env)) {
            if (target.stork() != null && key.startsWith("quarkus.grpc.clients." + target.client() + ".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Which gRPC server each client calls (the stubs it is injected with: the gateway's OrderService, DeviceService and
     * SensorService, PaymentService, ChatService; order-service's PaymentService). {@link #check} holds it to the
     * clients the services' application.properties configure, so it cannot go stale.
     */
    static final Map<String, Map<String, String>> SERVERS = Map.of(
            "gateway", Map.of("orders", "order-service", "devices", "iot-ingest", "sensors", "iot-ingest", "payments", "payment-service",
                    "chat", "notification-service"),
            "order-service", Map.of("payments", "payment-service"));

    /** The names the certificate of a gRPC server carries (deploy/secrets.sh: its ClusterIP Service's names in the namespace). */
    static List<String> certificateNames(String module, String namespace) {
        return List.of(module, module + "." + namespace + ".svc", module + "." + namespace + ".svc.cluster.local");
    }

    /** The server a client of a module calls, if the module has that client. */
    static Optional<String> server(String module, String client) {
        return Optional.ofNullable(SERVERS.getOrDefault(module, Map.of()).get(client));
    }

    /** {@link #SERVERS} names exactly the gRPC clients each service configures. */
    static void check(java.util.function.Function<String, ServiceConfig> configs, List<String> problems) {
        for (String module : Repo.SERVICES) {
            java.util.Set<String> clients = configs.apply(module).grpcClients();
            java.util.Set<String> known = SERVERS.getOrDefault(module, Map.of()).keySet();
            if (!clients.equals(known)) {
                problems.add(module + " has the gRPC clients " + clients + " but GrpcDiscovery.SERVERS knows " + new java.util.TreeSet<>(known)
                        + ": say which server each one calls");
            }
        }
    }
}
