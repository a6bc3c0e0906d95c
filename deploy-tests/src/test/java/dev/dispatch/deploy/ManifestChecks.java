package dev.dispatch.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Cross-checks of rendered Kubernetes manifests against each other and against the code: selectors, ports,
 * probes, references to ConfigMaps and Secrets, hardening, replicas and disruption budgets, and (through
 * {@link EnvChecks}) every container's environment.
 */
final class ManifestChecks {

    /**
     * The services that are correct with several replicas, and so run with them, each scaled by a HorizontalPodAutoscaler
     * on CPU (iot-ingest too: its replicas share the devices' MQTT subscription, each with a client id of its own).
     */
    static final Set<String> REPLICATED = Set.of("gateway", "order-service", "payment-service", "notification-service", "web", "iot-ingest");

    private static final Set<String> PULL_POLICIES = Set.of("Always", "IfNotPresent", "Never");

    private final List<ObjectNode> objects;
    private final Function<String, ServiceConfig> configs;
    private final Prosody prosody = Prosody.read();
    private final Coturn coturn = Coturn.read();
    private final List<String> problems = new ArrayList<>();

    private ManifestChecks(List<ObjectNode> objects, Function<String, ServiceConfig> configs) {
        this.objects = objects;
        this.configs = configs;
    }

    static List<String> problems(List<ObjectNode> objects) {
        return problems(objects, ServiceConfig::of);
    }

    /** With the services' configurations from {@code configs} (tests give one a key it does not have yet). */
    static List<String> problems(List<ObjectNode> objects, Function<String, ServiceConfig> configs) {
        ManifestChecks checks = new ManifestChecks(objects, configs);
        checks.run();
        return checks.problems;
    }

    private void run() {
        namespaces();
        List<ObjectNode> workloads = ofKind("Deployment", "StatefulSet");
        for (ObjectNode workload : workloads) {
            workload(workload);
        }
        for (ObjectNode service : ofKind("Service")) {
            service(service, workloads);
        }
        disruptionBudgets(workloads);
        ScalingChecks.check(objects, workloads, configs, problems);
        GrpcDiscovery.check(configs, problems);
        secrets();
        List<Unit> units = new ArrayList<>();
        for (ObjectNode workload : workloads) {
            for (JsonNode container : podSpec(workload).path("containers")) {
                unit(workload, container).ifPresent(units::add);
            }
        }
        problems.addAll(EnvChecks.problems(units, new EnvChecks.Network() {
            @Override
            public Optional<Set<Integer>> ports(String host) {
                return listening(host);
            }

            @Override
            public boolean xmpp(String host) {
                return named("Service", host).map(service -> selectedWorkloads(service, workloads)).orElse(List.of()).stream()
                        .anyMatch(workload -> xmppContainer(workload).isPresent());
            }

            @Override
            public boolean turn(String name) {
                return workloads.stream().filter(workload -> workload.path("metadata").path("name").asText().equals(name))
                        .anyMatch(workload -> turnContainer(workload).isPresent());
            }

            @Override
            public boolean jaeger(String host) {
                return named("Service", host).map(service -> selectedWorkloads(service, workloads)).orElse(List.of()).stream()
                        .anyMatch(workload -> podSpec(workload).path("containers").findValues("image").stream()
                                .anyMatch(image -> Kustomize.nameOf(image.asText()).equals(Jaeger.IMAGE)));
            }

            @Override
            public boolean runs(String host, String module) {
                return named("Service", host).map(service -> selectedWorkloads(service, workloads)).orElse(List.of()).stream()
                        .anyMatch(workload -> podSpec(workload).path("containers").findValues("image").stream()
                                .anyMatch(image -> Kustomize.nameOf(image.asText()).equals("dispatch/" + module)));
            }

            @Override
            public Map<Integer, String> fromHost(String protocol) {
                return reachedFromHost(workloads, protocol.toUpperCase());
            }
        }, configs));
        GrpcTls.check(units, configs, problems);
        waits(workloads);
    }

    /**
     * No Secret is written in the manifests: each is generated (secretGenerator) from files of the overlay's secrets
     * folder, which deploy/secrets.sh makes on the user's machine.
     */
    private void secrets() {
        for (ObjectNode secret : ofKind("Secret")) {
            JsonNode files = secret.path("x-files");
            secret.path("data").fieldNames().forEachRemaining(key -> {
                String file = files.path(key).asText("");
                String prefix = Overlay.DIRECTORY + "/secrets/";
                if (file.isEmpty()) {
                    problems.add(where(secret) + ": key " + key + " is written in the repository; generate it from a file that "
                            + SecretsScript.FILE + " makes (secretGenerator files: " + key + "=secrets/...)");
                } else if (!file.startsWith(prefix) || !SecretsScript.writesKindSecret(file.substring(prefix.length()))) {
                    problems.add(where(secret) + ": key " + key + " comes from " + file + ", which " + SecretsScript.FILE
                            + " does not make (new_password/new_key \"$KIND_SECRETS/...\")");
                }
            });
        }
    }

    private void namespaces() {
        Set<String> namespaces = new TreeSet<>();
        for (ObjectNode object : objects) {
            if (!object.path("kind").asText().equals("Namespace")) {
                namespaces.add(object.path("metadata").path("namespace").asText("(none)"));
            }
        }
        if (namespaces.size() != 1) {
            problems.add("every object must be in the one namespace of the deployment, found " + namespaces);
            return;
        }
        String namespace = namespaces.iterator().next();
        if (ofKind("Namespace").stream().noneMatch(ns -> ns.path("metadata").path("name").asText().equals(namespace))) {
            problems.add("the namespace " + namespace + " is not created by the manifests");
        }
    }

    private void workload(ObjectNode workload) {
        String where = where(workload);
        JsonNode spec = workload.path("spec");
        JsonNode pod = podSpec(workload);
        JsonNode templateLabels = spec.path("template").path("metadata").path("labels");
        JsonNode selector = spec.path("selector").path("matchLabels");
        if (selector.isEmpty() || !selects(selector, templateLabels)) {
            problems.add(where + ": selector " + selector + " does not match its pod template's labels " + templateLabels);
        }
        String name = workload.path("metadata").path("name").asText();
        int replicas = spec.path("replicas").asInt(1);
        if (REPLICATED.contains(name) && replicas < 2) {
            problems.add(where + ": " + name + " is correct with replicas and must run more than one (replicas " + replicas + ")");
        }
        if (workload.path("kind").asText().equals("StatefulSet")) {
            String serviceName = spec.path("serviceName").asText();
            Optional<ObjectNode> governing = named("Service", serviceName);
            if (governing.isEmpty() || !governing.get().path("spec").path("clusterIP").asText().equals("None")) {
                problems.add(where + ": serviceName " + serviceName + " is not a headless Service of the manifests");
            }
            // A server's StatefulSet keeps data; a Dispatch service keeps its data in PostgreSQL and is one for its pods'
            // stable names only (iot-ingest: each pod's name is its MQTT client id).
            if (spec.path("volumeClaimTemplates").isEmpty() && !runsService(workload)) {
                problems.add(where + ": a StatefulSet here keeps data: it needs a volumeClaimTemplate");
            }
        }
        // Hardening: what the namespace's restricted Pod Security level demands, and a read-only root.
        JsonNode security = pod.path("securityContext");
        if (!security.path("runAsNonRoot").asBoolean(false)) {
            problems.add(where + ": pod securityContext.runAsNonRoot must be true");
        }
        if (!security.path("seccompProfile").path("type").asText().equals("RuntimeDefault")) {
            problems.add(where + ": pod securityContext.seccompProfile.type must be RuntimeDefault");
        }
        if (pod.path("automountServiceAccountToken").asBoolean(true)) {
            problems.add(where + ": automountServiceAccountToken must be false (nothing here talks to the API server)");
        }
        Set<String> volumes = new LinkedHashSet<>();
        pod.path("volumes").forEach(volume -> volumes.add(volume.path("name").asText()));
        spec.path("volumeClaimTemplates").forEach(claim -> volumes.add(claim.path("metadata").path("name").asText()));
        for (JsonNode volume : pod.path("volumes")) {
            reference(where + " volume " + volume.path("name").asText(), volume);
        }
        for (String list : List.of("initContainers", "containers")) {
            for (JsonNode container : pod.path(list)) {
                container(workload, container, list.equals("initContainers"), volumes);
            }
        }
    }

    private void container(ObjectNode workload, JsonNode container, boolean init, Set<String> volumes) {
        String where = where(workload) + " container " + container.path("name").asText();
        JsonNode security = container.path("securityContext");
        if (!security.path("allowPrivilegeEscalation").isBoolean() || security.path("allowPrivilegeEscalation").asBoolean()) {
            problems.add(where + ": securityContext.allowPrivilegeEscalation must be false");
        }
        if (!security.path("readOnlyRootFilesystem").asBoolean(false)) {
            problems.add(where + ": securityContext.readOnlyRootFilesystem must be true");
        }
        if (!security.path("capabilities").path("drop").toString().contains("\"ALL\"")) {
            problems.add(where + ": securityContext.capabilities.drop must contain ALL");
        }
        // Nothing gets a capability back but coturn, whose turnserver carries NET_BIND_SERVICE as a file capability: gone
        // from the bounding set, the kernel refuses to exec it (it is not raised: allowPrivilegeEscalation is false).
        Set<String> added = new TreeSet<>();
        security.path("capabilities").path("add").forEach(capability -> added.add(capability.asText()));
        boolean coturnImage = Kustomize.nameOf(container.path("image").asText()).equals(Coturn.IMAGE);
        if (coturnImage && !init && !added.equals(Set.of(Coturn.FILE_CAPABILITY))) {
            problems.add(where + ": securityContext.capabilities.add must be [" + Coturn.FILE_CAPABILITY + "], and only that: coturn's "
                    + "turnserver carries it as a file capability, and with it dropped the kernel refuses to exec turnserver (has " + added + ")");
        } else if (!coturnImage && !added.isEmpty()) {
            problems.add(where + ": securityContext.capabilities.add " + added + ": no container here needs a capability back");
        }
        for (String bound : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                if (!container.path("resources").path(bound).has(resource)) {
                    problems.add(where + ": resources." + bound + "." + resource + " is missing");
                }
            }
        }
        if (!PULL_POLICIES.contains(container.path("imagePullPolicy").asText())) {
            problems.add(where + ": imagePullPolicy must be one of " + PULL_POLICIES);
        }
        if (container.path("imagePullPolicy").asText().equals("Never") && !container.path("image").asText().startsWith("dispatch/")) {
            // Only our own images are loaded into the cluster (kind load); a public one is pulled or never there.
            problems.add(where + ": imagePullPolicy Never for " + container.path("image").asText() + ", which is not loaded into the "
                    + "cluster: only the dispatch/ images are");
        }
        for (JsonNode mount : container.path("volumeMounts")) {
            if (!volumes.contains(mount.path("name").asText())) {
                problems.add(where + ": volumeMount " + mount.path("name").asText() + " names no volume of the pod " + volumes);
            }
        }
        for (JsonNode variable : container.path("env")) {
            if (variable.has("valueFrom")) {
                reference(where + " env " + variable.path("name").asText(), variable.get("valueFrom"));
            }
        }
        if (init) {
            return;
        }
        boolean tmp = false;
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals("/tmp")) {
                tmp = podVolume(workload, mount.path("name").asText()).map(volume -> volume.has("emptyDir")).orElse(false);
            }
        }
        if (!tmp) {
            problems.add(where + ": the root file system is read-only: mount an emptyDir at /tmp");
        }
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            JsonNode handler = container.path(probe);
            if (handler.isMissingNode()) {
                problems.add(where + ": no " + probe);
                continue;
            }
            JsonNode port = handler.has("httpGet") ? handler.path("httpGet").path("port")
                    : handler.has("tcpSocket") ? handler.path("tcpSocket").path("port") : null;
            if (port != null && containerPort(container, port).isEmpty()) {
                problems.add(where + ": " + probe + " port " + port + " is not a port of the container");
            }
        }
        String image = container.path("image").asText();
        if (BrokerImage.is(image)) {
            Set<Integer> acceptors = new TreeSet<>(BrokerConfig.read().acceptorPorts().values());
            container.path("ports").forEach(port -> {
                if (!acceptors.contains(port.path("containerPort").asInt())) {
                    problems.add(where + ": containerPort " + port.path("containerPort") + " is no acceptor of "
                            + BrokerConfig.FILE + " " + acceptors);
                }
            });
        } else if (image.startsWith("dispatch/")) {
            String module = Kustomize.nameOf(image).substring("dispatch/".length());
            if (!Repo.SERVICES.contains(module)) {
                problems.add(where + ": image " + image + " is not one of the services " + Repo.SERVICES);
                return;
            }
            ServiceConfig config = configs.apply(module);
            if (!config.health()) {
                problems.add(where + ": " + module + " has no quarkus-smallrye-health, so no /q/health endpoints");
            }
            Map<String, String> paths = Map.of("startupProbe", "/q/health/started", "livenessProbe", "/q/health/live",
                    "readinessProbe", "/q/health/ready");
            paths.forEach((probe, path) -> {
                String actual = container.path(probe).path("httpGet").path("path").asText();
                if (!actual.equals(path)) {
                    problems.add(where + ": " + probe + " must GET " + path + ", not '" + actual + "'");
                }
            });
            // HTTP and gRPC on quarkus.http.port (TCP); a CoAP server's UDP ports (coaps, and coap when enabled).
            Map<String, String> env = literalEnv(container);
            Set<String> ports = new TreeSet<>();
            container.path("ports").forEach(port -> ports.add(port.path("containerPort").asInt() + "/" + protocol(port)));
            Set<String> listens = new TreeSet<>();
            listens.add(config.httpPort() + "/TCP");
            GrpcTls.port(config, env).ifPresent(port -> listens.add(port + "/TCP"));
            config.coapPorts(env).values().forEach(port -> listens.add(port + "/UDP"));
            if (!ports.equals(listens)) {
                problems.add(where + ": containerPorts " + ports + " but " + module + " listens on " + listens + " (quarkus.http.port="
                        + config.httpPort() + ": HTTP and gRPC" + GrpcTls.port(config, env).map(port -> "; " + GrpcTls.SSL_PORT + "=" + port
                        + ": the same with TLS").orElse("") + (config.coap() ? "; CoAP " + config.coapPorts(env) : "") + ")");
            }
            if (config.coap() && config.coapPlainEnabled(env)) {
                problems.add(where + ": plain coap must be off in Kubernetes (set DISPATCH_COAP_PLAIN_ENABLED to \"false\"): "
                        + "sensors reach " + module + " over coaps only");
            }
        } else if (Kustomize.nameOf(image).equals(Prosody.IMAGE)) {
            xmpp(workload, container, where);
        } else if (Kustomize.nameOf(image).equals(Coturn.IMAGE)) {
            Set<String> ports = new TreeSet<>();
            container.path("ports").forEach(port -> ports.add(port.path("containerPort").asInt() + "/" + protocol(port)));
            Set<String> listening = Coturn.arguments(commandLine(container)).map(Coturn::options).map(coturn::listening).orElse(Set.of());
            if (!ports.equals(listening)) {
                problems.add(where + ": containerPorts " + ports + " but coturn listens on " + listening + " (--" + Coturn.LISTENING_PORT
                        + ", default " + Coturn.DEFAULT_PORT + ", on UDP and TCP; " + Coturn.FILE + ")");
            }
        } else if (Kustomize.nameOf(image).equals(Jaeger.IMAGE)) {
            container.path("ports").forEach(port -> {
                if (!Jaeger.PORTS.contains(port.path("containerPort").asInt()) || !protocol(port).equals("TCP")) {
                    problems.add(where + ": containerPort " + port.path("containerPort") + "/" + protocol(port) + " is none that Jaeger "
                            + "serves here " + new TreeSet<>(Jaeger.PORTS) + " (TCP)");
                }
            });
        } else if (Kustomize.nameOf(image).equals("postgres")) {
            container.path("ports").forEach(port -> {
                if (port.path("containerPort").asInt() != Postgres.PORT) {
                    problems.add(where + ": PostgreSQL listens on " + Postgres.PORT + ", not " + port.path("containerPort"));
                }
            });
        }
    }

    /**
     * Prosody's container ports are its listeners, named as such (c2s, http, component: the Service targets them by
     * name), with the numbers its environment gives prosody.cfg.lua; its data folder is the StatefulSet's volume.
     */
    private void xmpp(ObjectNode workload, JsonNode container, String where) {
        Set<String> given = new TreeSet<>();
        container.path("env").forEach(variable -> given.add(variable.path("name").asText()));
        Map<String, Integer> listening = prosody.listening(given, literalEnv(container));
        Map<String, Integer> declared = new TreeMap<>();
        container.path("ports").forEach(port -> declared.put(port.path("name").asText() + (protocol(port).equals("TCP") ? "" : "/"
                + protocol(port)), port.path("containerPort").asInt()));
        if (!declared.equals(new TreeMap<>(listening))) {
            problems.add(where + ": containerPorts " + declared + " but Prosody listens on " + new TreeMap<>(listening) + " (TCP; "
                    + Prosody.PORT_VARIABLES.values().stream().sorted().toList() + " and " + Prosody.COMPONENT_SECRET + " read by "
                    + Prosody.FILE + ")");
        }
        String dataDir = prosody.effective("DISPATCH_XMPP_DATA_DIR", literalEnv(container)).orElse("");
        Set<String> claims = new TreeSet<>();
        workload.path("spec").path("volumeClaimTemplates").forEach(claim -> claims.add(claim.path("metadata").path("name").asText()));
        boolean persistent = false;
        for (JsonNode mount : container.path("volumeMounts")) {
            persistent |= mount.path("mountPath").asText().equals(dataDir) && claims.contains(mount.path("name").asText());
        }
        if (!persistent) {
            problems.add(where + ": Prosody's data folder " + dataDir + " (DISPATCH_XMPP_DATA_DIR) must be a volumeClaimTemplate's mount");
        }
    }

    private static Optional<JsonNode> turnContainer(ObjectNode workload) {
        for (JsonNode container : podSpec(workload).path("containers")) {
            if (Kustomize.nameOf(container.path("image").asText()).equals(Coturn.IMAGE)) {
                return Optional.of(container);
            }
        }
        return Optional.empty();
    }

    /** A container's command and arguments as one line (Kubernetes expands $(NAME) in them, no shell). */
    private static String commandLine(JsonNode container) {
        List<String> command = new ArrayList<>();
        container.path("command").forEach(part -> command.add(part.asText()));
        container.path("args").forEach(part -> command.add(part.asText()));
        return String.join(" ", command);
    }

    private static Optional<JsonNode> xmppContainer(ObjectNode workload) {
        for (JsonNode container : podSpec(workload).path("containers")) {
            if (Kustomize.nameOf(container.path("image").asText()).equals(Prosody.IMAGE)) {
                return Optional.of(container);
            }
        }
        return Optional.empty();
    }

    /** A reference to a ConfigMap or Secret (an env valueFrom or a volume) must name one that exists, with the key. */
    private void reference(String where, JsonNode source) {
        for (String[] kind : new String[][] {{"configMapKeyRef", "ConfigMap", "name"}, {"secretKeyRef", "Secret", "name"},
                {"configMap", "ConfigMap", "name"}, {"secret", "Secret", "secretName"}}) {
            JsonNode ref = source.path(kind[0]);
            if (ref.isMissingNode()) {
                continue;
            }
            String name = ref.path(kind[2]).asText();
            Optional<ObjectNode> target = named(kind[1], name);
            if (target.isEmpty()) {
                problems.add(where + ": " + kind[1] + " " + name + " is not in the manifests");
                continue;
            }
            List<String> keys = new ArrayList<>();
            if (ref.has("key")) {
                keys.add(ref.get("key").asText());
            }
            ref.path("items").forEach(item -> keys.add(item.path("key").asText()));
            for (String key : keys) {
                if (!target.get().path("data").has(key)) {
                    problems.add(where + ": " + kind[1] + " " + name + " has no key " + key);
                }
            }
        }
    }

    private void service(ObjectNode service, List<ObjectNode> workloads) {
        String where = where(service);
        JsonNode selector = service.path("spec").path("selector");
        List<ObjectNode> selected = workloads.stream()
                .filter(workload -> !selector.isEmpty() && selects(selector, workload.path("spec").path("template").path("metadata").path("labels")))
                .toList();
        if (selected.isEmpty()) {
            problems.add(where + ": selector " + selector + " matches no Deployment or StatefulSet");
            return;
        }
        for (JsonNode port : service.path("spec").path("ports")) {
            JsonNode target = port.has("targetPort") ? port.get("targetPort") : port.get("port");
            for (ObjectNode workload : selected) {
                Optional<JsonNode> found = Optional.empty();
                for (JsonNode container : podSpec(workload).path("containers")) {
                    found = found.or(() -> containerPort(container, target));
                }
                if (found.isEmpty()) {
                    problems.add(where + ": port " + port.path("port") + " targets " + target + ", which no container of "
                            + where(workload) + " exposes");
                } else if (found.get().path("containerPort").asInt() != port.path("port").asInt()) {
                    // Clients are told one number (and Compose uses it too): the Service must not renumber.
                    problems.add(where + ": port " + port.path("port") + " targets " + target + ", container port "
                            + found.get().path("containerPort") + " of " + where(workload) + ": use the same number");
                } else if (!protocol(found.get()).equals(protocol(port))) {
                    problems.add(where + ": port " + port.path("port") + " is " + protocol(port) + " but targets " + target
                            + ", a " + protocol(found.get()) + " port of " + where(workload));
                }
            }
        }
    }

    private void disruptionBudgets(List<ObjectNode> workloads) {
        List<ObjectNode> budgets = ofKind("PodDisruptionBudget");
        for (ObjectNode budget : budgets) {
            JsonNode selector = budget.path("spec").path("selector").path("matchLabels");
            if (workloads.stream().noneMatch(w -> selects(selector, w.path("spec").path("template").path("metadata").path("labels")))) {
                problems.add(where(budget) + ": selector " + selector + " matches no workload");
            }
        }
        for (ObjectNode workload : workloads) {
            int replicas = workload.path("spec").path("replicas").asInt(1);
            if (replicas < 2) {
                continue;
            }
            JsonNode labels = workload.path("spec").path("template").path("metadata").path("labels");
            Optional<ObjectNode> budget = budgets.stream()
                    .filter(b -> selects(b.path("spec").path("selector").path("matchLabels"), labels)).findFirst();
            if (budget.isEmpty()) {
                problems.add(where(workload) + ": " + replicas + " replicas and no PodDisruptionBudget");
                continue;
            }
            JsonNode spec = budget.get().path("spec");
            boolean allowsOne = spec.has("minAvailable") ? spec.path("minAvailable").asInt(replicas) < replicas
                    : spec.path("maxUnavailable").asInt(0) >= 1;
            if (!allowsOne || spec.path("minAvailable").asInt(1) < 1) {
                problems.add(where(budget.get()) + ": must keep at least one of " + replicas + " replicas and let one go");
            }
        }
    }

    /** The wait-for-dependencies init containers: each target must resolve, and nothing may wait for itself. */
    private void waits(List<ObjectNode> workloads) {
        Map<String, Set<String>> edges = new LinkedHashMap<>();
        for (ObjectNode workload : workloads) {
            String name = workload.path("metadata").path("name").asText();
            for (JsonNode init : podSpec(workload).path("initContainers")) {
                for (JsonNode variable : init.path("env")) {
                    if (!variable.path("name").asText().equals("WAIT_FOR")) {
                        problems.add(where(workload) + " init container " + init.path("name").asText() + ": unexpected variable "
                                + variable.path("name").asText());
                        continue;
                    }
                    for (String target : variable.path("value").asText().trim().split("\\s+")) {
                        String host = target.substring(0, Math.max(0, target.indexOf(':')));
                        String port = target.substring(target.indexOf(':') + 1);
                        Optional<Set<Integer>> ports = listening(host);
                        if (ports.isEmpty() || !port.matches("\\d+") || !ports.get().contains(Integer.parseInt(port))) {
                            problems.add(where(workload) + ": waits for " + target + ", which no Service of the manifests serves");
                            continue;
                        }
                        selectedBy(host, workloads).forEach(w -> edges.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(w));
                    }
                }
            }
        }
        Cycles.find(edges).ifPresent(cycle -> problems.add("the init containers wait for each other in a cycle: " + cycle));
    }

    private Optional<Unit> unit(ObjectNode workload, JsonNode container) {
        String where = where(workload) + " container " + container.path("name").asText();
        String image = Kustomize.nameOf(container.path("image").asText());
        Unit.Role role;
        String module = null;
        if (BrokerImage.is(image)) {
            role = Unit.Role.BROKER;
        } else if (image.startsWith("dispatch/")) {
            role = Unit.Role.SERVICE;
            module = image.substring("dispatch/".length());
            if (!Repo.SERVICES.contains(module)) {
                return Optional.empty(); // reported by container()
            }
        } else if (image.equals("postgres")) {
            role = Unit.Role.POSTGRES;
        } else if (image.equals(Prosody.IMAGE)) {
            role = Unit.Role.XMPP;
        } else if (image.equals(Coturn.IMAGE)) {
            role = Unit.Role.TURN;
        } else if (image.equals(Jaeger.IMAGE)) {
            role = Unit.Role.TRACES;
        } else {
            problems.add(where + ": image " + image + " is not a Dispatch service, postgres, " + BrokerImage.NAME + ", " + Prosody.IMAGE
                    + ", " + Coturn.IMAGE + " or " + Jaeger.IMAGE);
            return Optional.empty();
        }
        Map<String, JsonNode> env = new LinkedHashMap<>();
        for (JsonNode variable : container.path("env")) {
            ObjectNode source = Yaml.copy((ObjectNode) variable);
            source.remove("name");
            if (env.put(variable.path("name").asText(), source) != null) {
                problems.add(where + ": " + variable.path("name").asText() + " is set twice");
            }
        }
        if (container.has("envFrom")) {
            problems.add(where + ": envFrom hides which variables a container gets; list them under env");
        }
        Map<String, String> files = new TreeMap<>();
        for (JsonNode mount : container.path("volumeMounts")) {
            String path = mount.path("mountPath").asText();
            podVolume(workload, mount.path("name").asText()).ifPresent(volume -> {
                JsonNode source = volume.has("configMap") ? volume.get("configMap") : volume.get("secret");
                if (source == null) {
                    if (mount.has("subPath")) {
                        files.put(path, "volume " + mount.path("name").asText());
                    }
                    return;
                }
                String kind = volume.has("configMap") ? "ConfigMap" : "Secret";
                String name = source.path(volume.has("configMap") ? "name" : "secretName").asText();
                Optional<ObjectNode> target = named(kind, name);
                // Where the file comes from: the repository file it was generated from, else the object and key.
                BiConsumer<String, String> file = (at, key) -> files.put(at, target.map(t -> t.path("x-files").path(key).asText(""))
                        .filter(generated -> !generated.isEmpty()).orElse(kind + " " + name + " key " + key));
                if (mount.has("subPath")) {
                    file.accept(path, mount.path("subPath").asText());
                } else if (source.has("items")) {
                    source.get("items").forEach(item -> file.accept(path + "/" + item.path("path").asText(), item.path("key").asText()));
                } else {
                    target.ifPresent(t -> t.path("data").fieldNames().forEachRemaining(key -> file.accept(path + "/" + key, key)));
                }
            });
        }
        String command = role == Unit.Role.BROKER ? BrokerImage.command(commandLine(container)) : commandLine(container);
        return Optional.of(new Unit(where, module, role, env, files, command));
    }

    /**
     * What the host reaches at each port of a protocol (TCP, UDP): k8s/kind/cluster.yaml maps it to a NodePort, whose
     * Service sends it to a port of the workloads it selects ("workload:containerPort").
     */
    private Map<Integer, String> reachedFromHost(List<ObjectNode> workloads, String protocol) {
        Map<Integer, Integer> hostPortOf = new HashMap<>();
        try {
            for (KindClusterTest.PortMapping mapping : KindClusterTest.cluster().nodes().get(0).extraPortMappings()) {
                if (mapping.protocol().equals(protocol)) {
                    hostPortOf.put(mapping.containerPort(), mapping.hostPort());
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("k8s/kind/cluster.yaml: " + e.getMessage(), e);
        }
        Map<Integer, String> reached = new TreeMap<>();
        for (ObjectNode service : ofKind("Service")) {
            for (JsonNode port : service.path("spec").path("ports")) {
                Integer hostPort = hostPortOf.get(port.path("nodePort").asInt(-1));
                if (hostPort == null || !protocol(port).equals(protocol)) {
                    continue;
                }
                JsonNode target = port.has("targetPort") ? port.get("targetPort") : port.get("port");
                for (ObjectNode workload : selectedWorkloads(service, workloads)) {
                    for (JsonNode container : podSpec(workload).path("containers")) {
                        containerPort(container, target).filter(p -> protocol(p).equals(protocol)).ifPresent(p -> reached.put(hostPort,
                                workload.path("metadata").path("name").asText() + ":" + p.path("containerPort").asInt()));
                    }
                }
            }
        }
        return reached;
    }

    /** The TCP ports a Service name serves: those whose targetPort a selected container really exposes. */
    private Optional<Set<Integer>> listening(String host) {
        Optional<ObjectNode> service = named("Service", host);
        if (service.isEmpty()) {
            return Optional.empty();
        }
        Set<Integer> ports = new TreeSet<>();
        List<ObjectNode> selected = selectedWorkloads(service.get(), ofKind("Deployment", "StatefulSet"));
        for (JsonNode port : service.get().path("spec").path("ports")) {
            if (!protocol(port).equals("TCP")) {
                continue;
            }
            JsonNode target = port.has("targetPort") ? port.get("targetPort") : port.get("port");
            for (ObjectNode workload : selected) {
                for (JsonNode container : podSpec(workload).path("containers")) {
                    if (containerPort(container, target).isPresent()) {
                        ports.add(port.path("port").asInt());
                    }
                }
            }
        }
        return Optional.of(ports);
    }

    private List<String> selectedBy(String serviceName, List<ObjectNode> workloads) {
        return named("Service", serviceName).map(service -> selectedWorkloads(service, workloads)).orElse(List.of()).stream()
                .map(workload -> workload.path("metadata").path("name").asText()).toList();
    }

    private static List<ObjectNode> selectedWorkloads(ObjectNode service, List<ObjectNode> workloads) {
        JsonNode selector = service.path("spec").path("selector");
        return workloads.stream().filter(w -> !selector.isEmpty()
                && selects(selector, w.path("spec").path("template").path("metadata").path("labels"))).toList();
    }

    static Optional<JsonNode> containerPort(JsonNode container, JsonNode port) {
        for (JsonNode candidate : container.path("ports")) {
            if (port.isInt() ? candidate.path("containerPort").asInt() == port.asInt()
                    : candidate.path("name").asText().equals(port.asText())) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A Service's or a container's port protocol: TCP unless it says otherwise. */
    static String protocol(JsonNode port) {
        return port.path("protocol").asText("TCP");
    }

    /** The container's variables whose value the manifest states. */
    private static Map<String, String> literalEnv(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode variable : container.path("env")) {
            if (variable.has("value")) {
                env.put(variable.path("name").asText(), variable.path("value").asText());
            }
        }
        return env;
    }

    static boolean selects(JsonNode selector, JsonNode labels) {
        Map<String, String> wanted = new HashMap<>();
        selector.fields().forEachRemaining(entry -> wanted.put(entry.getKey(), entry.getValue().asText()));
        for (Map.Entry<String, String> entry : wanted.entrySet()) {
            if (!entry.getValue().equals(labels.path(entry.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    private static boolean runsService(ObjectNode workload) {
        for (JsonNode container : podSpec(workload).path("containers")) {
            String image = Kustomize.nameOf(container.path("image").asText());
            if (image.startsWith("dispatch/") && Repo.SERVICES.contains(image.substring("dispatch/".length()))) {
                return true;
            }
        }
        return false;
    }

    private Optional<JsonNode> podVolume(ObjectNode workload, String name) {
        for (JsonNode volume : podSpec(workload).path("volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return Optional.of(volume);
            }
        }
        return Optional.empty();
    }

    static JsonNode podSpec(ObjectNode workload) {
        return workload.path("spec").path("template").path("spec");
    }

    private List<ObjectNode> ofKind(String... kinds) {
        Set<String> wanted = Set.of(kinds);
        return objects.stream().filter(object -> wanted.contains(object.path("kind").asText())).toList();
    }

    private Optional<ObjectNode> named(String kind, String name) {
        return ofKind(kind).stream().filter(object -> object.path("metadata").path("name").asText().equals(name)).findFirst();
    }

    static String where(JsonNode object) {
        return object.path("x-source").asText("?") + ": " + object.path("kind").asText() + " " + object.path("metadata").path("name").asText();
    }
}
