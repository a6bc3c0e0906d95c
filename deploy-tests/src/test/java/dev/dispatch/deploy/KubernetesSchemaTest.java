package dev.dispatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * Every manifest, as rendered for the kind overlay, is valid against the Kubernetes 1.34 API schema, strictly:
 * an unknown or misspelt field anywhere fails, as a wrong type does.
 */
class KubernetesSchemaTest {

    @Test
    void everyRenderedManifestIsValidForKubernetes134() {
        assertThat(Repo.KUBERNETES_VERSION).isEqualTo("1.34");
        List<String> problems = Overlay.rendered().stream().flatMap(object -> KubernetesSchema.problems(object).stream()).toList();
        assertThat(problems).isEmpty();
    }

    @Test
    void aMisspeltFieldDeepInAPodSpecFails() {
        ObjectNode deployment = Yaml.copy(Overlay.find(Overlay.rendered(), "Deployment", "order-service"));
        ObjectNode container = (ObjectNode) deployment.at("/spec/template/spec/containers/0");
        container.set("imagePulPolicy", container.remove("imagePullPolicy"));
        assertThat(KubernetesSchema.problems(deployment)).singleElement().asString()
                .contains("order-service/deployment.yaml").contains("imagePulPolicy").contains("V1Container");
    }

    @Test
    void aMisspeltFieldInAProbeFails() {
        ObjectNode deployment = Yaml.copy(Overlay.find(Overlay.rendered(), "Deployment", "gateway"));
        ObjectNode probe = (ObjectNode) deployment.at("/spec/template/spec/containers/0/readinessProbe");
        probe.put("periodSecond", 5);
        assertThat(KubernetesSchema.problems(deployment)).singleElement().asString().contains("periodSecond");
    }

    @Test
    void anUnknownTopLevelFieldFails() {
        ObjectNode service = Yaml.copy(Overlay.find(Overlay.rendered(), "Service", "gateway"));
        ((ObjectNode) service.get("spec")).put("replicas", 2);
        assertThat(KubernetesSchema.problems(service)).singleElement().asString().contains("replicas").contains("V1ServiceSpec");
    }

    @Test
    void aWrongTypeFails() {
        ObjectNode statefulSet = Yaml.copy(Overlay.find(Overlay.rendered(), "StatefulSet", "broker"));
        ((ArrayNode) statefulSet.at("/spec/template/spec/containers/0/ports")).addObject().put("containerPort", "five");
        assertThat(KubernetesSchema.problems(statefulSet)).isNotEmpty();
    }

    @Test
    void aMissingRequiredFieldFails() {
        ObjectNode deployment = Yaml.copy(Overlay.find(Overlay.rendered(), "Deployment", "payment-service"));
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0")).remove("name");
        assertThat(KubernetesSchema.problems(deployment)).singleElement().asString().contains("name");
    }

    @Test
    void theNetworkPoliciesAreValidatedAndAMisspeltFieldInOneFails() {
        assertThat(Overlay.rendered()).filteredOn(object -> object.path("kind").asText().equals("NetworkPolicy")).isNotEmpty()
                .allSatisfy(policy -> assertThat(KubernetesSchema.problems(policy)).isEmpty());
        ObjectNode policy = Yaml.copy(Overlay.find(Overlay.rendered(), "NetworkPolicy", "broker"));
        ObjectNode from = (ObjectNode) policy.at("/spec/ingress/0/from/0");
        from.set("podSelecter", from.remove("podSelector"));
        assertThat(KubernetesSchema.problems(policy)).singleElement().asString()
                .contains("network/broker.yaml").contains("podSelecter").contains("V1NetworkPolicyPeer");
        ObjectNode turn = Yaml.copy(Overlay.find(Overlay.rendered(), "NetworkPolicy", "turn"));
        ((ObjectNode) turn.at("/spec/egress/0/to/0/ipBlock")).remove("cidr");
        assertThat(KubernetesSchema.problems(turn)).singleElement().asString().contains("cidr");
        ObjectNode deny = Yaml.copy(Overlay.find(Overlay.rendered(), "NetworkPolicy", "default-deny"));
        deny.put("apiVersion", "extensions/v1beta1");
        assertThat(KubernetesSchema.problems(deny)).singleElement().asString().contains("expected networking.k8s.io/v1");
    }

    @Test
    void aWrongApiVersionFails() {
        ObjectNode budget = Yaml.copy(Overlay.find(Overlay.rendered(), "PodDisruptionBudget", "gateway"));
        budget.put("apiVersion", "policy/v1beta1");
        assertThat(KubernetesSchema.problems(budget)).singleElement().asString().contains("expected policy/v1");
    }
}
