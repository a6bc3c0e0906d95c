package dev.dispatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** k8s/kind/cluster.yaml: the Kubernetes version the manifests are validated for, and the way in from the host. */
class KindClusterTest {

    record Cluster(String kind, String apiVersion, String name, List<Node> nodes) {
    }

    record Node(String role, String image, List<PortMapping> extraPortMappings) {
    }

    record PortMapping(int containerPort, int hostPort, String listenAddress, String protocol) {
    }

    /** Read strictly: a field kind does not have (or a misspelt one) fails. */
    static Cluster cluster() throws Exception {
        JsonNode yaml = Yaml.document(Repo.read("k8s/kind/cluster.yaml"), "k8s/kind/cluster.yaml");
        return Yaml.YAML.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).treeToValue(yaml, Cluster.class);
    }

    @Test
    void theClusterRunsTheKubernetesVersionTheManifestsAreValidatedFor() throws Exception {
        Cluster cluster = cluster();
        assertThat(cluster.kind()).isEqualTo("Cluster");
        assertThat(cluster.apiVersion()).isEqualTo("kind.x-k8s.io/v1alpha4");
        assertThat(cluster.name()).isEqualTo("dispatch");
        assertThat(cluster.nodes()).singleElement().satisfies(node -> {
            assertThat(node.role()).isEqualTo("control-plane");
            assertThat(node.image()).startsWith("kindest/node:v" + Repo.KUBERNETES_VERSION + ".");
        });
    }

    @Test
    void theHostReachesTheSamePortsAsWithComposeExceptPlainCoap() throws Exception {
        Map<String, PortMapping> mappingByNodePort = new TreeMap<>();
        for (PortMapping mapping : cluster().nodes().get(0).extraPortMappings()) {
            assertThat(mapping.listenAddress()).isEqualTo("127.0.0.1");
            assertThat(mapping.protocol()).isIn("TCP", "UDP");
            mappingByNodePort.put(mapping.containerPort() + "/" + mapping.protocol(), mapping);
        }
        Set<ComposeChecks.Published> reachable = new TreeSet<>();
        for (JsonNode object : Overlay.rendered()) {
            if (object.path("kind").asText().equals("Service") && object.path("spec").path("type").asText().equals("NodePort")) {
                String service = object.path("spec").path("selector").path("app.kubernetes.io/name").asText();
                for (JsonNode port : object.path("spec").path("ports")) {
                    String nodePort = port.path("nodePort").asInt() + "/" + ManifestChecks.protocol(port);
                    assertThat(mappingByNodePort).as("cluster.yaml maps NodePort " + nodePort + " (same protocol)").containsKey(nodePort);
                    PortMapping mapping = mappingByNodePort.get(nodePort);
                    reachable.add(new ComposeChecks.Published(service, mapping.hostPort(), mapping.protocol().toLowerCase()));
                }
            }
        }
        // Plain coap is off in Kubernetes: the one port Compose publishes that kind does not.
        Set<ComposeChecks.Published> expected = new TreeSet<>(ComposeChecks.PUBLISHED);
        expected.remove(ComposeChecks.PLAIN_COAP);
        assertThat(reachable).isEqualTo(expected);
        assertThat(mappingByNodePort).hasSameSizeAs(reachable);
        assertThat(ComposeChecks.published(ComposeChecks.read())).isEqualTo(new TreeSet<>(ComposeChecks.PUBLISHED));
    }
}
