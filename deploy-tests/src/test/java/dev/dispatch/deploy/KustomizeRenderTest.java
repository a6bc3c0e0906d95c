package dev.dispatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kind overlay renders to the expected objects, with the transformations kustomize would apply. */
class KustomizeRenderTest {

    @Test
    void theOverlayRendersEveryPartOfTheSystem() {
        assertThat(Kustomize.ids(Overlay.rendered())).containsExactlyInAnyOrder(
                "Namespace//dispatch",
                "StatefulSet/dispatch/postgres", "Service/dispatch/postgres",
                "StatefulSet/dispatch/broker", "Service/dispatch/broker",
                "StatefulSet/dispatch/xmpp", "Service/dispatch/xmpp",
                "Deployment/dispatch/turn", "Service/dispatch/turn",
                "Deployment/dispatch/jaeger", "Service/dispatch/jaeger",
                "Deployment/dispatch/payment-service", "Service/dispatch/payment-service", "PodDisruptionBudget/dispatch/payment-service",
                "Service/dispatch/payment-service-grpc", "HorizontalPodAutoscaler/dispatch/payment-service",
                "Deployment/dispatch/order-service", "Service/dispatch/order-service", "PodDisruptionBudget/dispatch/order-service",
                "Service/dispatch/order-service-grpc", "HorizontalPodAutoscaler/dispatch/order-service",
                "Deployment/dispatch/notification-service", "Service/dispatch/notification-service",
                "PodDisruptionBudget/dispatch/notification-service", "Service/dispatch/notification-service-grpc",
                "HorizontalPodAutoscaler/dispatch/notification-service",
                "StatefulSet/dispatch/iot-ingest", "Service/dispatch/iot-ingest", "PodDisruptionBudget/dispatch/iot-ingest",
                "Service/dispatch/iot-ingest-grpc", "HorizontalPodAutoscaler/dispatch/iot-ingest",
                "Deployment/dispatch/gateway", "Service/dispatch/gateway", "PodDisruptionBudget/dispatch/gateway",
                "HorizontalPodAutoscaler/dispatch/gateway",
                "Deployment/dispatch/web", "Service/dispatch/web", "PodDisruptionBudget/dispatch/web", "HorizontalPodAutoscaler/dispatch/web",
                "ConfigMap/dispatch/dispatch-broker-config", "ConfigMap/dispatch/dispatch-postgres-init",
                "ConfigMap/dispatch/dispatch-xmpp-config", "ConfigMap/dispatch/dispatch-turn-config",
                "Service/dispatch/gateway-public", "Service/dispatch/notification-service-public", "Service/dispatch/broker-mqtt-public",
                "Service/dispatch/iot-ingest-coaps-public", "Service/dispatch/xmpp-public", "Service/dispatch/web-public",
                "Service/dispatch/broker-stomp-ws-public", "Service/dispatch/turn-public", "Service/dispatch/jaeger-public",
                "Secret/dispatch/dispatch-db", "Secret/dispatch/dispatch-broker", "Secret/dispatch/dispatch-coap",
                "Secret/dispatch/dispatch-xmpp", "Secret/dispatch/dispatch-turn",
                "ConfigMap/dispatch/dispatch-jwt",
                "Secret/dispatch/dispatch-internal-gateway", "Secret/dispatch/dispatch-internal-order-service",
                "ConfigMap/dispatch/dispatch-internal-keys",
                "Secret/dispatch/dispatch-grpc-tls-order-service", "Secret/dispatch/dispatch-grpc-tls-payment-service",
                "Secret/dispatch/dispatch-grpc-tls-notification-service", "Secret/dispatch/dispatch-grpc-tls-iot-ingest",
                "ConfigMap/dispatch/dispatch-grpc-ca",
                "NetworkPolicy/dispatch/default-deny", "NetworkPolicy/dispatch/dns", "NetworkPolicy/dispatch/gateway",
                "NetworkPolicy/dispatch/order-service", "NetworkPolicy/dispatch/payment-service",
                "NetworkPolicy/dispatch/notification-service", "NetworkPolicy/dispatch/iot-ingest", "NetworkPolicy/dispatch/web",
                "NetworkPolicy/dispatch/postgres", "NetworkPolicy/dispatch/broker", "NetworkPolicy/dispatch/xmpp",
                "NetworkPolicy/dispatch/turn", "NetworkPolicy/dispatch/jaeger");
    }

    @Test
    void theOverlayTagsOurImagesAndNeverPullsThem() {
        for (String service : Repo.SERVICES) {
            // iot-ingest is a StatefulSet (its pods' names are their MQTT client ids), the others Deployments.
            ObjectNode deployment = Overlay.find(Overlay.rendered(), service.equals("iot-ingest") ? "StatefulSet" : "Deployment", service);
            var pod = deployment.path("spec").path("template").path("spec");
            assertThat(pod.path("containers").path(0).path("image").asText()).isEqualTo(Repo.image(service));
            assertThat(pod.path("containers").path(0).path("imagePullPolicy").asText()).isEqualTo("Never");
            // The wait-for-dependencies init container (web, which calls no other service, has none).
            assertThat(pod.path("initContainers").size()).as(service + " init containers").isEqualTo(service.equals("web") ? 0 : 1);
            pod.path("initContainers").forEach(init -> {
                assertThat(init.path("image").asText()).isEqualTo(Repo.image(service));
                assertThat(init.path("imagePullPolicy").asText()).isEqualTo("Never");
            });
        }
        // The broker is ours too (apache/artemis plus broker-security); the images of others are left as the base has them.
        var broker = Overlay.find(Overlay.rendered(), "StatefulSet", "broker").path("spec").path("template").path("spec").path("containers").path(0);
        assertThat(broker.path("image").asText()).isEqualTo(BrokerImage.image());
        assertThat(broker.path("imagePullPolicy").asText()).isEqualTo("Never");
        var turn = Overlay.find(Overlay.rendered(), "Deployment", "turn").path("spec").path("template").path("spec").path("containers").path(0);
        assertThat(turn.path("imagePullPolicy").asText()).isEqualTo("IfNotPresent");
    }

    @Test
    void generatedConfigMapsCarryTheRepositoryFilesVerbatim() {
        assertThat(Overlay.find(Overlay.rendered(), "ConfigMap", "dispatch-broker-config").path("data").path("broker.xml").asText())
                .isEqualTo(Repo.read(BrokerConfig.FILE));
        assertThat(Overlay.find(Overlay.rendered(), "ConfigMap", "dispatch-postgres-init").path("data").path("init-databases.sql").asText())
                .isEqualTo(Repo.read(Postgres.INIT_SCRIPT));
        ObjectNode prosody = Overlay.find(Overlay.rendered(), "ConfigMap", "dispatch-xmpp-config");
        assertThat(prosody.path("data").path("prosody.cfg.lua").asText()).isEqualTo(Repo.read(Prosody.FILE));
        // The render records each key's file: what the checks compare a mounted configuration with.
        assertThat(prosody.path("x-files").path("prosody.cfg.lua").asText()).isEqualTo(Prosody.FILE);
    }

    @Test
    void theSecretsComeFromFilesThatDeploySecretsShMakes() {
        ObjectNode secret = Overlay.find(Overlay.rendered(), "Secret", "dispatch-db");
        assertThat(secret.path("data").path("password").asText()).isNotEmpty();
        assertThat(Base64.getDecoder().decode(secret.path("data").path("password").asText())).isNotEmpty();
        String script = Repo.read("deploy/secrets.sh");
        assertThat(script).contains("KIND_SECRETS=\"${DISPATCH_KIND_SECRETS:-$ROOT/" + Overlay.DIRECTORY + "/secrets}\"");
        for (String file : List.of("db-password", "broker-password", "coap-credential-key", "jwt-public.pem",
                "xmpp-bot-password", "xmpp-component-secret")) {
            assertThat(SecretsScript.writesKindSecret(file)).as("deploy/secrets.sh writes %s", file).isTrue();
        }
        // iot-ingest's CoAP credential key comes from its Secret, whose file the script makes.
        assertThat(Overlay.find(Overlay.rendered(), "Secret", "dispatch-coap").path("data").has("credential-key")).isTrue();
        // Prosody's bot password and component secret, which notification-service gets from the same Secret.
        assertThat(Overlay.find(Overlay.rendered(), "Secret", "dispatch-xmpp").path("x-files").toString())
                .contains("\"bot-password\":\"" + Overlay.DIRECTORY + "/secrets/xmpp-bot-password\"")
                .contains("\"component-secret\":\"" + Overlay.DIRECTORY + "/secrets/xmpp-component-secret\"");
        // Whatever the render stood in for is one of those files, never a committed one.
        assertThat(Overlay.stoodIn()).allMatch(file -> file.startsWith(Overlay.SECRETS));
        assertThat(Repo.read(Overlay.DIRECTORY + "/secrets/.gitignore")).contains("*\n!.gitignore");
    }

    @Test
    void withoutTheSecretsFilesTheRenderFailsAndSaysWhichFile() {
        // As on a fresh clone, whether or not deploy/secrets.sh has run on this machine: the secrets files are missing.
        Kustomize withoutSecrets = new Kustomize(file -> {
            if (file.startsWith(Overlay.SECRETS)) {
                throw new java.nio.file.NoSuchFileException(file.toString());
            }
            return Files.readAllBytes(file);
        });
        assertThatThrownBy(() -> withoutSecrets.build(Repo.path(Overlay.DIRECTORY)))
                .hasMessageContaining("cannot read").hasMessageContaining("/secrets/");
    }

    @Test
    void theRendererRefusesWhatItDoesNotUnderstand(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                commonLabels:
                  app: x
                """);
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("'commonLabels' is not supported");

        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                configMapGenerator:
                  - name: outside
                    files:
                      - ../../etc/passwd
                generatorOptions:
                  disableNameSuffixHash: true
                """);
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("outside the kustomization's directory");
    }

    @Test
    void aPatchThatMissesItsPathFails(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - %s
                patches:
                  - patch: |-
                      - op: replace
                        path: /spec/template/spec/containers/0/imagePulPolicy
                        value: Never
                    target:
                      kind: Deployment
                      name: gateway
                """.formatted(dir.relativize(Repo.path(Overlay.DIRECTORY))));
        assertThatThrownBy(() -> new Kustomize(new Kustomize.DiskFiles(file -> file.toString().contains("/secrets/"))).build(dir))
                .hasMessageContaining("imagePulPolicy").hasMessageContaining("no such path");
    }
}
