package dev.dispatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * coturn, the TURN server of the calls, as bin/run, Compose and Kubernetes start it: one turnserver.conf, the secret
 * coturn checks being the one notification-service signs the browsers' credentials with, and the TURN addresses
 * notification-service hands out being the ones the host can reach.
 */
class TurnConfigTest {

    static final String FILE = "k8s/base/turn/turnserver.conf";
    private static final Pattern TURN_URL_PORT = Pattern.compile("^(?:stun|turn):127\\.0\\.0\\.1:(\\d+)(?:\\?transport=(udp|tcp))?$");

    @Test
    void theConfigurationUsesSharedSecretCredentialsAndHoldsNoSecret() {
        List<String> lines = settings();
        assertThat(lines).contains("use-auth-secret", "fingerprint", "no-cli", "no-multicast-peers");
        // The secret comes on the command line from each environment's own source, never from the repository; no
        // static accounts either, and loopback relaying is for the local run only.
        assertThat(lines).noneMatch(line -> line.startsWith("static-auth-secret") || line.startsWith("user=")
                || line.startsWith("lt-cred-mech") || line.startsWith("allow-loopback-peers") || line.startsWith("cli-password"));
        // A relay must not reach private networks (the cluster's, the host's): every private IPv4 range is denied.
        assertThat(lines).contains("denied-peer-ip=10.0.0.0-10.255.255.255", "denied-peer-ip=172.16.0.0-172.31.255.255",
                "denied-peer-ip=192.168.0.0-192.168.255.255", "denied-peer-ip=169.254.0.0-169.254.255.255",
                "denied-peer-ip=100.64.0.0-100.127.255.255");
    }

    @Test
    void composeStartsCoturnFromTheFileWithTheSecretNotificationServiceSignsWith() {
        JsonNode compose = ComposeChecks.read();
        JsonNode turn = compose.path("services").path("turn");
        String command = String.join(" ", strings(turn.path("entrypoint"))).replace("$$", "$");
        String mounted = mountOf(strings(turn.path("volumes")), "./" + FILE);
        assertThat(command).contains("turnserver -c " + mounted).contains("--static-auth-secret=\"$DISPATCH_TURN_SECRET\"")
                .contains("--listening-port=3478").doesNotContain("allow-loopback-peers")
                // Its own address is the one private peer it relays to: the other browser's relay allocation.
                .contains("--allowed-peer-ip=\"$(hostname -i");
        String secret = turn.path("environment").path("DISPATCH_TURN_SECRET").asText();
        JsonNode notification = compose.path("services").path("notification-service").path("environment");
        assertThat(notification.path("DISPATCH_CALLS_TURN_SECRET").asText()).isEqualTo(secret).startsWith("${DISPATCH_TURN_SECRET");
        assertThat(ports(notification.path("DISPATCH_CALLS_TURN_URLS").asText() + "," + notification.path("DISPATCH_CALLS_STUN_URLS").asText()))
                .containsExactlyInAnyOrder("3478/udp", "3478/tcp", "3478/udp");
        assertThat(ComposeChecks.published(compose)).contains(new ComposeChecks.Published("turn", 3478, "udp"),
                new ComposeChecks.Published("turn", 3478, "tcp"));
    }

    @Test
    void kubernetesStartsCoturnFromTheConfigMapWithTheSecretNotificationServiceSignsWith() {
        List<ObjectNode> objects = Overlay.rendered();
        ObjectNode turn = Overlay.find(objects, "Deployment", "turn");
        JsonNode pod = turn.path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        List<String> args = strings(container.path("args"));
        assertThat(strings(container.path("command"))).containsExactly("turnserver");
        assertThat(args).containsSequence("-c", "/etc/dispatch/turnserver.conf")
                .contains("--static-auth-secret=$(DISPATCH_TURN_SECRET)", "--allowed-peer-ip=$(POD_IP)", "--listening-port=3478")
                .noneMatch(arg -> arg.contains("allow-loopback-peers"));
        assertThat(container.path("imagePullPolicy").asText()).as("a public image: the kind overlay must not forbid pulling it")
                .isEqualTo("IfNotPresent");
        // The file mounted at /etc/dispatch is this repository's turnserver.conf, through the ConfigMap.
        String configMap = pod.path("volumes").findValues("configMap").get(0).path("name").asText();
        ObjectNode config = Overlay.find(objects, "ConfigMap", configMap);
        assertThat(config.path("data").path("turnserver.conf").asText()).isEqualTo(Repo.read(FILE));

        JsonNode turnSecret = env(container, "DISPATCH_TURN_SECRET").path("valueFrom").path("secretKeyRef");
        JsonNode notification = Overlay.find(objects, "Deployment", "notification-service").path("spec").path("template")
                .path("spec").path("containers").get(0);
        assertThat(env(notification, "DISPATCH_CALLS_TURN_SECRET").path("valueFrom").path("secretKeyRef")).isEqualTo(turnSecret);
        assertThat(Overlay.find(objects, "Secret", turnSecret.path("name").asText()).path("data").has(turnSecret.path("key").asText()))
                .isTrue();
        Set<String> handedOut = new TreeSet<>(ports(env(notification, "DISPATCH_CALLS_TURN_URLS").path("value").asText()));
        assertThat(handedOut).containsExactly("3478/tcp", "3478/udp");
    }

    @Test
    void theLocalRunStartsCoturnFromTheSameFileOnLoopbackAndHandsOutItsAddress() {
        String run = Repo.read("bin/run");
        assertThat(run).contains("turnserver -c \"$ROOT/" + FILE + "\" --listening-ip=127.0.0.1 --relay-ip=127.0.0.1")
                .contains("--static-auth-secret=\"$(cat \"$TURN_DIR/secret\")\" --allow-loopback-peers")
                .contains("DISPATCH_CALLS_TURN_SECRET=$(cat \"$TURN_DIR/secret\")")
                .contains("DISPATCH_CALLS_TURN_URLS=turn:127.0.0.1:$TURN_PORT?transport=udp,turn:127.0.0.1:$TURN_PORT?transport=tcp");
        assertThat(Repo.read(".ci/run")).contains("apt_install coturn");
    }

    private static List<String> settings() {
        return Repo.read(FILE).lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array.isTextual()) {
            values.add(array.asText());
        }
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String mountOf(List<String> volumes, String source) {
        return volumes.stream().map(volume -> volume.split(":")).filter(parts -> parts[0].equals(source)).map(parts -> parts[1])
                .findFirst().orElseThrow(() -> new AssertionError("the turn service does not mount " + source));
    }

    private static JsonNode env(JsonNode container, String name) {
        for (JsonNode variable : container.path("env")) {
            if (variable.path("name").asText().equals(name)) {
                return variable;
            }
        }
        throw new AssertionError(container.path("name").asText() + " has no " + name);
    }

    /** "port/transport" of each STUN/TURN URL as a browser reaches it (STUN and transport-less TURN: UDP). */
    private static List<String> ports(String urls) {
        return Arrays.stream(urls.split(",")).map(String::strip).map(url -> {
            Matcher matcher = TURN_URL_PORT.matcher(url);
            assertThat(matcher.matches()).as("a STUN/TURN URL on 127.0.0.1: %s", url).isTrue();
            assertThat(URI.create(url).getScheme()).isIn("stun", "turn");
            return matcher.group(1) + "/" + (matcher.group(2) == null ? "udp" : matcher.group(2));
        }).toList();
    }
}
