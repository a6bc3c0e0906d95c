package dev.dispatch.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Scaling out (issue #19) in rendered Kubernetes manifests: each replicated service has a HorizontalPodAutoscaler on CPU
 * that agrees with its workload and its PodDisruptionBudget; each gRPC client's DNS discovery names a headless Service
 * that lists the pods of the server it calls, on the port it dials; and a replicated service's MQTT client ids are its
 * pod's own name, so that no two replicas share one (the broker would disconnect one for the other).
 */
final class ScalingChecks {

    /** What a pod's name stands for in an environment, to follow it through application.properties' expressions. */
    static final String POD_NAME = "<pod name>";

    private final List<ObjectNode> objects;
    private final List<ObjectNode> workloads;
    private final Function<String, ServiceConfig> configs;
    private final List<String> problems;

    private ScalingChecks(List<ObjectNode> objects, List<ObjectNode> workloads, Function<String, ServiceConfig> configs, List<String> problems) {
        this.objects = objects;
        this.workloads = workloads;
        this.configs = configs;
        this.problems = problems;
    }

    static void check(List<ObjectNode> objects, List<ObjectNode> workloads, Function<String, ServiceConfig> configs, List<String> problems) {
        ScalingChecks checks = new ScalingChecks(objects, workloads, configs, problems);
        checks.autoscalers();
        for (ObjectNode workload : workloads) {
            for (JsonNode container : ManifestChecks.podSpec(workload).path("containers")) {
                module(container).ifPresent(module -> {
                    checks.headlessServices(workload, module, container);
                    checks.mqttClientIds(workload, module, container);
                });
            }
        }
    }

    // --- HorizontalPodAutoscalers

    private void autoscalers() {
        Map<String, ObjectNode> byWorkload = new LinkedHashMap<>();
        for (ObjectNode hpa : ofKind("HorizontalPodAutoscaler")) {
            String where = ManifestChecks.where(hpa);
            JsonNode spec = hpa.path("spec");
            JsonNode ref = spec.path("scaleTargetRef");
            Optional<ObjectNode> target = workloads.stream().filter(w -> w.path("kind").asText().equals(ref.path("kind").asText())
                    && w.path("metadata").path("name").asText().equals(ref.path("name").asText())).findFirst();
            if (target.isEmpty() || !ref.path("apiVersion").asText().equals("apps/v1")) {
                problems.add(where + ": scaleTargetRef " + ref + " is no Deployment or StatefulSet (apps/v1) of the manifests");
                continue;
            }
            ObjectNode workload = target.get();
            String name = workload.path("metadata").path("name").asText();
            if (byWorkload.put(name, hpa) != null) {
                problems.add(where + ": a second HorizontalPodAutoscaler for " + name + ": they would fight over its replicas");
            }
            int min = spec.path("minReplicas").asInt(1);
            int max = spec.path("maxReplicas").asInt(0);
            int replicas = workload.path("spec").path("replicas").asInt(1);
            if (min < 1 || min > max) {
                problems.add(where + ": minReplicas " + min + " and maxReplicas " + max + ": need 1 <= min <= max");
            }
            if (replicas != min) {
                // kubectl apply sets the workload's replicas: below min the HPA scales straight back up, above it the
                // first apply after a scale-in undoes it. The same number keeps both honest.
                problems.add(where + ": minReplicas " + min + " but " + ManifestChecks.where(workload) + " has replicas " + replicas
                        + ": make them the same");
            }
            budget(workload).ifPresent(budget -> {
                JsonNode minAvailable = budget.path("spec").path("minAvailable");
                if (minAvailable.isInt() && min < minAvailable.asInt() + 1) {
                    problems.add(where + ": minReplicas " + min + " with " + ManifestChecks.where(budget) + " minAvailable "
                            + minAvailable.asInt() + ": at the minimum no pod could be evicted (a node drain would hang); need at least "
                            + (minAvailable.asInt() + 1));
                }
            });
            boolean cpu = false;
            for (JsonNode metric : spec.path("metrics")) {
                cpu |= metric.path("type").asText().equals("Resource") && metric.path("resource").path("name").asText().equals("cpu")
                        && metric.path("resource").path("target").path("type").asText().equals("Utilization");
            }
            if (!cpu) {
                problems.add(where + ": scales on no CPU utilisation (metrics: type Resource, resource cpu, target type Utilization)");
            }
            // Utilisation is usage over request: every container of the pod needs a CPU request, or the HPA computes none.
            for (JsonNode container : ManifestChecks.podSpec(workload).path("containers")) {
                if (!container.path("resources").path("requests").has("cpu")) {
                    problems.add(where + ": scales " + name + " on CPU utilisation, but its container " + container.path("name").asText()
                            + " requests no CPU (resources.requests.cpu)");
                }
            }
        }
        for (ObjectNode workload : workloads) {
            String name = workload.path("metadata").path("name").asText();
            if (ManifestChecks.REPLICATED.contains(name) && !byWorkload.containsKey(name)) {
                problems.add(ManifestChecks.where(workload) + ": " + name + " scales out, but no HorizontalPodAutoscaler scales it");
            }
        }
    }

    private Optional<ObjectNode> budget(ObjectNode workload) {
        JsonNode labels = workload.path("spec").path("template").path("metadata").path("labels");
        return ofKind("PodDisruptionBudget").stream()
                .filter(b -> ManifestChecks.selects(b.path("spec").path("selector").path("matchLabels"), labels)).findFirst();
    }

    /** The most pods the workload may run: its HPA's maxReplicas, else its replicas. */
    private int mostReplicas(ObjectNode workload) {
        int most = workload.path("spec").path("replicas").asInt(1);
        for (ObjectNode hpa : ofKind("HorizontalPodAutoscaler")) {
            JsonNode ref = hpa.path("spec").path("scaleTargetRef");
            if (ref.path("kind").asText().equals(workload.path("kind").asText())
                    && ref.path("name").asText().equals(workload.path("metadata").path("name").asText())) {
                most = Math.max(most, hpa.path("spec").path("maxReplicas").asInt(0));
            }
        }
        return most;
    }

    // --- headless Services for the gRPC clients' DNS discovery

    /**
     * A client that discovers its servers by DNS resolves a Service's name to its pods' addresses only when the Service
     * is headless; it must list only ready pods, select exactly the pods of the server the client calls, and serve the
     * port the client dials (ManifestChecks checks the port leads to a container port of the same number).
     */
    private void headlessServices(ObjectNode workload, String module, JsonNode container) {
        ServiceConfig config = configs.apply(module);
        for (GrpcDiscovery.Target target : GrpcDiscovery.targets(config, env(container))) {
            if (!target.dns()) {
                continue; // EnvChecks reports a static list
            }
            String where = ManifestChecks.where(workload) + ": " + target.describe();
            Optional<ObjectNode> service = named("Service", target.host());
            if (service.isEmpty()) {
                problems.add(where + ": no Service " + target.host() + " (a headless one, clusterIP None, for the DNS discovery)");
                continue;
            }
            JsonNode spec = service.get().path("spec");
            String what = ManifestChecks.where(service.get());
            if (!spec.path("clusterIP").asText().equals("None")) {
                problems.add(where + ": " + what + " must be headless (clusterIP: None): its name resolves to one virtual IP "
                        + "otherwise, and the client's one HTTP/2 connection pins it to one pod");
            }
            if (spec.path("publishNotReadyAddresses").asBoolean(false)) {
                problems.add(where + ": " + what + " publishes pods that are not ready: the client would call pods that are starting "
                        + "or stopping");
            }
            Optional<String> server = GrpcDiscovery.server(module, target.client());
            List<String> selected = new ArrayList<>();
            Set<String> modules = new TreeSet<>();
            for (ObjectNode candidate : workloads) {
                if (!spec.path("selector").isEmpty()
                        && ManifestChecks.selects(spec.path("selector"), candidate.path("spec").path("template").path("metadata").path("labels"))) {
                    selected.add(candidate.path("metadata").path("name").asText());
                    for (JsonNode c : ManifestChecks.podSpec(candidate).path("containers")) {
                        module(c).ifPresent(modules::add);
                    }
                }
            }
            if (server.isPresent() && !modules.equals(Set.of(server.get()))) {
                problems.add(where + ": " + what + " selects " + selected + " (running " + modules + "), not exactly the pods of "
                        + server.get() + ", the server of client " + target.client());
            }
            boolean port = false;
            for (JsonNode p : spec.path("ports")) {
                port |= String.valueOf(p.path("port").asInt()).equals(target.port()) && ManifestChecks.protocol(p).equals("TCP");
            }
            if (!port) {
                problems.add(where + ": " + what + " has no TCP port " + target.port() + " (" + target.portKey() + ")");
            }
        }
    }

    // --- MQTT client ids

    /**
     * Where a service may run several pods (replicas, or an HPA's maxReplicas, above one), each of its MQTT client ids
     * (dispatch.*.mqtt.client-id, an MQTT channel's client-id) must resolve to something with the pod's name in it (a
     * variable from the downward API's metadata.name): two clients with one id make the broker disconnect the first. In
     * a StatefulSet, whose pod names outlive a restart, so that each pod resumes its own persistent session.
     */
    private void mqttClientIds(ObjectNode workload, String module, JsonNode container) {
        if (mostReplicas(workload) < 2) {
            return;
        }
        ServiceConfig config = configs.apply(module);
        Map<String, String> env = env(container);
        for (String key : mqttClientIdKeys(config)) {
            String where = ManifestChecks.where(workload);
            String value = config.effective(key, env).orElse("");
            if (!value.contains(POD_NAME)) {
                problems.add(where + ": " + key + " is '" + value + "' in every one of up to " + mostReplicas(workload) + " pods: give each "
                        + "its pod's name (" + String.join(" or ", config.envNamesOf(key)) + " from fieldRef metadata.name)");
            } else if (!workload.path("kind").asText().equals("StatefulSet")) {
                problems.add(where + ": " + key + " is the pod's name, which a Deployment changes at every restart (the broker keeps "
                        + "each old name's persistent session): run " + module + " as a StatefulSet");
            }
        }
    }

    /** The keys of a service's MQTT client ids: its own MQTT clients' and those of its smallrye-mqtt channels. */
    static Set<String> mqttClientIdKeys(ServiceConfig config) {
        Set<String> keys = new TreeSet<>();
        for (String key : config.keys()) {
            if (key.matches("dispatch\\..*\\.mqtt\\.client-id")) {
                keys.add(key);
            }
            java.util.regex.Matcher channel = java.util.regex.Pattern.compile("(mp\\.messaging\\.(?:incoming|outgoing)\\.[^.]+)\\.client-id").matcher(key);
            if (channel.matches() && "smallrye-mqtt".equals(config.defaults().get(channel.group(1) + ".connector"))) {
                keys.add(key);
            }
        }
        return keys;
    }

    // --- helpers

    /** The container's literal variables, and those set to the pod's name by the downward API as {@link #POD_NAME}. */
    static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode variable : container.path("env")) {
            if (variable.has("value")) {
                env.put(variable.path("name").asText(), variable.path("value").asText());
            } else if (variable.path("valueFrom").path("fieldRef").path("fieldPath").asText().equals("metadata.name")) {
                env.put(variable.path("name").asText(), POD_NAME);
            }
        }
        return env;
    }

    private static Optional<String> module(JsonNode container) {
        String image = Kustomize.nameOf(container.path("image").asText());
        if (image.startsWith("dispatch/") && Repo.SERVICES.contains(image.substring("dispatch/".length()))) {
            return Optional.of(image.substring("dispatch/".length()));
        }
        return Optional.empty();
    }

    private List<ObjectNode> ofKind(String kind) {
        return objects.stream().filter(object -> object.path("kind").asText().equals(kind)).toList();
    }

    private Optional<ObjectNode> named(String kind, String name) {
        return ofKind(kind).stream().filter(object -> object.path("metadata").path("name").asText().equals(name)).findFirst();
    }
}
