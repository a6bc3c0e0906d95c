package dev.dispatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * Scaling out (issue #19): replicas, HorizontalPodAutoscalers, PodDisruptionBudgets, the headless Services of the gRPC
 * clients' DNS discovery, iot-ingest's per-pod MQTT client id; and the same discovery in Compose, all against the
 * services' own application.properties.
 */
class ScalingTest {

    @Test
    void theManifestsFollowTheGrpcDiscoveryContract() {
        assertThat(ManifestChecks.problems(Overlay.rendered(), ServiceConfig::of)).isEmpty();
        assertThat(NetworkPolicyChecks.problems(Overlay.rendered(), ServiceConfig::of)).isEmpty();
    }

    @Test
    void composeFollowsTheGrpcDiscoveryContract() {
        assertThat(ComposeChecks.problems(ComposeChecks.copy(), ServiceConfig::of)).isEmpty();
    }

    @Test
    void everyReplicatedServiceRunsTwoPodsWithABudgetAndAnAutoscaler() {
        List<ObjectNode> objects = Overlay.rendered();
        for (String name : ManifestChecks.REPLICATED) {
            ObjectNode workload = workload(objects, name);
            assertThat(workload.at("/spec/replicas").asInt()).as(name).isEqualTo(2);
            ObjectNode hpa = Overlay.find(objects, "HorizontalPodAutoscaler", name);
            assertThat(hpa.at("/spec/scaleTargetRef/kind").asText()).isEqualTo(workload.path("kind").asText());
            assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(2);
            assertThat(hpa.at("/spec/maxReplicas").asInt()).isGreaterThan(2);
            assertThat(Overlay.find(objects, "PodDisruptionBudget", name).at("/spec/minAvailable").asInt()).isEqualTo(1);
        }
        ObjectNode iotIngest = workload(objects, "iot-ingest");
        assertThat(iotIngest.path("kind").asText()).isEqualTo("StatefulSet");
        assertThat(iotIngest.at("/spec/serviceName").asText()).isEqualTo("iot-ingest-grpc");
    }

    @Test
    void eachGrpcServerHasAHeadlessServiceOfItsTlsPort() {
        for (String server : InternalAuth.GRPC_SERVERS) {
            JsonNode spec = Overlay.find(Overlay.rendered(), "Service", server + "-grpc").get("spec");
            assertThat(spec.path("clusterIP").asText()).as(server).isEqualTo("None");
            assertThat(spec.path("publishNotReadyAddresses").asBoolean(true)).isFalse();
            assertThat(spec.at("/selector/app.kubernetes.io~1name").asText()).isEqualTo(server);
            assertThat(spec.at("/ports/0/port").asInt()).isEqualTo(8443);
            assertThat(spec.path("ports")).hasSize(1);
        }
    }

    @Test
    void anAutoscalerWhoseMinimumExceedsItsMaximumIsCaught() {
        assertThat(broken(objects -> hpa(objects, "order-service").put("maxReplicas", 1)))
                .anyMatch(p -> p.contains("HorizontalPodAutoscaler order-service: minReplicas 2 and maxReplicas 1: need 1 <= min <= max"));
    }

    @Test
    void anAutoscalerThatCouldLeaveTheBudgetNoPodToEvictIsCaught() {
        assertThat(broken(objects -> {
            hpa(objects, "payment-service").put("minReplicas", 1);
            ((ObjectNode) workload(objects, "payment-service").get("spec")).put("replicas", 1);
        })).anyMatch(p -> p.contains("HorizontalPodAutoscaler payment-service: minReplicas 1 with ")
                && p.contains("PodDisruptionBudget payment-service minAvailable 1") && p.endsWith("need at least 2"));
    }

    @Test
    void anAutoscalerDisagreeingWithItsWorkloadsReplicasIsCaught() {
        assertThat(broken(objects -> hpa(objects, "gateway").put("minReplicas", 3)))
                .anyMatch(p -> p.contains("HorizontalPodAutoscaler gateway: minReplicas 3 but ") && p.contains("has replicas 2"));
    }

    @Test
    void anAutoscalerOnAContainerWithoutACpuRequestIsCaught() {
        assertThat(broken(objects -> ((ObjectNode) workload(objects, "web").at("/spec/template/spec/containers/0/resources/requests"))
                .remove("cpu")))
                .anyMatch(p -> p.contains("HorizontalPodAutoscaler web: scales web on CPU utilisation, but its container web requests no CPU"));
    }

    @Test
    void anAutoscalerOfNoWorkloadOrOnNoCpuIsCaught() {
        assertThat(broken(objects -> ((ObjectNode) hpa(objects, "web").get("scaleTargetRef")).put("name", "wbe")))
                .anyMatch(p -> p.contains("HorizontalPodAutoscaler web: scaleTargetRef") && p.contains("is no Deployment or StatefulSet"))
                .anyMatch(p -> p.contains("Deployment web: web scales out, but no HorizontalPodAutoscaler scales it"));
        assertThat(broken(objects -> ((ObjectNode) hpa(objects, "web").at("/metrics/0/resource")).put("name", "memory")))
                .anyMatch(p -> p.contains("HorizontalPodAutoscaler web: scales on no CPU utilisation"));
    }

    @Test
    void aReplicatedServiceWithoutAutoscalerIsCaught() {
        assertThat(broken(objects -> objects.removeIf(o -> Kustomize.id(o).equals("HorizontalPodAutoscaler/dispatch/iot-ingest"))))
                .containsExactly(Overlay.find(Overlay.rendered(), "StatefulSet", "iot-ingest").path("x-source").asText()
                        + ": StatefulSet iot-ingest: iot-ingest scales out, but no HorizontalPodAutoscaler scales it");
    }

    @Test
    void iotIngestWithOneReplicaOrNoBudgetIsCaught() {
        assertThat(broken(objects -> ((ObjectNode) workload(objects, "iot-ingest").get("spec")).put("replicas", 1)))
                .anyMatch(p -> p.contains("StatefulSet iot-ingest: iot-ingest is correct with replicas and must run more than one"));
        assertThat(broken(objects -> objects.removeIf(o -> Kustomize.id(o).equals("PodDisruptionBudget/dispatch/iot-ingest"))))
                .anyMatch(p -> p.contains("StatefulSet iot-ingest: 2 replicas and no PodDisruptionBudget"));
    }

    @Test
    void aClientDiscoveringAServiceThatIsNotHeadlessIsCaught() {
        assertThat(broken(objects -> ((ObjectNode) Overlay.find(objects, "Service", "order-service-grpc").get("spec")).remove("clusterIP")))
                .anyMatch(p -> p.contains("Deployment gateway: gRPC client orders (Stork service order-service, dns) → order-service-grpc:8443: ")
                        && p.contains("Service order-service-grpc must be headless (clusterIP: None)"));
        assertThat(broken(objects -> ((ObjectNode) Overlay.find(objects, "Service", "payment-service-grpc").get("spec"))
                .put("publishNotReadyAddresses", true)))
                .anyMatch(p -> p.contains("Service payment-service-grpc publishes pods that are not ready"));
    }

    @Test
    void aHeadlessServiceOfTheWrongPodsOrPortIsCaught() {
        assertThat(broken(objects -> ((ObjectNode) Overlay.find(objects, "Service", "notification-service-grpc").get("spec").get("selector"))
                .put("app.kubernetes.io/name", "order-service")))
                .anyMatch(p -> p.contains("gRPC client chat") && p.contains("selects [order-service] (running [order-service]), not exactly "
                        + "the pods of notification-service"))
                .anyMatch(p -> p.contains("notification-service-grpc does not lead to notification-service, the server of client chat"));
        assertThat(broken(objects -> ((ObjectNode) Overlay.find(objects, "Service", "iot-ingest-grpc").at("/spec/ports/0")).put("port", 8084)
                .put("targetPort", "http")))
                .anyMatch(p -> p.contains("gRPC client devices") && p.contains("Service iot-ingest-grpc has no TCP port 8443"));
    }

    @Test
    void aMissingHeadlessServiceIsCaught() {
        assertThat(broken(objects -> objects.removeIf(o -> Kustomize.id(o).equals("Service/dispatch/payment-service-grpc"))))
                .anyMatch(p -> p.contains("Deployment order-service: gRPC client payments") && p.contains("no Service payment-service-grpc"))
                .anyMatch(p -> p.contains("payment-service-grpc names no service of this deployment"));
    }

    @Test
    void aClientDiscoveringThePlainPortOrAStaticListIsCaught() {
        assertThat(broken(objects -> variable(objects, "gateway", "QUARKUS_STORK_PAYMENT_SERVICE_SERVICE_DISCOVERY_PORT").put("value", "8082")))
                .anyMatch(p -> p.contains("gRPC client payments (Stork service payment-service, dns) → payment-service-grpc:8082: between "
                        + "the services gRPC goes to the TLS port 8443 (set QUARKUS_STORK_PAYMENT_SERVICE_SERVICE_DISCOVERY_PORT)"));
        assertThat(broken(objects -> remove(env(objects, "order-service"), "DISPATCH_GRPC_DISCOVERY")))
                .anyMatch(p -> p.contains("gRPC client payments (Stork service payment-service, static)")
                        && p.contains("in a deployment it finds the servers by DNS (set DISPATCH_GRPC_DISCOVERY=dns)"));
    }

    @Test
    void aClientWhoseAuthorityTheCertificateDoesNotNameIsCaught() {
        assertThat(broken(objects -> env(objects, "gateway").addObject().put("name", "QUARKUS_GRPC_CLIENTS_CHAT_OVERRIDE_AUTHORITY")
                .put("value", "notification-service-grpc")))
                .anyMatch(p -> p.contains("gRPC client chat") && p.contains("TLS checks notification-service's certificate for "
                        + "'notification-service-grpc', which names only [notification-service, notification-service.dispatch.svc, "
                        + "notification-service.dispatch.svc.cluster.local]"));
    }

    @Test
    void iotIngestReplicasSharingAnMqttClientIdAreCaught() {
        assertThat(broken(objects -> {
            ObjectNode id = variable(objects, "iot-ingest", "DISPATCH_IOT_MQTT_CLIENT_ID");
            id.remove("valueFrom");
            id.put("value", "iot-ingest");
        })).anyMatch(p -> p.contains("StatefulSet iot-ingest: dispatch.iot.mqtt.client-id is 'iot-ingest' in every one of up to 4 pods: "
                + "give each its pod's name (DISPATCH_IOT_MQTT_CLIENT_ID or HOSTNAME from fieldRef metadata.name)"))
                // Its command channel's id is made from it.
                .anyMatch(p -> p.contains("StatefulSet iot-ingest: mp.messaging.outgoing.device-commands.client-id is 'iot-ingest-commands'"));
        assertThat(broken(objects -> workload(objects, "iot-ingest").put("kind", "Deployment")))
                .anyMatch(p -> p.contains("Deployment iot-ingest: dispatch.iot.mqtt.client-id is the pod's name, which a Deployment changes"));
    }

    @Test
    void anMqttChannelWithAFixedClientIdCountsToo() {
        ServiceConfig config = ServiceConfig.of("iot-ingest", "mp.messaging.outgoing.x.connector=smallrye-mqtt\n"
                + "mp.messaging.outgoing.x.client-id=fixed\nmp.messaging.outgoing.y.connector=smallrye-amqp\nmp.messaging.outgoing.y.client-id=a\n"
                + "dispatch.iot.mqtt.client-id=iot-ingest\n");
        assertThat(ScalingChecks.mqttClientIdKeys(config)).containsExactly("dispatch.iot.mqtt.client-id", "mp.messaging.outgoing.x.client-id");
    }

    @Test
    void composeDiscoveringANameThatIsNoServiceIsCaught() {
        ObjectNode compose = ComposeChecks.copy();
        ((ObjectNode) compose.at("/services/gateway/environment")).put("DISPATCH_GRPC_ORDER_SERVICE_HOST", "orders");
        assertThat(ComposeChecks.problems(compose, ServiceConfig::of))
                .anyMatch(p -> p.contains("services.gateway: gRPC client orders (Stork service order-service, dns) → orders:8081: "
                        + "orders names no service of this deployment"));
        compose = ComposeChecks.copy();
        ((ObjectNode) compose.at("/services/gateway/environment")).put("DISPATCH_GRPC_ORDER_SERVICE_HOST", "payment-service");
        assertThat(ComposeChecks.problems(compose, ServiceConfig::of))
                .anyMatch(p -> p.contains("payment-service does not lead to order-service, the server of client orders"));
    }

    @Test
    void theContractStandInNamesEveryClientAndServer() {
        List<String> problems = new ArrayList<>();
        GrpcDiscovery.check(ServiceConfig::of, problems);
        assertThat(problems).isEmpty();
        assertThat(GrpcDiscovery.targets(ServiceConfig.of("gateway"), java.util.Map.of()))
                .extracting(GrpcDiscovery.Target::stork).containsOnly("order-service", "iot-ingest", "payment-service", "notification-service");
        assertThat(Set.copyOf(GrpcDiscovery.SERVERS.get("gateway").values())).isEqualTo(InternalAuth.GRPC_SERVERS);
    }

    private static List<String> broken(Consumer<List<ObjectNode>> breakIt) {
        List<ObjectNode> objects = new ArrayList<>(Overlay.copy());
        breakIt.accept(objects);
        return ManifestChecks.problems(objects, ServiceConfig::of);
    }

    private static ObjectNode hpa(List<ObjectNode> objects, String name) {
        return (ObjectNode) Overlay.find(objects, "HorizontalPodAutoscaler", name).get("spec");
    }

    private static ObjectNode workload(List<ObjectNode> objects, String name) {
        return objects.stream().filter(o -> Set.of("Deployment", "StatefulSet").contains(o.path("kind").asText())
                && o.path("metadata").path("name").asText().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no workload " + name));
    }

    private static ArrayNode env(List<ObjectNode> objects, String name) {
        return (ArrayNode) workload(objects, name).at("/spec/template/spec/containers/0/env");
    }

    private static ObjectNode variable(List<ObjectNode> objects, String name, String variable) {
        for (JsonNode v : env(objects, name)) {
            if (v.path("name").asText().equals(variable)) {
                return (ObjectNode) v;
            }
        }
        throw new AssertionError(name + " has no " + variable);
    }

    private static void remove(ArrayNode env, String name) {
        for (int i = 0; i < env.size(); i++) {
            if (env.get(i).path("name").asText().equals(name)) {
                env.remove(i);
                return;
            }
        }
        throw new AssertionError("no " + name);
    }
}
