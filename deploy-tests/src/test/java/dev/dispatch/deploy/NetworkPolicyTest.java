package dev.dispatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.dispatch.deploy.DesignedPaths.Path;
import dev.dispatch.deploy.NetworkPolicies.Endpoint;
import dev.dispatch.deploy.NetworkPolicies.Port;

/**
 * The NetworkPolicies of k8s/base, as the kind overlay renders them: default deny, then exactly the designed paths
 * between the workloads (read from the manifests), exactly the NodePort targets from outside, DNS for every pod, and
 * out of the cluster only coturn to public peers. The evaluator's Kubernetes semantics are tested on their own, and
 * each kind of mistake in the policies (or a new dependency without its policy) is caught.
 */
class NetworkPolicyTest {

    @Test
    void theRenderedPoliciesAllowExactlyTheDesignedPaths() {
        assertThat(NetworkPolicyChecks.problems(Overlay.rendered())).isEmpty();
    }

    @Test
    void theDesignedPathsAreReadFromTheServicesClientsAndWaits() {
        List<String> problems = new ArrayList<>();
        var designed = DesignedPaths.of(Overlay.rendered(), ServiceConfig::of, problems);
        assertThat(problems).isEmpty();
        assertThat(designed.keySet()).map(Path::toString).containsExactlyInAnyOrder(
                // gRPC between the services: on the servers' TLS port only (GrpcTls).
                "gateway → order-service:8443/TCP", "gateway → payment-service:8443/TCP", "gateway → iot-ingest:8443/TCP",
                "gateway → notification-service:8443/TCP",
                "order-service → postgres:5432/TCP", "order-service → broker:5672/TCP", "order-service → payment-service:8443/TCP",
                "payment-service → postgres:5432/TCP",
                "notification-service → postgres:5432/TCP", "notification-service → broker:5672/TCP",
                "notification-service → xmpp:5222/TCP", "notification-service → xmpp:5347/TCP",
                "iot-ingest → postgres:5432/TCP", "iot-ingest → broker:5672/TCP", "iot-ingest → broker:1883/TCP",
                // The broker's device logins: its login module asks iot-ingest, on iot-ingest's plain HTTP port.
                "broker → iot-ingest:8084/TCP",
                // Traces: every service's exporter, to Jaeger's OTLP receiver (gRPC).
                "gateway → jaeger:4317/TCP", "order-service → jaeger:4317/TCP", "payment-service → jaeger:4317/TCP",
                "notification-service → jaeger:4317/TCP", "iot-ingest → jaeger:4317/TCP");
        assertThat(designed.get(new Path("gateway", "notification-service", 8443, "TCP")))
                .containsExactly("gRPC client chat (Stork service notification-service, dns) → notification-service-grpc:8443");
        assertThat(designed.get(new Path("iot-ingest", "broker", 1883, "TCP")))
                .contains("DISPATCH_BROKER_HOST=broker, DISPATCH_BROKER_MQTT_PORT=1883");
        assertThat(designed.get(new Path("order-service", "payment-service", 8443, "TCP")))
                .contains("wait-for-dependencies waits for payment-service:8443");
        assertThat(designed.get(new Path("payment-service", "jaeger", 4317, "TCP")))
                .containsExactly("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT=http://jaeger:4317");
        assertThat(designed.get(new Path("broker", "iot-ingest", 8084, "TCP")))
                .containsExactly("DISPATCH_BROKER_DEVICE_LOGINS_URL=http://iot-ingest:8084/internal/broker/device-logins");
        // ... and the policies allow exactly those between the workloads.
        assertThat(NetworkPolicyChecks.of(Overlay.rendered()).allowedBetweenWorkloads()).isEqualTo(designed.keySet());
    }

    // --- each kind of mistake, in a fresh copy of the rendered manifests

    @Test
    void aRemovedPolicyIsCaught() {
        assertThat(broken(objects -> objects.removeIf(o -> Kustomize.id(o).equals("NetworkPolicy/dispatch/order-service"))))
                .anyMatch(p -> p.startsWith("gateway → order-service:8443/TCP is designed (gRPC client orders (Stork service order-service, dns) "
                        + "→ order-service-grpc:8443")
                        && p.endsWith("but not allowed: egress at gateway allowed, ingress at order-service denied"))
                .anyMatch(p -> p.startsWith("order-service → postgres:5432/TCP is designed")
                        && p.endsWith("egress at order-service denied, ingress at postgres allowed"));
    }

    @Test
    void aMissingDefaultDenyIsCaughtAndAWorkloadWithoutPolicyIsThenOpen() {
        assertThat(broken(objects -> objects.removeIf(o -> Kustomize.id(o).equals("NetworkPolicy/dispatch/default-deny"))))
                .anyMatch(p -> p.startsWith("no default deny"));
        assertThat(broken(objects -> objects.removeIf(o -> Set.of("NetworkPolicy/dispatch/default-deny", "NetworkPolicy/dispatch/web")
                .contains(Kustomize.id(o)))))
                .contains("web: no NetworkPolicy selects it for Ingress, so every ingress connection is allowed");
        // Without the DNS policy too (which selects every pod for egress), web may connect anywhere: the broker's MQTT
        // port is open to "anyone outside", which pods are too, and web's egress was all that kept it out.
        assertThat(broken(objects -> objects.removeIf(o -> Set.of("NetworkPolicy/dispatch/default-deny", "NetworkPolicy/dispatch/web",
                "NetworkPolicy/dispatch/dns").contains(Kustomize.id(o)))))
                .contains("web: no NetworkPolicy selects it for Egress, so every egress connection is allowed")
                .contains("web → broker:1883/TCP is allowed but is no designed path (no client configuration or "
                        + "wait-for-dependencies target of web leads there)");
    }

    @Test
    void anEgressPortWidenedIsCaught() {
        assertThat(broken(objects -> egressRule(objects, "order-service", "broker").remove("ports")))
                .contains("order-service → broker:1883/TCP is allowed but is no designed path (no client configuration or "
                        + "wait-for-dependencies target of order-service leads there)")
                .anyMatch(p -> p.startsWith("order-service → broker:61614/TCP is allowed but is no designed path"));
    }

    @Test
    void anIngressOpenedToEveryoneIsCaught() {
        assertThat(broken(objects -> ((ObjectNode) policy(objects, "postgres").at("/spec/ingress/0")).remove("from")))
                .anyMatch(p -> p.startsWith("a client outside the cluster reaches") && p.contains("not published: [postgres:5432/TCP]"))
                .anyMatch(p -> p.startsWith("a pod of namespace elsewhere reaches") && p.contains("not published: [postgres:5432/TCP]"));
        // A port range that covers more than the named port did.
        assertThat(broken(objects -> {
            ObjectNode port = (ObjectNode) policy(objects, "xmpp").at("/spec/ingress/1/ports/0");
            port.put("port", 5222).put("endPort", 5347);
        })).anyMatch(p -> p.startsWith("a client outside the cluster reaches") && p.contains("not published: [xmpp:5347/TCP]"));
    }

    @Test
    void aPublishedPortLeftClosedIsCaught() {
        // Without its protocol a named port means TCP, and turn-udp is a UDP port: the rule would open nothing.
        assertThat(broken(objects -> ((ObjectNode) policy(objects, "turn").at("/spec/ingress/0/ports/0")).remove("protocol")))
                .anyMatch(p -> p.contains("NetworkPolicy turn ingress: port turn-udp/TCP is no container port of [turn]"))
                .anyMatch(p -> p.startsWith("a client outside the cluster reaches") && p.contains("published but closed: [turn:3478/UDP]"));
    }

    @Test
    void aDependencyAddedWithoutItsPolicyIsCaught() {
        // An init container that now waits for the broker: payment-service would connect to it.
        assertThat(broken(objects -> ((ObjectNode) Overlay.find(objects, "Deployment", "payment-service")
                .at("/spec/template/spec/initContainers/0/env/0")).put("value", "postgres:5432 broker:5672")))
                .contains("payment-service → broker:5672/TCP is designed (wait-for-dependencies waits for broker:5672) but not allowed: "
                        + "egress at payment-service denied, ingress at broker denied");
        // A gRPC client given to web (its configuration gains the client, the manifest points it at order-service).
        Function<String, ServiceConfig> configs = module -> module.equals("web")
                ? ServiceConfig.of("web", Repo.read("web/src/main/resources/application.properties")
                        + "\nquarkus.grpc.clients.orders.host=127.0.0.1\nquarkus.grpc.clients.orders.port=8081\n")
                : ServiceConfig.of(module);
        List<ObjectNode> objects = new ArrayList<>(Overlay.copy());
        ArrayNode env = (ArrayNode) Overlay.find(objects, "Deployment", "web").at("/spec/template/spec/containers/0/env");
        env.addObject().put("name", "QUARKUS_GRPC_CLIENTS_ORDERS_HOST").put("value", "order-service");
        assertThat(NetworkPolicyChecks.problems(objects, configs))
                .contains("web → order-service:8081/TCP is designed (QUARKUS_GRPC_CLIENTS_ORDERS_HOST=order-service, "
                        + "QUARKUS_GRPC_CLIENTS_ORDERS_PORT=8081) but not allowed: egress at web denied, ingress at order-service denied");
    }

    @Test
    void aPortSaidNeverToBeDialledThatFeedsAClientIsCaught() {
        Function<String, ServiceConfig> configs = module -> module.equals("order-service")
                ? ServiceConfig.of(module, Repo.read("order-service/src/main/resources/application.properties")
                        + "\nmp.messaging.connector.smallrye-mqtt.port=${dispatch.broker.mqtt-port}\n")
                : ServiceConfig.of(module);
        assertThat(NetworkPolicyChecks.problems(Overlay.copy(), configs))
                .anyMatch(p -> p.startsWith("DesignedPaths.NOT_DIALLED: order-service dispatch.broker.mqtt-port is said never to be dialled")
                        && p.endsWith("uses ${dispatch.broker.mqtt-port}"));
    }

    @Test
    void aSelectorThatSelectsNothingIsCaught() {
        assertThat(broken(objects -> ((ObjectNode) policy(objects, "payment-service").at("/spec/podSelector/matchLabels"))
                .put("app.kubernetes.io/name", "payments")))
                .anyMatch(p -> p.endsWith("NetworkPolicy payment-service: podSelector {\"matchLabels\":{\"app.kubernetes.io/name\":\"payments\"}} "
                        + "selects no workload's pods"))
                .anyMatch(p -> p.startsWith("order-service → payment-service:8443/TCP is designed"));
    }

    @Test
    void aGrpcCallerLetToThePlainPortIsCaught() {
        // gRPC between the services goes to the TLS port; the plain HTTP port is for the probes (and, at
        // notification-service, the browsers), so a policy that lets the gateway reach it opens more than designed.
        assertThat(broken(objects -> {
            ((com.fasterxml.jackson.databind.node.ArrayNode) policy(objects, "order-service").at("/spec/ingress/0/ports")).addObject()
                    .put("port", "http");
            ((com.fasterxml.jackson.databind.node.ArrayNode) policy(objects, "gateway").at("/spec/egress/0/ports")).addObject()
                    .put("port", "http");
        }))
                .anyMatch(p -> p.startsWith("gateway → order-service:8081/TCP is allowed"));
    }

    @Test
    void noDnsIsCaught() {
        assertThat(broken(objects -> objects.removeIf(o -> Kustomize.id(o).equals("NetworkPolicy/dispatch/dns"))))
                .contains("gateway → kube-dns:53/UDP is denied: every pod may resolve names (53, UDP and TCP) and do nothing else with "
                        + "the cluster DNS");
        assertThat(broken(objects -> egressRule(objects, "dns", "kube-dns").remove("ports")))
                .anyMatch(p -> p.startsWith("web → kube-dns:9153/TCP is allowed"));
    }

    @Test
    void aRelayThatMayReachPrivateNetworksOrAServiceThatLeavesTheClusterIsCaught() {
        assertThat(broken(objects -> {
            ArrayNode except = (ArrayNode) policy(objects, "turn").at("/spec/egress/0/to/0/ipBlock/except");
            for (int i = 0; i < except.size(); i++) {
                if (except.get(i).asText().equals("10.0.0.0/8")) {
                    except.remove(i);
                }
            }
        })).anyMatch(p -> p.startsWith("turn: the egress ipBlock except"))
                .anyMatch(p -> p.startsWith("turn → the API server (10.96.0.1:443/TCP) is allowed"));
        assertThat(broken(objects -> ((ObjectNode) policy(objects, "web").get("spec")).putArray("egress").addObject()
                .putArray("to").addObject().putObject("ipBlock").put("cidr", "0.0.0.0/0")))
                .contains("web → a public address (198.51.100.20:443/TCP) is allowed: only coturn leaves the cluster")
                .anyMatch(p -> p.startsWith("web → broker:1883/TCP is allowed but is no designed path"));
    }

    @Test
    void turnserverConfsDeniedRangesBecomeCidrBlocks() {
        assertThat(NetworkPolicyChecks.rangeToCidrs("10.0.0.0-10.255.255.255")).containsExactly("10.0.0.0/8");
        assertThat(NetworkPolicyChecks.rangeToCidrs("198.18.0.0-198.19.255.255")).containsExactly("198.18.0.0/15");
        assertThat(NetworkPolicyChecks.rangeToCidrs("192.0.0.0-192.0.0.255")).containsExactly("192.0.0.0/24");
        assertThat(NetworkPolicyChecks.rangeToCidrs("10.0.0.1-10.0.0.6")).containsExactly("10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/31",
                "10.0.0.6/32");
        assertThat(NetworkPolicyChecks.rangeToCidrs("fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).singleElement()
                .satisfies(cidr -> assertThat(NetworkPolicyChecks.canonical(cidr)).isEqualTo(NetworkPolicyChecks.canonical("fe80::/10")));
        assertThat(NetworkPolicyChecks.deniedPeerRanges()).contains("10.0.0.0-10.255.255.255", "172.16.0.0-172.31.255.255");
    }

    /** The evaluator, on small policies of its own: Kubernetes' rules, one at a time. */
    @Nested
    class KubernetesSemantics {

        private final Endpoint api = pod("api", "shop", Map.of("app", "api"), "10.244.0.11", new Port("http", 8080, "TCP"),
                new Port("stun", 3478, "UDP"));
        private final Endpoint db = pod("db", "shop", Map.of("app", "db", "tier", "data"), "10.244.0.12", new Port("pg", 5432, "TCP"));
        private final Endpoint monitor = pod("monitor", "ops", Map.of("app", "api"), "10.244.1.13");
        private final Endpoint internet = Endpoint.outside("internet", "203.0.113.10");

        @Test
        void withoutPoliciesEverythingIsAllowed() {
            assertThat(evaluator("").allows(api, db, 5432, "TCP")).isTrue();
            assertThat(evaluator("").allows(internet, api, 1, "UDP")).isTrue();
        }

        @Test
        void aPolicyIsolatesOnlyTheDirectionsItNames() {
            NetworkPolicies ingressOnly = evaluator(policy("shop", "{}", "[Ingress]", "", ""));
            assertThat(ingressOnly.allows(api, db, 5432, "TCP")).isFalse();
            assertThat(ingressOnly.egressAllows(api, internet, 443, "TCP")).isTrue();
            assertThat(ingressOnly.allows(api, internet, 443, "TCP")).isTrue();
            // policyTypes left out: Ingress, plus Egress because there are egress rules.
            NetworkPolicies implicit = evaluator(policy("shop", "{matchLabels: {app: api}}", null, "", "[{to: [{podSelector: {}}]}]"));
            assertThat(implicit.allows(api, internet, 443, "TCP")).isFalse();
            assertThat(implicit.allows(api, db, 5432, "TCP")).isTrue();
            assertThat(implicit.allows(db, api, 8080, "TCP")).isFalse();
        }

        @Test
        void aConnectionNeedsEgressAtTheSourceAndIngressAtTheDestination() {
            String egress = policy("shop", "{matchLabels: {app: api}}", "[Egress]", "", "[{to: [{podSelector: {matchLabels: {app: db}}}]}]");
            String deny = policy("shop", "{}", "[Ingress, Egress]", "", "");
            String ingress = policy("shop", "{matchLabels: {app: db}}", "[Ingress]", "[{from: [{podSelector: {matchLabels: {app: api}}}]}]", "");
            assertThat(evaluator(deny, egress).allows(api, db, 5432, "TCP")).isFalse();
            assertThat(evaluator(deny, ingress).allows(api, db, 5432, "TCP")).isFalse();
            // Policies add up: both ends together.
            assertThat(evaluator(deny, egress, ingress).allows(api, db, 5432, "TCP")).isTrue();
            assertThat(evaluator(deny, egress, ingress).allows(db, api, 8080, "TCP")).isFalse();
        }

        @Test
        void aPodSelectorAloneMeansThePolicysNamespaceAndBothSelectorsInOnePeerMeanBoth() {
            String podOnly = policy("shop", "{matchLabels: {app: db}}", "[Ingress]", "[{from: [{podSelector: {matchLabels: {app: api}}}]}]", "");
            assertThat(evaluator(podOnly).allows(api, db, 5432, "TCP")).isTrue();
            assertThat(evaluator(podOnly).allows(monitor, db, 5432, "TCP")).isFalse(); // same label, other namespace
            String both = policy("shop", "{matchLabels: {app: db}}", "[Ingress]",
                    "[{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ops}}, podSelector: {matchLabels: {app: api}}}]}]", "");
            assertThat(evaluator(both).allows(monitor, db, 5432, "TCP")).isTrue();
            assertThat(evaluator(both).allows(api, db, 5432, "TCP")).isFalse();
            // Two peers: either one.
            String either = policy("shop", "{matchLabels: {app: db}}", "[Ingress]",
                    "[{from: [{namespaceSelector: {matchLabels: {team: ops}}}, {podSelector: {matchLabels: {app: api}}}]}]", "");
            NetworkPolicies labelled = new NetworkPolicies(objects(either), Map.of("ops", Map.of("team", "ops"), "shop", Map.of()));
            assertThat(labelled.allows(monitor, db, 5432, "TCP")).isTrue();
            assertThat(labelled.allows(api, db, 5432, "TCP")).isTrue();
            assertThat(labelled.allows(internet, db, 5432, "TCP")).isFalse();
        }

        @Test
        void matchExpressionsSelect() {
            String in = policy("shop", "{matchExpressions: [{key: tier, operator: Exists}]}", "[Ingress]",
                    "[{from: [{podSelector: {matchExpressions: [{key: app, operator: In, values: [api, web]}, {key: tier, operator: DoesNotExist}]}}]}]", "");
            assertThat(evaluator(in).allows(api, db, 5432, "TCP")).isTrue();
            assertThat(evaluator(in).allows(db, db, 5432, "TCP")).isFalse();
            assertThat(evaluator(in).allows(db, api, 8080, "TCP")).isTrue(); // api has no tier: not selected, not isolated
            String notIn = policy("shop", "{matchExpressions: [{key: app, operator: NotIn, values: [db]}]}", "[Ingress]", "", "");
            assertThat(evaluator(notIn).allows(db, api, 8080, "TCP")).isFalse();
            assertThat(evaluator(notIn).allows(api, db, 5432, "TCP")).isTrue();
        }

        @Test
        void anIpBlockMatchesAddressesInTheCidrButNotInItsExceptsAndPodsToo() {
            String block = policy("shop", "{matchLabels: {app: api}}", "[Ingress]",
                    "[{from: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}, {ipBlock: {cidr: '2001:db8::/32'}}]}]", "");
            assertThat(evaluator(block).allows(internet, api, 8080, "TCP")).isTrue();
            assertThat(evaluator(block).allows(db, api, 8080, "TCP")).isFalse(); // 10.244.0.12 is excepted
            assertThat(evaluator(block).allows(Endpoint.outside("v6", "2001:db8::7"), api, 8080, "TCP")).isTrue();
            assertThat(evaluator(block).allows(Endpoint.outside("v6", "2001:db9::7"), api, 8080, "TCP")).isFalse();
            String everywhere = policy("shop", "{matchLabels: {app: api}}", "[Ingress]", "[{from: [{ipBlock: {cidr: 0.0.0.0/0}}]}]", "");
            assertThat(evaluator(everywhere).allows(monitor, api, 8080, "TCP")).isTrue();
        }

        @Test
        void portsMatchByNumberRangeOrNameWithTheProtocol() {
            String named = policy("shop", "{matchLabels: {app: api}}", "[Ingress]", "[{ports: [{port: http}, {port: stun}]}]", "");
            assertThat(evaluator(named).allows(internet, api, 8080, "TCP")).isTrue();
            assertThat(evaluator(named).allows(internet, api, 8081, "TCP")).isFalse();
            // stun is a UDP port: without protocol the entry means TCP and opens nothing.
            assertThat(evaluator(named).allows(internet, api, 3478, "UDP")).isFalse();
            String udp = policy("shop", "{matchLabels: {app: api}}", "[Ingress]", "[{ports: [{port: stun, protocol: UDP}]}]", "");
            assertThat(evaluator(udp).allows(internet, api, 3478, "UDP")).isTrue();
            assertThat(evaluator(udp).allows(internet, api, 3478, "TCP")).isFalse();
            String range = policy("shop", "{matchLabels: {app: api}}", "[Ingress]", "[{ports: [{port: 8000, endPort: 8100}]}]", "");
            assertThat(evaluator(range).allows(internet, api, 8080, "TCP")).isTrue();
            assertThat(evaluator(range).allows(internet, api, 8101, "TCP")).isFalse();
            String protocolOnly = policy("shop", "{matchLabels: {app: api}}", "[Ingress]", "[{ports: [{protocol: UDP}]}]", "");
            assertThat(evaluator(protocolOnly).allows(internet, api, 3478, "UDP")).isTrue();
            assertThat(evaluator(protocolOnly).allows(internet, api, 8080, "TCP")).isFalse();
            // Egress to a named port: the destination's port of that name.
            String egress = policy("shop", "{matchLabels: {app: api}}", "[Egress]", "", "[{ports: [{port: pg}]}]");
            assertThat(evaluator(egress).allows(api, db, 5432, "TCP")).isTrue();
            assertThat(evaluator(egress).allows(api, internet, 5432, "TCP")).isFalse();
        }

        private NetworkPolicies evaluator(String... policies) {
            return new NetworkPolicies(objects(policies), Map.of("shop", Map.of(), "ops", Map.of()));
        }

        private static List<ObjectNode> objects(String... policies) {
            List<ObjectNode> objects = new ArrayList<>();
            for (String policy : policies) {
                Yaml.documents(policy, "test").forEach(document -> objects.add((ObjectNode) document));
            }
            return objects;
        }

        private static int count;

        private static String policy(String namespace, String podSelector, String types, String ingress, String egress) {
            return "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p" + count++ + ", namespace: " + namespace + "}\n"
                    + "spec:\n  podSelector: " + podSelector + "\n" + (types == null ? "" : "  policyTypes: " + types + "\n")
                    + (ingress.isEmpty() ? "" : "  ingress: " + ingress + "\n") + (egress.isEmpty() ? "" : "  egress: " + egress + "\n");
        }

        private static Endpoint pod(String name, String namespace, Map<String, String> labels, String address, Port... ports) {
            return new Endpoint(name, namespace, labels, address, List.of(ports));
        }
    }

    @Test
    void tracesThatThePoliciesDropOrLetInFromOutsideAreCaught() {
        assertThat(broken(objects -> {
            ArrayNode egress = (ArrayNode) policy(objects, "payment-service").at("/spec/egress");
            egress.remove(egress.size() - 1);
        })).contains("payment-service → jaeger:4317/TCP is designed (QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT=http://jaeger:4317) but not "
                + "allowed: egress at payment-service denied, ingress at jaeger allowed");
        assertThat(broken(objects -> ((ArrayNode) policy(objects, "jaeger").at("/spec/ingress/1/ports")).addObject().put("port", "otlp-grpc")))
                .anyMatch(p -> p.startsWith("a client outside the cluster reaches") && p.contains("not published: [jaeger:4317/TCP]"));
        // A service whose SDK is off exports nothing: its path to Jaeger is no designed one, and its policy must not open it.
        Function<String, ServiceConfig> configs = ServiceConfig::of;
        List<ObjectNode> objects = new ArrayList<>(Overlay.copy());
        for (JsonNode variable : Overlay.find(objects, "Deployment", "web").at("/spec/template/spec/containers/0/env")) {
            assertThat(variable.path("name").asText()).doesNotStartWith("QUARKUS_OTEL");
        }
        for (JsonNode variable : Overlay.find(objects, "Deployment", "payment-service").at("/spec/template/spec/containers/0/env")) {
            if (variable.path("name").asText().equals("QUARKUS_OTEL_SDK_DISABLED")) {
                ((ObjectNode) variable).put("value", "true");
            }
        }
        assertThat(NetworkPolicyChecks.problems(objects, configs))
                .contains("payment-service → jaeger:4317/TCP is allowed but is no designed path (no client configuration or "
                        + "wait-for-dependencies target of payment-service leads there)");
    }

    @Test
    void theBrokersDeviceLoginPathClosedOrWidenedIsCaught() {
        String designed = "broker → iot-ingest:8084/TCP is designed (DISPATCH_BROKER_DEVICE_LOGINS_URL=http://iot-ingest:8084/internal/broker/"
                + "device-logins) but not allowed: ";
        assertThat(broken(objects -> ((ObjectNode) policy(objects, "broker").get("spec")).remove("egress")))
                .contains(designed + "egress at broker denied, ingress at iot-ingest allowed");
        assertThat(broken(objects -> ((com.fasterxml.jackson.databind.node.ArrayNode) policy(objects, "iot-ingest").at("/spec/ingress"))
                .remove(1)))
                .contains(designed + "egress at broker allowed, ingress at iot-ingest denied");
        // Every port of iot-ingest: its coaps port, open to sensors outside, then lets the broker in too (its gRPC stays the
        // gateway's alone, by iot-ingest's ingress).
        assertThat(broken(objects -> egressRule(objects, "broker", "iot-ingest").remove("ports")))
                .containsExactly("broker → iot-ingest:5684/UDP is allowed but is no designed path (no client configuration or "
                        + "wait-for-dependencies target of broker leads there)");
    }

    private static List<String> broken(Consumer<List<ObjectNode>> breakIt) {
        List<ObjectNode> objects = new ArrayList<>(Overlay.copy());
        breakIt.accept(objects);
        return NetworkPolicyChecks.problems(objects);
    }

    private static ObjectNode policy(List<ObjectNode> objects, String name) {
        return Overlay.find(objects, "NetworkPolicy", name);
    }

    /** The egress rule of a policy whose first peer selects the pods labelled so (app.kubernetes.io/name or k8s-app). */
    private static ObjectNode egressRule(List<ObjectNode> objects, String policy, String to) {
        for (JsonNode rule : policy(objects, policy).at("/spec/egress")) {
            JsonNode labels = rule.at("/to/0/podSelector/matchLabels");
            if (to.equals(labels.path("app.kubernetes.io/name").asText(null)) || to.equals(labels.path("k8s-app").asText(null))) {
                return (ObjectNode) rule;
            }
        }
        throw new AssertionError(policy + " has no egress rule to " + to);
    }
}
