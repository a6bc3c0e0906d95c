package dev.dispatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * notification-service as a client of Prosody, in both deployments (its dispatch.xmpp keys, XmppConfig). The host
 * must be the XMPP server, each port the listener its key names (c2s, http, component), and the domain, the bot,
 * its password and the component secret the very ones Prosody is given.
 */
class XmppClientChecksTest {

    private static final String SERVICE = "notification-service";

    private static final Function<String, ServiceConfig> CONFIGS = ServiceConfig::of;

    // --- Compose

    @Test
    void composePointingTheServiceAtProsodyIsConsistent() {
        assertThat(compose(compose -> { })).noneMatch(p -> p.contains("services." + SERVICE));
    }

    @Test
    void composeLeavingTheServiceOnItsLoopbackIsCaught() {
        assertThat(compose(compose -> env(compose).remove("DISPATCH_XMPP_HOST")))
                .anyMatch(p -> p.contains("services." + SERVICE + ": dispatch.xmpp.host defaults to 127.0.0.1 (the container itself): "
                        + "set DISPATCH_XMPP_HOST"));
        assertThat(compose(compose -> env(compose).put("DISPATCH_XMPP_HOST", "prosody")))
                .anyMatch(p -> p.contains("DISPATCH_XMPP_HOST=prosody names no service of this deployment"));
    }

    @Test
    void composeGivingAPortOfTheWrongListenerIsCaught() {
        assertThat(compose(compose -> env(compose).put("DISPATCH_XMPP_COMPONENT_PORT", "5222")))
                .anyMatch(p -> p.contains("dispatch.xmpp.component-port=5222 but Prosody's component port on xmpp is 5347"));
        assertThat(compose(compose -> env(compose).put("DISPATCH_XMPP_C2S_PORT", "5280")))
                .anyMatch(p -> p.contains("dispatch.xmpp.c2s-port=5280 but Prosody's c2s port on xmpp is 5222"));
        assertThat(compose(compose -> env(compose).put("DISPATCH_XMPP_HTTP_PORT", "5281")))
                .anyMatch(p -> p.contains("dispatch.xmpp.http-port=5281 but xmpp listens on [5222, 5280, 5347]"));
    }

    @Test
    void composeUsingAComponentPortProsodyDoesNotOpenIsCaught() {
        assertThat(compose(compose -> ((ObjectNode) compose.at("/services/xmpp/environment")).remove(Prosody.COMPONENT_SECRET)))
                .anyMatch(p -> p.contains("dispatch.xmpp.component-port=5347 but xmpp listens on [5222, 5280]"));
    }

    @Test
    void composeGivingTheServiceOtherCredentialsThanProsodysIsCaught() {
        assertThat(compose(compose -> env(compose).put("DISPATCH_XMPP_BOT_PASSWORD", "secret")))
                .anyMatch(p -> p.contains("services." + SERVICE + ": DISPATCH_XMPP_BOT_PASSWORD is \"secret\" but docker-compose.yml "
                        + "services.xmpp has DISPATCH_XMPP_BOT_PASSWORD = \"${DISPATCH_XMPP_BOT_PASSWORD:-dispatch-bot}\""));
        assertThat(compose(compose -> env(compose).put("DISPATCH_XMPP_DOMAIN", "example.org")))
                .anyMatch(p -> p.contains("DISPATCH_XMPP_DOMAIN is \"example.org\" but"));
    }

    @Test
    void composeGivingAVariableNoKeyReadsIsCaught() {
        assertThat(compose(compose -> env(compose).put("DISPATCH_XMPP_PORT", "5222")))
                .anyMatch(p -> p.contains("DISPATCH_XMPP_PORT maps to no configuration key that " + SERVICE + " reads"));
    }

    // --- Kubernetes

    @Test
    void kubernetesPointingTheServiceAtProsodyIsConsistent() {
        assertThat(kubernetes(objects -> { })).noneMatch(p -> p.contains("Deployment " + SERVICE));
    }

    @Test
    void kubernetesGivingTheServiceAnotherSecretThanProsodysIsCaught() {
        assertThat(kubernetes(objects -> ((ObjectNode) variable(objects, "DISPATCH_XMPP_BOT_PASSWORD").at("/valueFrom/secretKeyRef"))
                .put("key", "component-secret")))
                .anyMatch(p -> p.contains("Deployment " + SERVICE + " container " + SERVICE + ": DISPATCH_XMPP_BOT_PASSWORD is ")
                        && p.contains("\"key\":\"component-secret\"") && p.contains("StatefulSet xmpp"));
    }

    @Test
    void kubernetesGivingAPortOfTheWrongListenerOrAServiceWithoutItIsCaught() {
        assertThat(kubernetes(objects -> variable(objects, "DISPATCH_XMPP_COMPONENT_PORT").put("value", "5280")))
                .anyMatch(p -> p.contains("dispatch.xmpp.component-port=5280 but Prosody's component port on xmpp is 5347"));
        // The NodePort Service leads to Prosody too, but without its component port.
        assertThat(kubernetes(objects -> variable(objects, "DISPATCH_XMPP_HOST").put("value", "xmpp-public")))
                .anyMatch(p -> p.contains("dispatch.xmpp.component-port=5347 but xmpp-public listens on [5222, 5280]"));
    }

    @Test
    void kubernetesWaitingForProsodyOnItsClientPortIsConsistent() {
        assertThat(waitFor(Overlay.copy()).path("value").asText()).contains("xmpp:5222");
        assertThat(kubernetes(objects -> waitFor(objects).put("value", waitFor(objects).path("value").asText().replace("xmpp:5222", "xmpp:5269"))))
                .anyMatch(p -> p.contains("waits for xmpp:5269, which no Service of the manifests serves"));
    }

    // --- the deployments as committed, changed by each test

    private static List<String> compose(Consumer<ObjectNode> change) {
        ObjectNode compose = ComposeChecks.copy();
        change.accept(compose);
        return ComposeChecks.problems(compose, CONFIGS);
    }

    private static ObjectNode env(ObjectNode compose) {
        return (ObjectNode) compose.at("/services/" + SERVICE + "/environment");
    }

    private static List<String> kubernetes(Consumer<List<ObjectNode>> change) {
        List<ObjectNode> objects = new ArrayList<>(Overlay.copy());
        change.accept(objects);
        return ManifestChecks.problems(objects, CONFIGS);
    }

    private static void secret(ObjectNode variable, String key) {
        variable.putObject("valueFrom").putObject("secretKeyRef").put("name", "dispatch-xmpp").put("key", key);
    }

    private static ObjectNode container(List<ObjectNode> objects) {
        return (ObjectNode) Overlay.find(objects, "Deployment", SERVICE).at("/spec/template/spec/containers/0");
    }

    private static ObjectNode waitFor(List<ObjectNode> objects) {
        return (ObjectNode) Overlay.find(objects, "Deployment", SERVICE).at("/spec/template/spec/initContainers/0/env/0");
    }

    private static ObjectNode variable(List<ObjectNode> objects, String name) {
        for (JsonNode variable : container(objects).get("env")) {
            if (variable.path("name").asText().equals(name)) {
                return (ObjectNode) variable;
            }
        }
        throw new AssertionError(SERVICE + " has no " + name);
    }
}
