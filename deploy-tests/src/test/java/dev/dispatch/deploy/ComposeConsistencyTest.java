package dev.dispatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** docker-compose.yml agrees with the code and starts in a health-gated order; each kind of mistake is caught. */
class ComposeConsistencyTest {

    @Test
    void theComposeFileIsConsistent() {
        assertThat(ComposeChecks.problems(ComposeChecks.read())).isEmpty();
    }

    @Test
    void everyServiceOfTheSystemIsInIt() {
        List<String> services = new java.util.ArrayList<>();
        ComposeChecks.read().path("services").fieldNames().forEachRemaining(services::add);
        assertThat(services).containsExactlyInAnyOrder("postgres", "broker", "xmpp", "turn", "jaeger", "gateway", "order-service",
                "payment-service", "notification-service", "iot-ingest", "web");
    }

    @Test
    void aDependencyOnAServiceThatDoesNotExistIsCaught() {
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/gateway/depends_on")).putObject("orders")
                .put("condition", "service_healthy")))
                .anyMatch(p -> p.contains("services.gateway: depends_on orders, which is not a service"));
    }

    @Test
    void aDependencyCycleIsCaught() {
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/payment-service/depends_on")).putObject("gateway")
                .put("condition", "service_healthy")))
                .anyMatch(p -> p.contains("depends_on forms a cycle"));
    }

    @Test
    void aDependencyThatDoesNotWaitForHealthIsCaught() {
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/order-service/depends_on/broker"))
                .put("condition", "service_started")))
                .anyMatch(p -> p.contains("depends_on broker must have condition: service_healthy"));
    }

    @Test
    void aServiceWithoutHealthcheckIsCaught() {
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/postgres")).remove("healthcheck")))
                .anyMatch(p -> p.contains("services.postgres: no healthcheck"))
                .anyMatch(p -> p.contains("depends_on postgres, which has no healthcheck"));
    }

    @Test
    void aHealthcheckOnTheWrongPortIsCaught() {
        assertThat(broken(compose -> {
            ArrayNode test = (ArrayNode) compose.at("/services/iot-ingest/healthcheck/test");
            test.set(test.size() - 1, test.textNode("http://127.0.0.1:8080/q/health/ready"));
        })).anyMatch(p -> p.contains("services.iot-ingest: the healthcheck must ask http://127.0.0.1:8084/q/health/ready"));
    }

    @Test
    void anExtraPublishedPortIsCaught() {
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/postgres")).putArray("ports").add("127.0.0.1:5432:5432")))
                .anyMatch(p -> p.contains("only [broker 1883/tcp, broker 61614/tcp, gateway 8080/tcp, iot-ingest 5683/udp, iot-ingest 5684/udp, "
                        + "jaeger 16686/tcp, notification-service 8083/tcp, turn 3478/tcp, turn 3478/udp, web 8085/tcp, xmpp 5222/tcp, "
                        + "xmpp 5280/tcp] may be reachable"));
        // Jaeger's OTLP receiver is for the services, not the host.
        assertThat(broken(compose -> ((ArrayNode) compose.at("/services/jaeger/ports")).add("127.0.0.1:4317:4317")))
                .anyMatch(p -> p.contains("publishes [") && p.contains("jaeger 4317/tcp, ") && p.contains("; only"));
        assertThat(broken(compose -> ((ArrayNode) compose.at("/services/xmpp/ports")).add("127.0.0.1:5347:5347")))
                .anyMatch(p -> p.contains("publishes [") && p.contains("xmpp 5347/tcp]; only"));
    }

    @Test
    void aPublishedPortNobodyListensOnIsCaught() {
        assertThat(broken(compose -> ((ArrayNode) compose.at("/services/gateway/ports")).set(0,
                compose.textNode("127.0.0.1:8080:8081"))))
                .anyMatch(p -> p.contains("publishes container port 8081/tcp, but it listens on TCP [8080]"));
    }

    @Test
    void aCoapPortPublishedAsTcpOrToAPortNothingListensOnIsCaught() {
        assertThat(broken(compose -> ((ArrayNode) compose.at("/services/iot-ingest/ports")).set(1,
                compose.textNode("127.0.0.1:5684:5684"))))
                .anyMatch(p -> p.contains("publishes container port 5684/tcp, but it listens on TCP [8084]"));
        assertThat(broken(compose -> ((ArrayNode) compose.at("/services/iot-ingest/ports")).set(1,
                compose.textNode("127.0.0.1:5684:5685/udp"))))
                .anyMatch(p -> p.contains("publishes container port 5685/udp, but it listens on UDP [5683, 5684]"));
    }

    @Test
    void plainCoapPublishedWhileSwitchedOffIsCaught() {
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/iot-ingest/environment"))
                .put("DISPATCH_COAP_PLAIN_ENABLED", "false")))
                .anyMatch(p -> p.contains("publishes container port 5683/udp, but it listens on UDP [5684]"));
    }

    @Test
    void theCoapCredentialKeyWrittenIntoTheFileOrLeftOutIsCaught() {
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/iot-ingest/environment"))
                .put("DISPATCH_COAP_CREDENTIAL_KEY", "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTI=")))
                .anyMatch(p -> p.contains("DISPATCH_COAP_CREDENTIAL_KEY is set in environment and in env_file ./.dispatch/compose/iot-ingest.env"));
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/iot-ingest")).remove("env_file")))
                .anyMatch(p -> p.contains("iot-ingest needs dispatch.iot.coap.credential-key"));
        assertThat(broken(compose -> {
            ((ObjectNode) compose.at("/services/iot-ingest")).remove("env_file");
            ((ObjectNode) compose.at("/services/iot-ingest/environment")).put("DISPATCH_COAP_CREDENTIAL_KEY", "c2VjcmV0");
        })).anyMatch(p -> p.contains("DISPATCH_COAP_CREDENTIAL_KEY is written into the file"));
    }

    @Test
    void anEnvFileThatDeploySecretsShDoesNotMakeIsCaught() {
        assertThat(broken(compose -> ((ArrayNode) compose.at("/services/iot-ingest/env_file")).set(0,
                compose.textNode("./.dispatch/compose/iot.env"))))
                .anyMatch(p -> p.contains("env_file ./.dispatch/compose/iot.env is not made by deploy/secrets.sh"));
        assertThat(broken(compose -> ((ArrayNode) compose.at("/services/iot-ingest/env_file")).set(0,
                compose.textNode("./iot-ingest.env"))))
                .anyMatch(p -> p.contains("env_file ./iot-ingest.env must be under ./.dispatch/"));
    }

    @Test
    void anEnvironmentVariableTheServiceDoesNotReadIsCaught() {
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/order-service/environment"))
                .put("DISPATCH_BROKER_PORT", "5672")))
                .anyMatch(p -> p.contains("DISPATCH_BROKER_PORT maps to no configuration key that order-service reads"));
    }

    @Test
    void aHostThatIsNoComposeServiceIsCaught() {
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/payment-service/environment"))
                .put("DISPATCH_DB_HOST", "db")))
                .anyMatch(p -> p.contains("DISPATCH_DB_HOST=db names no service"));
    }

    @Test
    void aGrpcPortTheTargetDoesNotListenOnIsCaught() {
        // The Stork DNS discovery's port (the services' default: the server's plain gRPC port), moved.
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/gateway/environment"))
                .put("QUARKUS_STORK_ORDER_SERVICE_SERVICE_DISCOVERY_PORT", "9000")))
                .anyMatch(p -> p.contains("services.gateway: gRPC client orders (Stork service order-service, dns) → order-service:9000: "
                        + "order-service serves [8081], not 9000"));
    }

    @Test
    void aPasswordThatDiffersFromTheDatabasesIsCaught() {
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/iot-ingest/environment"))
                .put("DISPATCH_DB_PASSWORD", "postgres")))
                .anyMatch(p -> p.contains("DISPATCH_DB_PASSWORD") && p.contains("POSTGRES_PASSWORD"));
    }

    @Test
    void aBrokerVariableThatIsNeitherImageNorPlaceholderIsCaught() {
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/broker/environment")).put("ARTEMIS_PASSWD", "x")))
                .anyMatch(p -> p.contains("ARTEMIS_PASSWD is neither a variable of the Artemis image"));
    }

    @Test
    void aMissingBindMountSourceIsCaught() {
        assertThat(broken(compose -> ((ArrayNode) compose.at("/services/broker/volumes")).set(1,
                compose.textNode("./dev-broker/src/main/resources/broker.xml:/var/lib/artemis-instance/etc-override/broker.xml:ro"))))
                .anyMatch(p -> p.contains("bind mount ./dev-broker/src/main/resources/broker.xml does not exist"));
    }

    @Test
    void aWritableServiceContainerIsCaught() {
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/gateway")).remove("read_only")))
                .anyMatch(p -> p.contains("services.gateway: read_only: true"));
    }

    // --- Prosody (services.xmpp)

    @Test
    void anXmppVariableProsodyDoesNotReadIsCaught() {
        assertThat(broken(compose -> xmppEnv(compose).put("DISPATCH_XMPP_PORT", "5222")))
                .anyMatch(p -> p.contains("services.xmpp: DISPATCH_XMPP_PORT is read neither by " + Prosody.FILE));
        // The image's own variables do nothing: the command replaces its entrypoint.
        assertThat(broken(compose -> xmppEnv(compose).put("PROSODY_ADMINS", "admin@dispatch.local")))
                .anyMatch(p -> p.contains("services.xmpp: PROSODY_ADMINS is read neither by"));
    }

    @Test
    void aVariableTheCommandNeedsButTheContainerLacksIsCaught() {
        assertThat(broken(compose -> xmppEnv(compose).remove("DISPATCH_XMPP_BOT_PASSWORD")))
                .anyMatch(p -> p.contains("services.xmpp: the command expands $DISPATCH_XMPP_BOT_PASSWORD, which the container is not given"));
    }

    @Test
    void anXmppPortThatDiffersFromWhatIsPublishedAndCheckedIsCaught() {
        List<String> problems = broken(compose -> xmppEnv(compose).put("DISPATCH_XMPP_C2S_PORT", "5223"));
        assertThat(problems)
                .anyMatch(p -> p.contains("services.xmpp: publishes container port 5222/tcp, but it listens on TCP [5223, 5280, 5347]"))
                .anyMatch(p -> p.contains("services.xmpp: the healthcheck asks ports [5222, 5280], but the container listens on TCP [5223, 5280, 5347]"))
                .anyMatch(p -> p.contains("services.xmpp: the healthcheck must connect to Prosody's client port 5223"));
        assertThat(broken(compose -> xmppEnv(compose).put("DISPATCH_XMPP_HTTP_PORT", "http")))
                .anyMatch(p -> p.contains("services.xmpp: DISPATCH_XMPP_HTTP_PORT=http is no port number"));
    }

    @Test
    void aHealthcheckThatDoesNotAskProsodysClientPortIsCaught() {
        assertThat(broken(compose -> ((ArrayNode) compose.at("/services/xmpp/healthcheck/test")).set(3,
                compose.textNode("(exec 3<>/dev/tcp/127.0.0.1/5280)"))))
                .anyMatch(p -> p.contains("services.xmpp: the healthcheck must connect to Prosody's client port 5222 (asks [5280])"));
    }

    @Test
    void prosodyListeningOnTheContainersLoopbackOnlyIsCaught() {
        assertThat(broken(compose -> xmppEnv(compose).remove("DISPATCH_XMPP_INTERFACES")))
                .anyMatch(p -> p.contains("services.xmpp: DISPATCH_XMPP_INTERFACES=127.0.0.1: Prosody would listen on the container's loopback only"));
    }

    @Test
    void prosodyRunAsRootIsCaught() {
        assertThat(broken(compose -> xmppEnv(compose).put("DISPATCH_XMPP_RUN_AS_ROOT", "true")))
                .anyMatch(p -> p.contains("services.xmpp: DISPATCH_XMPP_RUN_AS_ROOT=true"));
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/xmpp")).remove("user")))
                .anyMatch(p -> p.contains("services.xmpp: user: must name a non-root user"));
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/xmpp")).put("user", "0:0")))
                .anyMatch(p -> p.contains("services.xmpp: user: must name a non-root user (the image's prosody), not '0:0'"));
    }

    @Test
    void aWritableOrPrivilegedProsodyContainerIsCaught() {
        assertThat(broken(compose -> {
            ((ObjectNode) compose.at("/services/xmpp")).remove("read_only");
            ((ObjectNode) compose.at("/services/xmpp")).remove("cap_drop");
        })).anyMatch(p -> p.contains("services.xmpp: read_only: true with a tmpfs at /tmp"))
                .anyMatch(p -> p.contains("services.xmpp: cap_drop: [ALL]"));
    }

    @Test
    void aProsodyConfigurationOtherThanTheRepositorysIsCaught() {
        assertThat(broken(compose -> ((ArrayNode) compose.at("/services/xmpp/volumes")).set(1,
                compose.textNode("./k8s/base/broker/broker.xml:/etc/dispatch/prosody.cfg.lua:ro"))))
                .anyMatch(p -> p.contains("services.xmpp: /etc/dispatch/prosody.cfg.lua comes from k8s/base/broker/broker.xml, not from "
                        + Prosody.FILE));
        assertThat(broken(compose -> ((ArrayNode) compose.at("/services/xmpp/entrypoint")).set(2, compose.textNode(
                "exec prosody --config /etc/prosody/prosody.cfg.lua -F"))))
                .anyMatch(p -> p.contains("services.xmpp: Prosody is started with /etc/prosody/prosody.cfg.lua, which is not a file mounted"));
        // Without the command the image's entrypoint runs its own configuration.
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/xmpp")).remove("entrypoint")))
                .anyMatch(p -> p.contains("services.xmpp: the command must run Prosody in the foreground with the one configuration file"));
    }

    @Test
    void prosodysDataOffItsVolumeIsCaught() {
        assertThat(broken(compose -> xmppEnv(compose).put("DISPATCH_XMPP_DATA_DIR", "/data")))
                .anyMatch(p -> p.contains("services.xmpp: Prosody's data folder /data (DISPATCH_XMPP_DATA_DIR) must be on a named volume"));
    }

    @Test
    void aMissingXmppServerIsCaught() {
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services")).remove("xmpp")))
                .anyMatch(p -> p.contains("expected exactly one XMPP container, found 0"));
    }

    // --- coturn (services.turn)

    @Test
    void aTurnPortThatDiffersFromWhatIsPublishedAndCheckedIsCaught() {
        List<String> problems = broken(compose -> turnCommand(compose, command -> command.replace("--listening-port=3478", "--listening-port=3479")));
        assertThat(problems)
                .anyMatch(p -> p.contains("services.turn: publishes container port 3478/udp, but it listens on UDP [3479]"))
                .anyMatch(p -> p.contains("services.turn: publishes container port 3478/tcp, but it listens on TCP [3479]"))
                .anyMatch(p -> p.contains("services.turn: the healthcheck must ask coturn for a STUN binding on a UDP port it listens on [3479]"));
        // Without the option coturn listens on its default, 3478; -p is the same option.
        assertThat(broken(compose -> turnCommand(compose, command -> command.replace("--listening-port=3478 ", "")))).isEmpty();
        assertThat(broken(compose -> turnCommand(compose, command -> command.replace("--listening-port=3478", "-p 3479"))))
                .anyMatch(p -> p.contains("services.turn: publishes container port 3478/udp, but it listens on UDP [3479]"));
        assertThat(broken(compose -> turnCommand(compose, command -> command.replace("--listening-port=3478", "--listening-port=3478 --no-udp"))))
                .anyMatch(p -> p.contains("services.turn: publishes container port 3478/udp, but it listens on UDP []"));
        assertThat(broken(compose -> turnCommand(compose, command -> command.replace("--listening-port=3478", "--listening-port=stun"))))
                .anyMatch(p -> p.contains("services.turn: --listening-port=stun is no port number"));
    }

    @Test
    void aTurnHealthcheckThatAsksNoStunPortOfCoturnIsCaught() {
        assertThat(broken(compose -> ((ArrayNode) compose.at("/services/turn/healthcheck/test")).add("-p").add("3479")))
                .anyMatch(p -> p.contains("services.turn: the healthcheck must ask coturn for a STUN binding on a UDP port it listens on [3478]"));
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/turn/healthcheck")).putArray("test").add("CMD").add("true")))
                .anyMatch(p -> p.contains("services.turn: the healthcheck must ask coturn for a STUN binding"));
    }

    @Test
    void aTurnSecretWrittenIntoTheCommandOrNotGivenIsCaught() {
        assertThat(broken(compose -> turnCommand(compose, command -> command.replace("\"$$DISPATCH_TURN_SECRET\"", "dispatch-turn"))))
                .anyMatch(p -> p.contains("services.turn: --static-auth-secret is written into the command"))
                // and the variable it is given is then read by nothing
                .anyMatch(p -> p.contains("services.turn: DISPATCH_TURN_SECRET is not expanded by the container's command"));
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/turn/environment")).remove("DISPATCH_TURN_SECRET")))
                .anyMatch(p -> p.contains("services.turn: the command expands $DISPATCH_TURN_SECRET, which the container is not given"));
        assertThat(broken(compose -> turnCommand(compose, command -> command.replaceAll("--static-auth-secret=\\S+", ""))))
                .anyMatch(p -> p.contains("services.turn: coturn checks the calls' credentials with the shared secret"));
        // The image's variables do nothing: the command replaces its entrypoint.
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/turn/environment")).put("DETECT_EXTERNAL_IP", "yes")))
                .anyMatch(p -> p.contains("services.turn: DETECT_EXTERNAL_IP is not expanded by the container's command"));
    }

    @Test
    void aCoturnConfigurationOtherThanTheRepositorysIsCaught() {
        assertThat(broken(compose -> ((ArrayNode) compose.at("/services/turn/volumes")).set(0,
                compose.textNode("./k8s/base/broker/broker.xml:/etc/dispatch/turnserver.conf:ro"))))
                .anyMatch(p -> p.contains("services.turn: /etc/dispatch/turnserver.conf comes from k8s/base/broker/broker.xml, not from "
                        + Coturn.FILE));
        assertThat(broken(compose -> turnCommand(compose, command -> command.replace("-c /etc/dispatch/", "-c /etc/coturn/"))))
                .anyMatch(p -> p.contains("services.turn: coturn is started with /etc/coturn/turnserver.conf, which is not a file mounted"));
        // Without the command the image's entrypoint runs coturn with its own configuration; -n: with none.
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/turn")).remove("entrypoint")))
                .anyMatch(p -> p.contains("services.turn: the command must run turnserver in the foreground with the one configuration file"));
        assertThat(broken(compose -> turnCommand(compose, command -> command.replace("exec turnserver", "exec turnserver -n"))))
                .anyMatch(p -> p.contains("services.turn: the command must run turnserver in the foreground with the one configuration file"));
    }

    @Test
    void coturnAsRootWritableOrWithoutItsFileCapabilityIsCaught() {
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/turn")).put("user", "0")))
                .anyMatch(p -> p.contains("services.turn: user: must name a non-root user (the image's nobody), not '0'"));
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/turn")).remove("read_only")))
                .anyMatch(p -> p.contains("services.turn: read_only: true with a tmpfs at /tmp"));
        // The kernel would refuse to exec turnserver: "operation not permitted".
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/turn")).remove("cap_add")))
                .anyMatch(p -> p.contains("services.turn: cap_add: [NET_BIND_SERVICE], and only that") && p.contains("(has [])"));
        assertThat(broken(compose -> ((ArrayNode) compose.at("/services/turn/cap_add")).add("NET_ADMIN")))
                .anyMatch(p -> p.contains("services.turn: cap_add: [NET_BIND_SERVICE], and only that")
                        && p.contains("(has [NET_ADMIN, NET_BIND_SERVICE])"));
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/gateway")).putArray("cap_add").add("NET_BIND_SERVICE")))
                .anyMatch(p -> p.contains("services.gateway: cap_add [NET_BIND_SERVICE]: no container here needs a capability back"));
    }

    @Test
    void aMissingTurnServerIsCaught() {
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services")).remove("turn")))
                .anyMatch(p -> p.contains("expected exactly one TURN container, found 0"));
    }

    // --- internal tokens: the signing keys (InternalAuth)

    @Test
    void aSigningKeyGivenToAnotherServiceIsCaught() {
        assertThat(broken(compose -> ((com.fasterxml.jackson.databind.node.ArrayNode) compose.at("/services/payment-service/configs")).addObject()
                .put("source", "internal-gateway-private-key").put("target", "/deployments/internal/private.pem")))
                // a secret is not a config
                .anyMatch(p -> p.contains("config internal-gateway-private-key is not declared under configs:"));
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/payment-service")).putArray("secrets").addObject()
                .put("source", "internal-gateway-private-key").put("target", "/deployments/internal/private.pem")))
                .anyMatch(p -> p.contains("docker-compose.yml services.payment-service: /deployments/internal/private.pem is gateway's private "
                        + "signing key: only gateway may have it"));
        assertThat(broken(compose -> ((ObjectNode) compose.at("/secrets/internal-order-service-private-key"))
                .put("file", "./.dispatch/internal/gateway/private.pem")))
                .anyMatch(p -> p.contains("services.order-service: /deployments/internal/private.pem is gateway's private signing key"));
    }

    @Test
    void aGrpcServerWithoutAnIssuersPublicKeyIsCaught() {
        assertThat(broken(compose -> ((com.fasterxml.jackson.databind.node.ArrayNode) compose.at("/services/iot-ingest/configs")).remove(0)))
                .anyMatch(p -> p.contains("services.iot-ingest: /deployments/internal-keys/gateway.pem must be gateway's public key (not mounted"));
        assertThat(broken(compose -> ((ObjectNode) compose.at("/configs/internal-gateway-public-key")).put("file", "./.dispatch/jwt/public.pem")))
                .anyMatch(p -> p.contains("services.payment-service: /deployments/internal-keys/gateway.pem must be gateway's public key "
                        + "(from .dispatch/jwt/public.pem)"));
    }

    private static void turnCommand(ObjectNode compose, java.util.function.UnaryOperator<String> change) {
        ArrayNode entrypoint = (ArrayNode) compose.at("/services/turn/entrypoint");
        String command = entrypoint.get(2).asText();
        assertThat(change.apply(command)).as("the change applies").isNotEqualTo(command);
        entrypoint.set(2, entrypoint.textNode(change.apply(command)));
    }

    private static ObjectNode xmppEnv(ObjectNode compose) {
        return (ObjectNode) compose.at("/services/xmpp/environment");
    }

    @Test
    void webGivenAnotherBoardPasswordThanTheBrokersIsCaught() {
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/web/environment"))
                .put("DISPATCH_BROKER_BOARD_PASSWORD", "${DISPATCH_BOARD_PASSWORD:-board}")))
                .anyMatch(p -> p.contains("services.web: DISPATCH_BROKER_BOARD_PASSWORD is")
                        && p.contains("services.broker has DISPATCH_BROKER_BOARD_PASSWORD"));
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/web/environment")).remove("DISPATCH_BROKER_BOARD_PASSWORD")))
                .anyMatch(p -> p.contains("services.web: set DISPATCH_BROKER_BOARD_PASSWORD from the broker's source"));
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/web/environment")).put("DISPATCH_BROKER_BOARD_USER", "dispatch")))
                .anyMatch(p -> p.contains("dispatch.broker.board-user=dispatch, but the broker creates the user board"));
    }

    @Test
    void aBrokerThatDoesNotCreateTheBoardUserIsCaught() {
        // An entrypoint of its own, which runs the broker without the image's steps: no fixed logins.
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/broker")).putArray("entrypoint").add("/bin/bash").add("-c")
                .add("exec /docker-run.sh run")))
                .anyMatch(p -> p.contains("services.broker: web logs in as board, but the broker's entrypoint writes no such login"))
                .anyMatch(p -> p.contains("services.broker: order-service logs in as order-service, but the broker's entrypoint writes no"))
                .anyMatch(p -> p.contains("DISPATCH_BROKER_BOARD_PASSWORD is neither a variable of the Artemis image"));
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/broker/environment")).remove("DISPATCH_BROKER_BOARD_PASSWORD")))
                .anyMatch(p -> p.contains("services.broker: its entrypoint reads $DISPATCH_BROKER_BOARD_PASSWORD, which the container is not given"));
    }

    @Test
    void aServiceWithTheOperatorsOrAnotherServicesLoginIsCaught() {
        // What every service had before each got its own login.
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/order-service/environment"))
                .put("DISPATCH_BROKER_USER", "${DISPATCH_BROKER_USER:-dispatch}").put("DISPATCH_BROKER_PASSWORD", "${DISPATCH_BROKER_PASSWORD:-dispatch}")))
                .contains("docker-compose.yml services.order-service: order-service logs in to the broker as dispatch, the operators' login "
                        + "(ARTEMIS_USER of docker-compose.yml services.broker): each service has its own")
                .contains("docker-compose.yml services.order-service: DISPATCH_BROKER_PASSWORD is the operators' password (ARTEMIS_PASSWORD of "
                        + "docker-compose.yml services.broker): each service has its own")
                .contains("docker-compose.yml services.order-service: dispatch.broker.user=dispatch, but order-service logs in to the broker "
                        + "as itself: set DISPATCH_BROKER_USER=order-service (the user and role order-service)");
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/notification-service/environment"))
                .put("DISPATCH_BROKER_PASSWORD", "${DISPATCH_BROKER_IOT_INGEST_PASSWORD:-iot-ingest}")))
                .anyMatch(p -> p.startsWith("docker-compose.yml services.notification-service: DISPATCH_BROKER_PASSWORD is")
                        && p.contains("services.broker has DISPATCH_BROKER_NOTIFICATION_SERVICE_PASSWORD"));
    }

    @Test
    void aBrokerThatIsNotTheDispatchImageBuiltHereIsCaught() {
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/broker")).put("image", "apache/artemis:2.55.0").remove("build")))
                .anyMatch(p -> p.contains("services.broker: image apache/artemis:2.55.0 is not a Dispatch service, postgres, "
                        + BrokerImage.NAME));
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/broker")).remove("build")))
                .anyMatch(p -> p.contains("services.broker: build it with context . and dockerfile " + BrokerImage.DOCKERFILE));
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/broker")).remove("read_only")))
                .anyMatch(p -> p.contains("services.broker: read_only: true"));
    }

    @Test
    void aDeviceLoginUrlOrTokenThatMissesIotIngestIsCaught() {
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/broker/environment"))
                .put("DISPATCH_BROKER_DEVICE_LOGINS_URL", "http://iot-ingest:8443/internal/broker/device-logins")))
                .contains("docker-compose.yml services.broker: DISPATCH_BROKER_DEVICE_LOGINS_URL=http://iot-ingest:8443/internal/broker/"
                        + "device-logins: iot-ingest answers device logins on its HTTP port 8084, not 8443");
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/broker/environment"))
                .put("DISPATCH_BROKER_DEVICE_LOGINS_URL", "http://web:8084/internal/broker/device-logins")))
                .contains("docker-compose.yml services.broker: DISPATCH_BROKER_DEVICE_LOGINS_URL=http://web:8084/internal/broker/"
                        + "device-logins: web does not lead to iot-ingest");
        // The token written into the file, which iot-ingest then does not share.
        assertThat(broken(compose -> {
            ((ObjectNode) compose.at("/services/broker")).remove("env_file");
            ((ObjectNode) compose.at("/services/broker/environment")).put("DISPATCH_BROKER_DEVICE_LOGINS_TOKEN", "dispatch-broker-auth");
        })).contains("docker-compose.yml services.broker: DISPATCH_BROKER_DEVICE_LOGINS_TOKEN is written into the file; it must come from a "
                        + "Secret (Kubernetes) or an env_file (Compose) that deploy/secrets.sh makes")
                .anyMatch(p -> p.startsWith("docker-compose.yml services.iot-ingest: DISPATCH_IOT_BROKER_AUTH_TOKEN is")
                        && p.endsWith("but docker-compose.yml services.broker has DISPATCH_BROKER_DEVICE_LOGINS_TOKEN = \"dispatch-broker-auth\""));
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/broker")).remove("env_file")))
                .contains("docker-compose.yml services.broker: set DISPATCH_BROKER_DEVICE_LOGINS_TOKEN (from a Secret or an env_file that "
                        + "deploy/secrets.sh makes), or no device can log in");
    }

    @Test
    void aBrowserAddressThatDoesNotReachItsServiceFromTheHostIsCaught() {
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/web/environment")).put("DISPATCH_WEB_GATEWAY_URL", "http://gateway:8080")))
                .anyMatch(p -> p.contains("dispatch.web.gateway-url=http://gateway:8080 must be a host address of the browser's machine"));
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/web/environment")).put("DISPATCH_WEB_NOTIFICATION_URL", "http://127.0.0.1:8080")))
                .anyMatch(p -> p.contains("dispatch.web.notification-url=http://127.0.0.1:8080 reaches gateway:8080 from the host, not notification-service:8083"));
        // MQTT's port reaches the broker, but not its STOMP over WebSocket acceptor.
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/web/environment")).put("DISPATCH_BROKER_STOMP_WS_PORT", "1883")))
                .anyMatch(p -> p.contains("dispatch.web.broker.stomp-url=ws://127.0.0.1:1883 reaches broker:1883 from the host, not broker:61614"));
        assertThat(broken(compose -> ((ArrayNode) compose.at("/services/broker/ports")).remove(1)))
                .anyMatch(p -> p.contains("dispatch.web.broker.stomp-url=ws://127.0.0.1:61614 reaches nothing from the host"));
    }

    @Test
    void aServiceTheBrowserCallsThatRefusesThePagesOriginIsCaught() {
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/gateway/environment"))
                .put("QUARKUS_HTTP_CORS_ORIGINS", "http://127.0.0.1:8085")))
                .anyMatch(p -> p.contains("services.gateway: the browser calls gateway from http://localhost:8085 (web)"));
        assertThat(broken(compose -> ((ArrayNode) compose.at("/services/web/ports")).set(0, compose.textNode("127.0.0.1:8086:8085"))))
                .anyMatch(p -> p.contains("services.notification-service: the browser calls notification-service from http://127.0.0.1:8086"));
    }

    // --- Jaeger: where every service's traces go

    @Test
    void anExporterThatMissesJaegerIsCaught() {
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/order-service/environment"))
                .put("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4318")))
                .contains("docker-compose.yml services.order-service: QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT=http://jaeger:4318: its protocol's "
                        + "OTLP port is 4317, not 4318");
        // ... which is right with http/protobuf.
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/order-service/environment"))
                .put("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4318")
                .put("QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"))).isEmpty();
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/gateway/environment"))
                .put("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://broker:4317")))
                .contains("docker-compose.yml services.gateway: QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT=http://broker:4317: broker does not "
                        + "lead to Jaeger");
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/gateway/environment"))
                .put("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "jaeger:4317")))
                .contains("docker-compose.yml services.gateway: QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT=jaeger:4317 is no http://host:port");
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/payment-service/environment")).remove("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT")))
                .contains("docker-compose.yml services.payment-service: QUARKUS_OTEL_SDK_DISABLED=false but no "
                        + "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT: Quarkus would export to localhost, the container itself");
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/iot-ingest/environment")).remove("QUARKUS_OTEL_SDK_DISABLED")))
                .contains("docker-compose.yml services.iot-ingest: the deployment runs Jaeger, but iot-ingest exports no traces: set "
                        + "QUARKUS_OTEL_SDK_DISABLED=false and QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT");
        // Without Jaeger, an endpoint with the SDK off exports nothing.
        assertThat(broken(compose -> {
            ((ObjectNode) compose.at("/services")).remove("jaeger");
            compose.at("/services").forEach(service -> {
                if (service.has("depends_on")) {
                    ((ObjectNode) service.get("depends_on")).remove("jaeger");
                }
            });
            ((ObjectNode) compose.at("/services/gateway/environment")).put("QUARKUS_OTEL_SDK_DISABLED", "true");
        })).contains("docker-compose.yml services.gateway: traces go to http://jaeger:4317, but QUARKUS_OTEL_SDK_DISABLED is not false: "
                + "nothing is exported");
    }

    @Test
    void aJaegerVariableItDoesNotReadOrItsReceiverOffIsCaught() {
        assertThat(broken(compose -> ((ObjectNode) compose.at("/services/jaeger/environment")).put("COLLECTOR_OTLP_ENABLED", "false")
                .put("MEMORY_MAX_TRACE", "1000")))
                .contains("docker-compose.yml services.jaeger: COLLECTOR_OTLP_ENABLED=false, but the services send their traces over OTLP")
                .anyMatch(p -> p.startsWith("docker-compose.yml services.jaeger: MEMORY_MAX_TRACE is not a variable of jaegertracing/all-in-one"));
    }

    @Test
    void aWritableRootOrUncheckedJaegerIsCaught() {
        assertThat(broken(compose -> {
            ObjectNode jaeger = (ObjectNode) compose.at("/services/jaeger");
            jaeger.remove("read_only");
            jaeger.remove("user");
            ((ArrayNode) jaeger.at("/healthcheck/test")).set(5, compose.textNode("http://127.0.0.1:16686/"));
        })).contains("docker-compose.yml services.jaeger: read_only: true with a tmpfs at /tmp")
                .contains("docker-compose.yml services.jaeger: user: must name a non-root user (the image's 10001), not ''")
                .anyMatch(p -> p.startsWith("docker-compose.yml services.jaeger: the healthcheck must GET Jaeger's health, "
                        + "http://127.0.0.1:14269/"));
    }

    private static List<String> broken(Consumer<ObjectNode> breakIt) {
        ObjectNode compose = ComposeChecks.copy();
        breakIt.accept(compose);
        return ComposeChecks.problems(compose);
    }
}
