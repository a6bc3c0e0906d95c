package dev.dispatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * notification-service handing the browsers coturn for calls, in both deployments (its dispatch.calls keys,
 * CallsConfig): each STUN/TURN URL is a host address that reaches, over the URL's transport, a port coturn listens
 * on with it; the TURN credentials are signed with the secret coturn checks, from the same source.
 */
class TurnClientChecksTest {

    private static final String SERVICE = "notification-service";

    // --- Compose

    @Test
    void composeHandsOutCoturnAsTheHostReachesItWithItsSecret() {
        assertThat(compose(compose -> { })).noneMatch(p -> p.contains("services." + SERVICE));
    }

    @Test
    void composeHandingOutAnAddressThatDoesNotReachCoturnIsCaught() {
        // The TCP port is no longer published: the tcp TURN URL leads nowhere.
        assertThat(compose(compose -> ((ArrayNode) compose.at("/services/turn/ports")).remove(1)))
                .anyMatch(p -> p.contains("services." + SERVICE + ": dispatch.calls.turn.urls has turn:127.0.0.1:3478?transport=tcp, "
                        + "which reaches nothing from the host over TCP, not coturn's TCP port [3478]"));
        // Another service's published port.
        assertThat(compose(compose -> env(compose).put("DISPATCH_CALLS_TURN_URLS", "turn:127.0.0.1:8080?transport=tcp")))
                .anyMatch(p -> p.contains("turn:127.0.0.1:8080?transport=tcp, which reaches gateway:8080 from the host over TCP, "
                        + "not coturn's TCP port [3478]"));
        // Published, but coturn listens elsewhere in the container.
        assertThat(compose(compose -> ((ArrayNode) compose.at("/services/turn/ports")).set(0, compose.textNode("127.0.0.1:3478:3479/udp"))))
                .anyMatch(p -> p.contains("dispatch.calls.stun-urls has stun:127.0.0.1:3478, which reaches turn:3479 from the host over UDP, "
                        + "not coturn's UDP port [3478]"));
    }

    @Test
    void composeHandingOutTheDeploymentsOwnNameOrAMalformedUrlIsCaught() {
        assertThat(compose(compose -> env(compose).put("DISPATCH_CALLS_STUN_URLS", "stun:turn:3478")))
                .anyMatch(p -> p.contains("services." + SERVICE + ": dispatch.calls.stun-urls has stun:turn:3478, which must be "
                        + "stun:HOST:PORT or turn:HOST:PORT[?transport=udp|tcp] with a host address of the browser's machine"));
        assertThat(compose(compose -> env(compose).put("DISPATCH_CALLS_TURN_URLS", "turns:127.0.0.1:5349?transport=tcp")))
                .anyMatch(p -> p.contains("dispatch.calls.turn.urls has turns:127.0.0.1:5349?transport=tcp, which must be"));
        assertThat(compose(compose -> env(compose).put("DISPATCH_CALLS_STUN_URLS", "stun:127.0.0.1:3478?transport=tcp")))
                .anyMatch(p -> p.contains("dispatch.calls.stun-urls has stun:127.0.0.1:3478?transport=tcp, which must be"));
    }

    @Test
    void composeSigningWithAnotherSecretThanCoturnsOrNoneIsCaught() {
        assertThat(compose(compose -> env(compose).put("DISPATCH_CALLS_TURN_SECRET", "${DISPATCH_CALLS_SECRET:-dispatch-turn}")))
                .anyMatch(p -> p.contains("services." + SERVICE + ": DISPATCH_CALLS_TURN_SECRET is \"${DISPATCH_CALLS_SECRET:-dispatch-turn}\" "
                        + "but docker-compose.yml services.turn has DISPATCH_TURN_SECRET = \"${DISPATCH_TURN_SECRET:-dispatch-turn}\""));
        assertThat(compose(compose -> env(compose).remove("DISPATCH_CALLS_TURN_SECRET")))
                .anyMatch(p -> p.contains("services." + SERVICE + ": " + SERVICE + " hands out TURN servers: set DISPATCH_CALLS_TURN_SECRET "
                        + "from the source of coturn's --static-auth-secret"));
    }

    // --- Kubernetes

    @Test
    void kubernetesHandsOutCoturnAsTheHostReachesItWithItsSecret() {
        assertThat(kubernetes(objects -> { })).noneMatch(p -> p.contains("Deployment " + SERVICE));
    }

    @Test
    void kubernetesHandingOutAnAddressThatDoesNotReachCoturnIsCaught() {
        // Without the NodePort Service the host's 3478 (mapped by cluster.yaml) leads nowhere, on both transports.
        assertThat(kubernetes(objects -> objects.removeIf(o -> Kustomize.id(o).equals("Service/dispatch/turn-public"))))
                .anyMatch(p -> p.contains("Deployment " + SERVICE + " container " + SERVICE + ": dispatch.calls.stun-urls has "
                        + "stun:127.0.0.1:3478, which reaches nothing from the host over UDP"))
                .anyMatch(p -> p.contains("turn:127.0.0.1:3478?transport=tcp, which reaches nothing from the host over TCP"));
        // The NodePort's UDP port, made TCP: the host's UDP 3478 reaches nothing (and the TCP one is declared twice).
        assertThat(kubernetes(objects -> ((ObjectNode) Overlay.find(objects, "Service", "turn-public").at("/spec/ports/0"))
                .put("protocol", "TCP")))
                .anyMatch(p -> p.contains("stun:127.0.0.1:3478, which reaches nothing from the host over UDP"));
        assertThat(kubernetes(objects -> variable(objects, "DISPATCH_CALLS_TURN_URLS").put("value", "turn:127.0.0.1:8083?transport=tcp")))
                .anyMatch(p -> p.contains("turn:127.0.0.1:8083?transport=tcp, which reaches notification-service:8083 from the host over "
                        + "TCP, not coturn's TCP port [3478]"));
    }

    @Test
    void kubernetesSigningWithAnotherSecretThanCoturnsIsCaught() {
        assertThat(kubernetes(objects -> ((ObjectNode) variable(objects, "DISPATCH_CALLS_TURN_SECRET").at("/valueFrom/secretKeyRef"))
                .put("name", "dispatch-xmpp").put("key", "component-secret")))
                .anyMatch(p -> p.contains("Deployment " + SERVICE + " container " + SERVICE + ": DISPATCH_CALLS_TURN_SECRET is ")
                        && p.contains("\"name\":\"dispatch-xmpp\"") && p.contains("Deployment turn container turn has DISPATCH_TURN_SECRET"));
        assertThat(kubernetes(objects -> {
            variable(objects, "DISPATCH_CALLS_TURN_SECRET").remove("valueFrom");
            variable(objects, "DISPATCH_CALLS_TURN_SECRET").put("value", "dispatch-turn");
        })).anyMatch(p -> p.contains("DISPATCH_CALLS_TURN_SECRET is {\"value\":\"dispatch-turn\"} but"));
    }

    // --- the deployments as committed, changed by each test

    private static List<String> compose(Consumer<ObjectNode> change) {
        ObjectNode compose = ComposeChecks.copy();
        change.accept(compose);
        return ComposeChecks.problems(compose);
    }

    private static ObjectNode env(ObjectNode compose) {
        return (ObjectNode) compose.at("/services/" + SERVICE + "/environment");
    }

    private static List<String> kubernetes(Consumer<List<ObjectNode>> change) {
        List<ObjectNode> objects = new ArrayList<>(Overlay.copy());
        change.accept(objects);
        return ManifestChecks.problems(objects);
    }

    private static ObjectNode variable(List<ObjectNode> objects, String name) {
        for (JsonNode variable : Overlay.find(objects, "Deployment", SERVICE).at("/spec/template/spec/containers/0/env")) {
            if (variable.path("name").asText().equals(name)) {
                return (ObjectNode) variable;
            }
        }
        throw new AssertionError(SERVICE + " has no " + name);
    }
}
