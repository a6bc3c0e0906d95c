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

/** The rendered manifests agree with each other and with the code; each kind of mistake is caught. */
class KubernetesConsistencyTest {

    @Test
    void theRenderedManifestsAreConsistent() {
        assertThat(ManifestChecks.problems(Overlay.rendered())).isEmpty();
    }

    @Test
    void theBaseAloneIsConsistentExceptForWhatTheOverlayAdds() {
        // The base leaves the Secrets, the JWT key, the internal signing keys, gRPC's certificates and the way in from the host (NodePorts, which web's browser
        // addresses reach) to the overlay; everything else must already hold.
        List<ObjectNode> base = Kustomize.render(Repo.path("k8s/base"));
        assertThat(ManifestChecks.problems(base)).isNotEmpty()
                .allMatch(problem -> problem.contains("dispatch-db") || problem.contains("dispatch-broker")
                        || problem.contains("dispatch-coap") || problem.contains("Secret dispatch-xmpp ")
                        || problem.contains("Secret dispatch-turn ")
                        || problem.contains("dispatch-jwt") || problem.contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION")
                        || problem.contains("dispatch-internal-") || problem.contains("dispatch-grpc-")
                        || problem.contains("reaches nothing from the host"),
                        "only about the Secrets and the key the overlay generates");
    }

    @Test
    void aWrongContainerPortIsCaught() {
        assertThat(broken(objects -> port(objects, "order-service").put("containerPort", 8080)))
                .anyMatch(p -> p.contains("order-service") && p.contains("quarkus.http.port=8081"));
    }

    @Test
    void aServiceTargetingAPortNoContainerHasIsCaught() {
        assertThat(broken(objects -> ((ObjectNode) Overlay.find(objects, "Service", "payment-service").at("/spec/ports/0"))
                .put("targetPort", "grpc")))
                .anyMatch(p -> p.contains("Service payment-service") && p.contains("targets \"grpc\""));
    }

    @Test
    void aSelectorThatMatchesNoPodIsCaught() {
        assertThat(broken(objects -> ((ObjectNode) Overlay.find(objects, "Service", "gateway-public").at("/spec/selector"))
                .put("app.kubernetes.io/name", "gatway")))
                .anyMatch(p -> p.contains("Service gateway-public") && p.contains("matches no Deployment"));
    }

    @Test
    void aProbeOnAPathTheServiceDoesNotServeIsCaught() {
        assertThat(broken(objects -> ((ObjectNode) container(objects, "gateway").at("/readinessProbe/httpGet")).put("path", "/health")))
                .anyMatch(p -> p.contains("readinessProbe must GET /q/health/ready"));
    }

    @Test
    void aProbeOnAnUnknownPortIsCaught() {
        assertThat(broken(objects -> ((ObjectNode) container(objects, "iot-ingest").at("/livenessProbe/httpGet")).put("port", 9090)))
                .anyMatch(p -> p.contains("livenessProbe port 9090 is not a port of the container"));
    }

    @Test
    void anEnvironmentVariableTheServiceDoesNotReadIsCaught() {
        assertThat(broken(objects -> env(objects, "payment-service").addObject().put("name", "DISPATCH_DB_HOSTNAME").put("value", "x")))
                .anyMatch(p -> p.contains("DISPATCH_DB_HOSTNAME maps to no configuration key that payment-service reads"));
    }

    @Test
    void aHostThatIsNoServiceIsCaught() {
        assertThat(broken(objects -> variable(objects, "order-service", "DISPATCH_BROKER_HOST").put("value", "artemis")))
                .anyMatch(p -> p.contains("DISPATCH_BROKER_HOST=artemis names no service"));
    }

    @Test
    void aPortTheTargetDoesNotServeIsCaught() {
        assertThat(broken(objects -> variable(objects, "iot-ingest", "DISPATCH_BROKER_AMQP_PORT").put("value", "5673")))
                .anyMatch(p -> p.contains("dispatch.broker.amqp-port=5673 but broker listens on [1883, 5672, 61614]"));
    }

    @Test
    void aServiceLeftPointingAtItselfIsCaught() {
        assertThat(broken(objects -> remove(env(objects, "order-service"), "DISPATCH_DB_HOST")))
                .anyMatch(p -> p.contains("dispatch.db.host defaults to 127.0.0.1") && p.contains("set DISPATCH_DB_HOST"));
    }

    @Test
    void aDatabaseTheInitScriptDoesNotCreateIsCaught() {
        assertThat(broken(objects -> variable(objects, "order-service", "DISPATCH_DB_NAME").put("value", "order")))
                .anyMatch(p -> p.contains("database order is not created"));
    }

    @Test
    void credentialsThatDifferFromTheServersAreCaught() {
        assertThat(broken(objects -> ((ObjectNode) variable(objects, "order-service", "DISPATCH_DB_PASSWORD").at("/valueFrom/secretKeyRef"))
                .put("name", "dispatch-broker")))
                .anyMatch(p -> p.contains("Deployment order-service container order-service: DISPATCH_DB_PASSWORD is")
                        && p.contains("StatefulSet postgres container postgres has POSTGRES_PASSWORD"));
    }

    @Test
    void aJwtKeyThatIsNotMountedIsCaught() {
        assertThat(broken(objects -> variable(objects, "gateway", "MP_JWT_VERIFY_PUBLICKEY_LOCATION")
                .put("value", "file:/deployments/keys/public.pem")))
                .anyMatch(p -> p.contains("is not a file mounted into the container"));
    }

    @Test
    void aMissingSecretKeyIsCaught() {
        assertThat(broken(objects -> ((ObjectNode) variable(objects, "payment-service", "DISPATCH_DB_PASSWORD")
                .at("/valueFrom/secretKeyRef")).put("key", "pasword")))
                .anyMatch(p -> p.contains("Secret dispatch-db has no key pasword"));
    }

    @Test
    void aWeakenedContainerIsCaught() {
        assertThat(broken(objects -> {
            ObjectNode security = (ObjectNode) container(objects, "order-service").get("securityContext");
            security.put("readOnlyRootFilesystem", false);
            security.remove("allowPrivilegeEscalation");
            ((ObjectNode) container(objects, "order-service").get("resources")).remove("limits");
        })).anyMatch(p -> p.contains("readOnlyRootFilesystem must be true"))
                .anyMatch(p -> p.contains("allowPrivilegeEscalation must be false"))
                .anyMatch(p -> p.contains("resources.limits.memory is missing"));
    }

    @Test
    void aPodRunAsRootIsCaught() {
        assertThat(broken(objects -> ((ObjectNode) Overlay.find(objects, "StatefulSet", "postgres")
                .at("/spec/template/spec/securityContext")).remove("runAsNonRoot")))
                .anyMatch(p -> p.contains("StatefulSet postgres") && p.contains("runAsNonRoot must be true"));
    }

    @Test
    void aReplicatedServiceWithOneReplicaOrNoBudgetIsCaught() {
        assertThat(broken(objects -> ((ObjectNode) Overlay.find(objects, "Deployment", "notification-service").get("spec"))
                .put("replicas", 1)))
                .anyMatch(p -> p.contains("notification-service is correct with replicas"));
        assertThat(broken(objects -> objects.removeIf(o -> Kustomize.id(o).equals("PodDisruptionBudget/dispatch/gateway"))))
                .anyMatch(p -> p.contains("Deployment gateway: 2 replicas and no PodDisruptionBudget"));
    }

    @Test
    void aBrokerPortThatIsNoAcceptorIsCaught() {
        assertThat(broken(objects -> ((ObjectNode) Overlay.find(objects, "StatefulSet", "broker")
                .at("/spec/template/spec/containers/0/ports/0")).put("containerPort", 5673)))
                .anyMatch(p -> p.contains("containerPort 5673 is no acceptor"));
    }

    @Test
    void initContainersWaitingForEachOtherAreCaught() {
        assertThat(broken(objects -> ((ObjectNode) Overlay.find(objects, "Deployment", "payment-service")
                .at("/spec/template/spec/initContainers/0/env/0")).put("value", "postgres:5432 gateway:8080")))
                .anyMatch(p -> p.contains("cycle"));
    }

    @Test
    void plainCoapSwitchedOnIsCaught() {
        assertThat(broken(objects -> variable(objects, "iot-ingest", "DISPATCH_COAP_PLAIN_ENABLED").put("value", "true")))
                .anyMatch(p -> p.contains("plain coap must be off in Kubernetes"))
                // and the container would then listen on 5683 too, which it does not declare
                .anyMatch(p -> p.contains("containerPorts [5684/UDP, 8084/TCP, 8443/TCP] but iot-ingest listens on [5683/UDP, 5684/UDP, 8084/TCP, 8443/TCP]"));
    }

    @Test
    void aCoapsPortDeclaredAsTcpIsCaught() {
        assertThat(broken(objects -> ((ObjectNode) container(objects, "iot-ingest").at("/ports/1")).remove("protocol")))
                .anyMatch(p -> p.contains("containerPorts [5684/TCP, 8084/TCP, 8443/TCP] but iot-ingest listens on [5684/UDP, 8084/TCP, 8443/TCP]"))
                .anyMatch(p -> p.contains("Service iot-ingest") && p.contains("is UDP but targets \"coaps\", a TCP port"));
    }

    @Test
    void aCoapsPortTheServiceIsNotToldIsCaught() {
        assertThat(broken(objects -> variable(objects, "iot-ingest", "DISPATCH_COAPS_PORT").put("value", "5685")))
                .anyMatch(p -> p.contains("containerPorts [5684/UDP, 8084/TCP, 8443/TCP] but iot-ingest listens on [5685/UDP, 8084/TCP, 8443/TCP]"));
    }

    @Test
    void aServicePortWithTheWrongProtocolIsCaught() {
        assertThat(broken(objects -> ((ObjectNode) Overlay.find(objects, "Service", "iot-ingest-coaps-public").at("/spec/ports/0"))
                .put("protocol", "TCP")))
                .anyMatch(p -> p.contains("Service iot-ingest-coaps-public") && p.contains("is TCP but targets \"coaps\", a UDP port"));
    }

    @Test
    void aCoapCredentialKeyWrittenIntoTheManifestOrMissingIsCaught() {
        assertThat(broken(objects -> {
            ObjectNode key = variable(objects, "iot-ingest", "DISPATCH_COAP_CREDENTIAL_KEY");
            key.remove("valueFrom");
            key.put("value", "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTI=");
        })).anyMatch(p -> p.contains("DISPATCH_COAP_CREDENTIAL_KEY is written into the file"));
        assertThat(broken(objects -> remove(env(objects, "iot-ingest"), "DISPATCH_COAP_CREDENTIAL_KEY")))
                .anyMatch(p -> p.contains("iot-ingest needs dispatch.iot.coap.credential-key")
                        && p.contains("DISPATCH_COAP_CREDENTIAL_KEY"));
        assertThat(broken(objects -> ((ObjectNode) variable(objects, "iot-ingest", "DISPATCH_COAP_CREDENTIAL_KEY")
                .at("/valueFrom/secretKeyRef")).put("name", "dispatch-coaps")))
                .anyMatch(p -> p.contains("Secret dispatch-coaps is not in the manifests"));
    }

    @Test
    void anEnvironmentVariableAValueLooksUpIsReadAndAMisspeltOneIsCaught() {
        assertThat(broken(objects -> variable(objects, "iot-ingest", "DISPATCH_COAPS_PORT").put("name", "DISPATCH_COAP_SECURE_PORT")))
                .anyMatch(p -> p.contains("DISPATCH_COAP_SECURE_PORT maps to no configuration key that iot-ingest reads"));
    }

    // --- internal tokens: the signing keys (InternalAuth)

    @Test
    void aSigningKeyMissingOrAnotherServicesIsCaught() {
        assertThat(broken(objects -> remove(env(objects, "gateway"), InternalAuth.PRIVATE_KEY)))
                .anyMatch(p -> p.contains("Deployment gateway container gateway: gateway signs internal tokens: set " + InternalAuth.PRIVATE_KEY));
        assertThat(broken(objects -> ((ObjectNode) podVolume(objects, "order-service", "internal-key").get("secret"))
                .put("secretName", "dispatch-internal-gateway")))
                .anyMatch(p -> p.contains("Deployment order-service container order-service: /deployments/internal/private.pem is gateway's "
                        + "private signing key: only gateway may have it"))
                .anyMatch(p -> p.contains(InternalAuth.PRIVATE_KEY + "=/deployments/internal/private.pem must be a mounted file, "
                        + "order-service's own private key"));
        assertThat(broken(objects -> env(objects, "payment-service").addObject().put("name", InternalAuth.PRIVATE_KEY)
                .put("value", "/deployments/internal/private.pem")))
                .anyMatch(p -> p.contains("payment-service issues no internal tokens: it gets no " + InternalAuth.PRIVATE_KEY));
    }

    @Test
    void aGrpcServerWithoutAnIssuersPublicKeyIsCaught() {
        assertThat(broken(objects -> ((ArrayNode) podVolume(objects, "payment-service", "internal-keys").at("/configMap/items")).remove(1)))
                .anyMatch(p -> p.contains("Deployment payment-service container payment-service: /deployments/internal-keys/order-service.pem "
                        + "must be order-service's public key (not mounted"));
        assertThat(broken(objects -> remove(env(objects, "iot-ingest"), InternalAuth.PUBLIC_KEYS)))
                .anyMatch(p -> p.contains("iot-ingest serves gRPC: set " + InternalAuth.PUBLIC_KEYS));
        // A key file the overlay takes from another file than the one deploy/secrets.sh makes for it.
        assertThat(broken(objects -> ((ObjectNode) Overlay.find(objects, "ConfigMap", "dispatch-internal-keys").get("x-files"))
                .put("gateway.pem", Overlay.DIRECTORY + "/secrets/internal-gateway-public-key.pem")))
                .anyMatch(p -> p.contains("Deployment payment-service container payment-service: /deployments/internal-keys/gateway.pem must be "
                        + "gateway's public key (from " + Overlay.DIRECTORY + "/secrets/internal-gateway-public-key.pem)"));
    }

    // --- gRPC over TLS between the services (GrpcTls)

    @Test
    void aGrpcClientOnThePlainPortOrNotTrustingTheCaIsCaught() {
        assertThat(broken(objects -> variable(objects, "gateway", "QUARKUS_STORK_ORDER_SERVICE_SERVICE_DISCOVERY_PORT").put("value", "8081")))
                .anyMatch(p -> p.contains("Deployment gateway container gateway: gRPC client orders (Stork service order-service, dns) → "
                        + "order-service-grpc:8081: between the services gRPC goes to the TLS port 8443"));
        assertThat(broken(objects -> remove(env(objects, "gateway"), "QUARKUS_GRPC_CLIENTS_SENSORS_SSL_TRUST_STORE")))
                .anyMatch(p -> p.contains("gRPC client sensors (Stork service iot-ingest, dns) → iot-ingest-grpc:8443: must use TLS and trust "
                        + "the deployment's CA"));
        assertThat(broken(objects -> variable(objects, "order-service", "QUARKUS_GRPC_CLIENTS_PAYMENTS_SSL_TRUST_STORE")
                .put("value", "/deployments/internal-keys/gateway.pem")))
                .anyMatch(p -> p.contains("gRPC client payments") && p.contains("must use TLS")
                        && p.contains("comes from " + Overlay.DIRECTORY + "/secrets/internal-gateway-public.pem"));
        assertThat(broken(objects -> variable(objects, "gateway", "QUARKUS_GRPC_CLIENTS_CHAT_PLAIN_TEXT").put("value", "true")))
                .anyMatch(p -> p.contains("QUARKUS_GRPC_CLIENTS_CHAT_PLAIN_TEXT=true: gRPC between the services is TLS"));
    }

    @Test
    void aGrpcServerWithoutTlsOrWithAnotherServersKeyStoreIsCaught() {
        assertThat(broken(objects -> remove(env(objects, "notification-service"), "QUARKUS_HTTP_TLS_CONFIGURATION_NAME")))
                .anyMatch(p -> p.contains("notification-service serves gRPC: set QUARKUS_HTTP_SSL_PORT and "
                        + "QUARKUS_HTTP_TLS_CONFIGURATION_NAME=grpc"))
                // without TLS it no longer listens on the port it declares
                .anyMatch(p -> p.contains("containerPorts [8083/TCP, 8443/TCP] but notification-service listens on [8083/TCP]"));
        assertThat(broken(objects -> ((ObjectNode) podVolume(objects, "payment-service", "grpc-tls").get("secret"))
                .put("secretName", "dispatch-grpc-tls-order-service")))
                .anyMatch(p -> p.contains("QUARKUS_TLS_GRPC_KEY_STORE_P12_PATH=/deployments/grpc-tls/keystore.p12 must be a mounted file from "
                        + GrpcTls.keyStoreFile("payment-service") + " (from " + GrpcTls.keyStoreFile("order-service") + ")"));
        assertThat(broken(objects -> variable(objects, "iot-ingest", "QUARKUS_HTTP_INSECURE_REQUESTS").put("value", "redirect")))
                .anyMatch(p -> p.contains("QUARKUS_HTTP_INSECURE_REQUESTS must stay enabled"));
        // The Quarkus keys are exact names: a misspelt one maps to nothing.
        assertThat(broken(objects -> variable(objects, "iot-ingest", "QUARKUS_TLS_GRPC_KEY_STORE_P12_PATH").put("name",
                "QUARKUS_TLS_GRCP_KEY_STORE_P12_PATH")))
                .anyMatch(p -> p.contains("QUARKUS_TLS_GRCP_KEY_STORE_P12_PATH maps to no configuration key that iot-ingest reads"));
    }

    // --- Prosody (StatefulSet xmpp)

    @Test
    void anXmppVariableProsodyDoesNotReadIsCaught() {
        assertThat(broken(objects -> xmppEnv(objects).addObject().put("name", "DISPATCH_XMPP_HTTPS_PORT").put("value", "5281")))
                .anyMatch(p -> p.contains("StatefulSet xmpp container xmpp: DISPATCH_XMPP_HTTPS_PORT is read neither by " + Prosody.FILE));
        assertThat(broken(objects -> remove(xmppEnv(objects), "DISPATCH_XMPP_BOT")))
                .anyMatch(p -> p.contains("the command expands $DISPATCH_XMPP_BOT, which the container is not given"));
    }

    @Test
    void anXmppPortThatDiffersFromTheContainerPortsIsCaught() {
        assertThat(broken(objects -> xmppVariable(objects, "DISPATCH_XMPP_C2S_PORT").put("value", "5223")))
                .anyMatch(p -> p.contains("StatefulSet xmpp container xmpp: containerPorts {c2s=5222, component=5347, http=5280} "
                        + "but Prosody listens on {c2s=5223, component=5347, http=5280}"));
        // Named the other way round, the Service's c2s port would lead to Prosody's HTTP listener.
        assertThat(broken(objects -> {
            ((ObjectNode) xmpp(objects).at("/ports/0")).put("name", "http");
            ((ObjectNode) xmpp(objects).at("/ports/1")).put("name", "c2s");
        })).anyMatch(p -> p.contains("containerPorts {c2s=5280, component=5347, http=5222} but Prosody listens on "
                        + "{c2s=5222, component=5347, http=5280}"))
                .anyMatch(p -> p.contains("Service xmpp: port 5222 targets \"c2s\", container port 5280") && p.contains("use the same number"));
    }

    @Test
    void aComponentPortWithoutItsSecretIsCaught() {
        assertThat(broken(objects -> remove(xmppEnv(objects), "DISPATCH_XMPP_COMPONENT_SECRET")))
                .anyMatch(p -> p.contains("containerPorts {c2s=5222, component=5347, http=5280} but Prosody listens on {c2s=5222, http=5280}"));
    }

    @Test
    void aProbeOnAPortProsodyDoesNotOpenIsCaught() {
        assertThat(broken(objects -> ((ObjectNode) xmpp(objects).at("/readinessProbe/tcpSocket")).put("port", 5269)))
                .anyMatch(p -> p.contains("StatefulSet xmpp container xmpp: readinessProbe port 5269 is not a port of the container"));
    }

    @Test
    void prosodyListeningOnTheLoopbackOrAsRootIsCaught() {
        assertThat(broken(objects -> xmppVariable(objects, "DISPATCH_XMPP_INTERFACES").put("value", "127.0.0.1, ::1")))
                .anyMatch(p -> p.contains("DISPATCH_XMPP_INTERFACES=127.0.0.1, ::1: Prosody would listen on the container's loopback only"));
        assertThat(broken(objects -> xmppEnv(objects).addObject().put("name", "DISPATCH_XMPP_RUN_AS_ROOT").put("value", "true")))
                .anyMatch(p -> p.contains("StatefulSet xmpp container xmpp: DISPATCH_XMPP_RUN_AS_ROOT=true"));
    }

    @Test
    void aWeakenedProsodyPodIsCaught() {
        assertThat(broken(objects -> {
            ObjectNode pod = (ObjectNode) Overlay.find(objects, "StatefulSet", "xmpp").at("/spec/template/spec");
            ((ObjectNode) pod.get("securityContext")).remove("runAsNonRoot");
            ((ObjectNode) pod.get("securityContext")).remove("seccompProfile");
            ObjectNode security = (ObjectNode) xmpp(objects).get("securityContext");
            security.put("readOnlyRootFilesystem", false);
            security.remove("capabilities");
        })).anyMatch(p -> p.contains("StatefulSet xmpp: pod securityContext.runAsNonRoot must be true"))
                .anyMatch(p -> p.contains("StatefulSet xmpp: pod securityContext.seccompProfile.type must be RuntimeDefault"))
                .anyMatch(p -> p.contains("StatefulSet xmpp container xmpp: securityContext.readOnlyRootFilesystem must be true"))
                .anyMatch(p -> p.contains("StatefulSet xmpp container xmpp: securityContext.capabilities.drop must contain ALL"));
    }

    @Test
    void aProsodyConfigurationThatIsNotTheGeneratedOneIsCaught() {
        // A ConfigMap written by hand (not generated from the repository's file), even with the same key.
        assertThat(broken(objects -> Overlay.find(objects, "ConfigMap", "dispatch-xmpp-config").remove("x-files")))
                .anyMatch(p -> p.contains("StatefulSet xmpp container xmpp: /etc/dispatch/prosody.cfg.lua comes from ConfigMap "
                        + "dispatch-xmpp-config key prosody.cfg.lua, not from " + Prosody.FILE));
        assertThat(broken(objects -> ((ObjectNode) Overlay.find(objects, "StatefulSet", "xmpp")
                .at("/spec/template/spec/volumes/0/configMap")).put("name", "dispatch-broker-config")))
                .anyMatch(p -> p.contains("Prosody is started with /etc/dispatch/prosody.cfg.lua, which is not a file mounted into the "
                        + "container [/etc/dispatch/broker.xml]"));
    }

    @Test
    void prosodysDataOffTheClaimIsCaught() {
        assertThat(broken(objects -> xmppVariable(objects, "DISPATCH_XMPP_DATA_DIR").put("value", "/data")))
                .anyMatch(p -> p.contains("Prosody's data folder /data (DISPATCH_XMPP_DATA_DIR) must be a volumeClaimTemplate's mount"));
    }

    @Test
    void anXmppSecretKeyTheGeneratorOrDeploySecretsShDoesNotMakeIsCaught() {
        assertThat(broken(objects -> ((ObjectNode) xmppVariable(objects, "DISPATCH_XMPP_BOT_PASSWORD").at("/valueFrom/secretKeyRef"))
                .put("key", "password")))
                .anyMatch(p -> p.contains("env DISPATCH_XMPP_BOT_PASSWORD: Secret dispatch-xmpp has no key password"));
        assertThat(broken(objects -> ((ObjectNode) Overlay.find(objects, "Secret", "dispatch-xmpp").get("x-files"))
                .put("bot-password", Overlay.DIRECTORY + "/secrets/xmpp-password")))
                .anyMatch(p -> p.contains("Secret dispatch-xmpp: key bot-password comes from " + Overlay.DIRECTORY
                        + "/secrets/xmpp-password, which deploy/secrets.sh does not make"));
        // A Secret committed with its data, instead of generated on the user's machine.
        assertThat(broken(objects -> Overlay.find(objects, "Secret", "dispatch-xmpp").remove("x-files")))
                .anyMatch(p -> p.contains("Secret dispatch-xmpp: key component-secret is written in the repository"));
    }

    // --- coturn (Deployment turn)

    @Test
    void aTurnContainerPortThatDiffersFromTheListeningPortIsCaught() {
        assertThat(broken(objects -> turnArg(objects, "--listening-port=3478", "--listening-port=3479")))
                .anyMatch(p -> p.contains("Deployment turn container turn: containerPorts [3478/TCP, 3478/UDP] but coturn listens on "
                        + "[3479/TCP, 3479/UDP]"));
        assertThat(broken(objects -> ((ObjectNode) turn(objects).at("/ports/0")).put("containerPort", 3479)))
                .anyMatch(p -> p.contains("Deployment turn container turn: containerPorts [3478/TCP, 3479/UDP] but coturn listens on "
                        + "[3478/TCP, 3478/UDP]"));
        // Declared as TCP only, the Service's UDP port would lead nowhere.
        assertThat(broken(objects -> ((ObjectNode) turn(objects).at("/ports/0")).remove("protocol")))
                .anyMatch(p -> p.contains("containerPorts [3478/TCP] but coturn listens on [3478/TCP, 3478/UDP]"));
        assertThat(broken(objects -> turnArg(objects, "--listening-port=3478", "--no-tcp")))
                .anyMatch(p -> p.contains("containerPorts [3478/TCP, 3478/UDP] but coturn listens on [3478/UDP]"));
    }

    @Test
    void aTurnPodWithoutStartupProbeOrPulledNeverIsCaught() {
        assertThat(broken(objects -> turn(objects).remove("startupProbe")))
                .anyMatch(p -> p.contains("Deployment turn container turn: no startupProbe"));
        // kind has only the images loaded into it (ours): the never-pull patch must not reach coturn's.
        assertThat(broken(objects -> turn(objects).put("imagePullPolicy", "Never")))
                .anyMatch(p -> p.contains("Deployment turn container turn: imagePullPolicy Never for coturn/coturn:4.6.2, which is not loaded"));
    }

    @Test
    void aTurnContainerWithoutItsFileCapabilityOrWithAnotherIsCaught() {
        assertThat(broken(objects -> ((ObjectNode) turn(objects).at("/securityContext/capabilities")).remove("add")))
                .anyMatch(p -> p.contains("Deployment turn container turn: securityContext.capabilities.add must be [NET_BIND_SERVICE]")
                        && p.contains("(has [])"));
        assertThat(broken(objects -> ((ArrayNode) turn(objects).at("/securityContext/capabilities/add")).add("NET_RAW")))
                .anyMatch(p -> p.contains("(has [NET_BIND_SERVICE, NET_RAW])"));
        assertThat(broken(objects -> ((ObjectNode) container(objects, "gateway").at("/securityContext/capabilities")).putArray("add")
                .add("NET_BIND_SERVICE")))
                .anyMatch(p -> p.contains("Deployment gateway container gateway: securityContext.capabilities.add [NET_BIND_SERVICE]: "
                        + "no container here needs a capability back"));
    }

    @Test
    void aTurnSecretWrittenIntoTheArgsOrNotGivenIsCaught() {
        assertThat(broken(objects -> turnArg(objects, "--static-auth-secret=$(DISPATCH_TURN_SECRET)", "--static-auth-secret=dispatch-turn")))
                .anyMatch(p -> p.contains("Deployment turn container turn: --static-auth-secret is written into the command"))
                .anyMatch(p -> p.contains("Deployment turn container turn: DISPATCH_TURN_SECRET is not expanded by the container's command"));
        assertThat(broken(objects -> remove((ArrayNode) turn(objects).get("env"), "POD_IP")))
                .anyMatch(p -> p.contains("Deployment turn container turn: the command expands $POD_IP, which the container is not given"));
        assertThat(broken(objects -> ((ObjectNode) turnVariable(objects, "DISPATCH_TURN_SECRET").at("/valueFrom/secretKeyRef"))
                .put("key", "password")))
                .anyMatch(p -> p.contains("env DISPATCH_TURN_SECRET: Secret dispatch-turn has no key password"));
    }

    @Test
    void aCoturnConfigurationThatIsNotTheGeneratedOneIsCaught() {
        assertThat(broken(objects -> Overlay.find(objects, "ConfigMap", "dispatch-turn-config").remove("x-files")))
                .anyMatch(p -> p.contains("Deployment turn container turn: /etc/dispatch/turnserver.conf comes from ConfigMap "
                        + "dispatch-turn-config key turnserver.conf, not from " + Coturn.FILE));
        assertThat(broken(objects -> turnArg(objects, "/etc/dispatch/turnserver.conf", "/etc/coturn/turnserver.conf")))
                .anyMatch(p -> p.contains("coturn is started with /etc/coturn/turnserver.conf, which is not a file mounted into the "
                        + "container [/etc/dispatch/turnserver.conf]"));
        // The image's entrypoint (detect-external-ip, its own defaults) instead of turnserver with the file.
        assertThat(broken(objects -> turn(objects).remove("command")))
                .anyMatch(p -> p.contains("Deployment turn container turn: the command must run turnserver in the foreground"));
    }

    private static ObjectNode turn(List<ObjectNode> objects) {
        return container(objects, "turn");
    }

    private static void turnArg(List<ObjectNode> objects, String arg, String replacement) {
        ArrayNode args = (ArrayNode) turn(objects).get("args");
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).asText().equals(arg)) {
                args.set(i, args.textNode(replacement));
                return;
            }
        }
        throw new AssertionError("turn has no argument " + arg);
    }

    private static ObjectNode turnVariable(List<ObjectNode> objects, String name) {
        return variable(objects, "turn", name);
    }

    // --- breaking a fresh copy of the rendered manifests

    @Test
    void webGivenAnotherBoardPasswordThanTheBrokersIsCaught() {
        assertThat(broken(objects -> ((ObjectNode) variable(objects, "web", "DISPATCH_BROKER_BOARD_PASSWORD")
                .at("/valueFrom/secretKeyRef")).put("key", "password")))
                .anyMatch(p -> p.contains("Deployment web container web: DISPATCH_BROKER_BOARD_PASSWORD is")
                        && p.contains("StatefulSet broker container broker has DISPATCH_BROKER_BOARD_PASSWORD"));
    }

    @Test
    void aBrowserAddressThatDoesNotReachItsServiceFromTheHostIsCaught() {
        // The NodePort is there, but the host's port 61614 is not mapped to it.
        assertThat(broken(objects -> objects.removeIf(o -> Kustomize.id(o).equals("Service/dispatch/broker-stomp-ws-public"))))
                .anyMatch(p -> p.contains("dispatch.web.broker.stomp-url=ws://127.0.0.1:61614 reaches nothing from the host"));
        assertThat(broken(objects -> variable(objects, "web", "DISPATCH_WEB_GATEWAY_URL").put("value", "http://127.0.0.1:8083")))
                .anyMatch(p -> p.contains("reaches notification-service:8083 from the host, not gateway:8080"));
        assertThat(broken(objects -> variable(objects, "notification-service", "QUARKUS_HTTP_CORS_ORIGINS").put("value", "*")))
                .anyMatch(p -> p.contains("Deployment notification-service container notification-service: the browser calls notification-service from http://127.0.0.1:8085"));
    }

    // --- the broker's logins (least privilege): each service its own, the devices' through iot-ingest

    @Test
    void aServiceWithTheOperatorsLoginIsCaught() {
        assertThat(broken(objects -> {
            variable(objects, "notification-service", "DISPATCH_BROKER_USER").put("value", "dispatch");
            ((ObjectNode) variable(objects, "notification-service", "DISPATCH_BROKER_PASSWORD").at("/valueFrom/secretKeyRef")).put("key", "password");
        })).anyMatch(p -> p.contains("Deployment notification-service container notification-service: notification-service logs in to the "
                        + "broker as dispatch, the operators' login (ARTEMIS_USER of") && p.endsWith("each service has its own"))
                .anyMatch(p -> p.contains("Deployment notification-service container notification-service: DISPATCH_BROKER_PASSWORD is the "
                        + "operators' password (ARTEMIS_PASSWORD of"));
    }

    @Test
    void aServiceWithAnotherServicesLoginIsCaught() {
        assertThat(broken(objects -> variable(objects, "order-service", "DISPATCH_BROKER_USER").put("value", "iot-ingest")))
                .anyMatch(endingWith("Deployment order-service container order-service: dispatch.broker.user=iot-ingest, but order-service "
                        + "logs in to the broker as itself: set DISPATCH_BROKER_USER=order-service (the user and role order-service)"));
        assertThat(broken(objects -> ((ObjectNode) variable(objects, "order-service", "DISPATCH_BROKER_PASSWORD").at("/valueFrom/secretKeyRef"))
                .put("key", "iot-ingest-password")))
                .anyMatch(p -> p.contains("Deployment order-service container order-service: DISPATCH_BROKER_PASSWORD is")
                        && p.contains("iot-ingest-password") && p.contains("StatefulSet broker container broker has "
                        + "DISPATCH_BROKER_ORDER_SERVICE_PASSWORD"));
        assertThat(broken(objects -> remove(env(objects, "iot-ingest"), "DISPATCH_BROKER_PASSWORD")))
                .anyMatch(endingWith("StatefulSet iot-ingest container iot-ingest: set DISPATCH_BROKER_PASSWORD from the broker's source of "
                        + "DISPATCH_BROKER_IOT_INGEST_PASSWORD (the default is for the local run)"));
    }

    @Test
    void aServiceLoginTheBrokerDoesNotWriteOrGrantIsCaught() {
        // A command of its own for the broker, without the login of notification-service.
        String withoutNotificationService = BrokerImage.entrypoint()
                .replace("login notification-service DISPATCH_BROKER_NOTIFICATION_SERVICE_PASSWORD\n", "");
        assertThat(broken(objects -> brokerContainer(objects).putArray("command").add("/bin/bash").add("-c").add(withoutNotificationService)))
                .anyMatch(p -> p.contains("StatefulSet broker container broker: notification-service logs in as notification-service, but the "
                        + "broker's entrypoint writes no such login (login notification-service VARIABLE; it writes [board, order-service, "
                        + "iot-ingest])"))
                .anyMatch(p -> p.contains("StatefulSet broker container broker: DISPATCH_BROKER_NOTIFICATION_SERVICE_PASSWORD is neither a "
                        + "variable of the Artemis image"));
        // A login whose role broker.xml does not know: it could do nothing.
        String withAuditor = BrokerImage.entrypoint().replace("login board ", "login auditor DISPATCH_BROKER_AUDITOR_PASSWORD\nlogin board ");
        assertThat(broken(objects -> {
            brokerContainer(objects).putArray("command").add("/bin/bash").add("-c").add(withAuditor);
            ((ArrayNode) brokerContainer(objects).get("env")).addObject().put("name", "DISPATCH_BROKER_AUDITOR_PASSWORD").put("value", "x");
        })).anyMatch(endingWith("StatefulSet broker container broker: its entrypoint writes the login auditor, whose role auditor "
                + BrokerConfig.FILE + " grants nothing"));
        // Given to the broker, a login's password its entrypoint reads.
        assertThat(broken(objects -> remove((ArrayNode) brokerContainer(objects).get("env"), "DISPATCH_BROKER_IOT_INGEST_PASSWORD")))
                .anyMatch(endingWith("StatefulSet broker container broker: its entrypoint reads $DISPATCH_BROKER_IOT_INGEST_PASSWORD, which "
                        + "the container is not given"));
    }

    @Test
    void theBrokerRunFromTheOfficialImageIsCaught() {
        // apache/artemis alone has neither the devices' login nor DispatchSecurityManager.
        assertThat(broken(objects -> brokerContainer(objects).put("image", "apache/artemis:2.55.0").put("imagePullPolicy", "IfNotPresent")))
                .anyMatch(p -> p.contains("StatefulSet broker container broker: image apache/artemis is not a Dispatch service, postgres, "
                        + BrokerImage.NAME));
    }

    @Test
    void aDeviceLoginUrlThatMissesIotIngestIsCaught() {
        String where = "StatefulSet broker container broker: DISPATCH_BROKER_DEVICE_LOGINS_URL=";
        assertThat(broken(objects -> brokerVariable(objects, "DISPATCH_BROKER_DEVICE_LOGINS_URL")
                .put("value", "http://gateway:8080/internal/broker/device-logins")))
                .anyMatch(endingWith(where + "http://gateway:8080/internal/broker/device-logins: gateway does not lead to iot-ingest"));
        // Its TLS port: the login module speaks plain HTTP and trusts no deployment CA.
        assertThat(broken(objects -> brokerVariable(objects, "DISPATCH_BROKER_DEVICE_LOGINS_URL")
                .put("value", "http://iot-ingest:8443/internal/broker/device-logins")))
                .anyMatch(endingWith(where + "http://iot-ingest:8443/internal/broker/device-logins: iot-ingest answers device logins on its "
                        + "HTTP port 8084, not 8443"));
        assertThat(broken(objects -> brokerVariable(objects, "DISPATCH_BROKER_DEVICE_LOGINS_URL")
                .put("value", "http://iot-ingest:8084/internal/device-logins")))
                .anyMatch(endingWith(where + "http://iot-ingest:8084/internal/device-logins: iot-ingest answers device logins at "
                        + "/internal/broker/device-logins, not /internal/device-logins"));
        assertThat(broken(objects -> remove((ArrayNode) brokerContainer(objects).get("env"), "DISPATCH_BROKER_DEVICE_LOGINS_URL")))
                .anyMatch(endingWith("StatefulSet broker container broker: set DISPATCH_BROKER_DEVICE_LOGINS_URL to iot-ingest's "
                        + "device-login URL, or no device can log in"));
    }

    @Test
    void aDeviceLoginTokenNotSharedThroughTheSecretIsCaught() {
        assertThat(broken(objects -> {
            ObjectNode token = brokerVariable(objects, "DISPATCH_BROKER_DEVICE_LOGINS_TOKEN");
            token.remove("valueFrom");
            token.put("value", "dispatch-broker-auth");
        })).anyMatch(endingWith("StatefulSet broker container broker: DISPATCH_BROKER_DEVICE_LOGINS_TOKEN is written into the file; it "
                + "must come from a Secret (Kubernetes) or an env_file (Compose) that deploy/secrets.sh makes"))
                .anyMatch(p -> p.contains("StatefulSet iot-ingest container iot-ingest: DISPATCH_IOT_BROKER_AUTH_TOKEN is"));
        assertThat(broken(objects -> ((ObjectNode) variable(objects, "iot-ingest", "DISPATCH_IOT_BROKER_AUTH_TOKEN")
                .at("/valueFrom/secretKeyRef")).put("key", "board-password")))
                .anyMatch(p -> p.contains("StatefulSet iot-ingest container iot-ingest: DISPATCH_IOT_BROKER_AUTH_TOKEN is")
                        && p.contains("StatefulSet broker container broker has DISPATCH_BROKER_DEVICE_LOGINS_TOKEN"));
        assertThat(broken(objects -> remove(env(objects, "iot-ingest"), "DISPATCH_IOT_BROKER_AUTH_TOKEN")))
                .anyMatch(endingWith("StatefulSet iot-ingest container iot-ingest: set DISPATCH_IOT_BROKER_AUTH_TOKEN from the source of the "
                        + "broker's DISPATCH_BROKER_DEVICE_LOGINS_TOKEN (with its default, iot-ingest refuses the broker's questions)"));
        // The Secret's key must be one the overlay generates from a file deploy/secrets.sh makes.
        assertThat(broken(objects -> ((ObjectNode) Overlay.find(objects, "Secret", "dispatch-broker").get("x-files"))
                .put("device-logins-token", Overlay.DIRECTORY + "/secrets/device-token")))
                .anyMatch(p -> p.contains("Secret dispatch-broker: key device-logins-token comes from " + Overlay.DIRECTORY
                        + "/secrets/device-token, which deploy/secrets.sh does not make"));
    }

    private static ObjectNode brokerContainer(List<ObjectNode> objects) {
        return (ObjectNode) Overlay.find(objects, "StatefulSet", "broker").at("/spec/template/spec/containers/0");
    }

    private static ObjectNode brokerVariable(List<ObjectNode> objects, String name) {
        for (JsonNode variable : brokerContainer(objects).get("env")) {
            if (variable.path("name").asText().equals(name)) {
                return (ObjectNode) variable;
            }
        }
        throw new AssertionError("the broker has no " + name);
    }

    // --- Jaeger: where every service's traces go

    @Test
    void anExporterThatMissesJaegerIsCaught() {
        assertThat(broken(objects -> variable(objects, "order-service", "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT").put("value", "http://jaeger:16686")))
                .anyMatch(endingWith("Deployment order-service container order-service: QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT=http://jaeger:16686: "
                        + "its protocol's OTLP port is 4317, not 16686"));
        assertThat(broken(objects -> variable(objects, "gateway", "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT").put("value", "http://web:4317")))
                .anyMatch(endingWith("Deployment gateway container gateway: QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT=http://web:4317: web does not "
                        + "lead to Jaeger"));
        // http/protobuf goes to 4318, which the Service does not offer.
        assertThat(broken(objects -> {
            variable(objects, "gateway", "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT").put("value", "http://jaeger:4318");
            env(objects, "gateway").addObject().put("name", "QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL").put("value", "http/protobuf");
        })).anyMatch(endingWith("Deployment gateway container gateway: QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT=http://jaeger:4318: jaeger "
                + "serves [4317, 16686], not 4318"));
        assertThat(broken(objects -> variable(objects, "notification-service", "QUARKUS_OTEL_SDK_DISABLED").put("value", "true")))
                .anyMatch(endingWith("Deployment notification-service container notification-service: the deployment runs Jaeger, but "
                        + "notification-service exports no traces: set QUARKUS_OTEL_SDK_DISABLED=false and QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT"));
        assertThat(broken(objects -> env(objects, "payment-service").addObject().put("name", "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOIN")
                .put("value", "http://jaeger:4317")))
                .anyMatch(p -> p.contains("Deployment payment-service container payment-service: QUARKUS_OTEL_EXPORTER_OTLP_ENDPOIN maps to "
                        + "no configuration key"));
    }

    @Test
    void aWeakenedOrMisconfiguredJaegerIsCaught() {
        assertThat(broken(objects -> {
            ObjectNode jaeger = container(objects, "jaeger");
            ((ObjectNode) jaeger.get("securityContext")).put("readOnlyRootFilesystem", false);
            jaeger.remove("readinessProbe");
            ((ObjectNode) jaeger.at("/ports/0")).put("containerPort", 14250);
            variable(objects, "jaeger", "COLLECTOR_OTLP_ENABLED").put("value", "false");
        })).anyMatch(endingWith("Deployment jaeger container jaeger: securityContext.readOnlyRootFilesystem must be true"))
                .anyMatch(endingWith("Deployment jaeger container jaeger: no readinessProbe"))
                .anyMatch(endingWith("Deployment jaeger container jaeger: containerPort 14250/TCP is none that Jaeger serves here "
                        + "[4317, 4318, 14269, 16686] (TCP)"))
                .anyMatch(endingWith("Deployment jaeger container jaeger: COLLECTOR_OTLP_ENABLED=false, but the services send their "
                        + "traces over OTLP"));
        assertThat(broken(objects -> ((ObjectNode) Overlay.find(objects, "Deployment", "jaeger").at("/spec/template/spec/securityContext"))
                .put("runAsNonRoot", false)))
                .anyMatch(endingWith("Deployment jaeger: pod securityContext.runAsNonRoot must be true"));
    }

    private static java.util.function.Predicate<String> endingWith(String end) {
        return problem -> problem.endsWith(end);
    }

    private static List<String> broken(Consumer<List<ObjectNode>> breakIt) {
        List<ObjectNode> objects = new ArrayList<>(Overlay.copy());
        breakIt.accept(objects);
        return ManifestChecks.problems(objects);
    }

    private static ObjectNode container(List<ObjectNode> objects, String deployment) {
        return (ObjectNode) workload(objects, deployment).at("/spec/template/spec/containers/0");
    }

    /** A service's Deployment, or its StatefulSet (iot-ingest). */
    private static ObjectNode workload(List<ObjectNode> objects, String name) {
        return objects.stream().filter(o -> Set.of("Deployment", "StatefulSet").contains(o.path("kind").asText())
                && o.path("metadata").path("name").asText().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no workload " + name));
    }

    private static ObjectNode podVolume(List<ObjectNode> objects, String deployment, String name) {
        for (JsonNode volume : workload(objects, deployment).at("/spec/template/spec/volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return (ObjectNode) volume;
            }
        }
        throw new AssertionError(deployment + " has no volume " + name);
    }

    private static ObjectNode port(List<ObjectNode> objects, String deployment) {
        return (ObjectNode) container(objects, deployment).at("/ports/0");
    }

    private static ArrayNode env(List<ObjectNode> objects, String deployment) {
        return (ArrayNode) container(objects, deployment).get("env");
    }

    private static ObjectNode variable(List<ObjectNode> objects, String deployment, String name) {
        for (JsonNode variable : env(objects, deployment)) {
            if (variable.path("name").asText().equals(name)) {
                return (ObjectNode) variable;
            }
        }
        throw new AssertionError(deployment + " has no " + name);
    }

    private static ObjectNode xmpp(List<ObjectNode> objects) {
        return (ObjectNode) Overlay.find(objects, "StatefulSet", "xmpp").at("/spec/template/spec/containers/0");
    }

    private static ArrayNode xmppEnv(List<ObjectNode> objects) {
        return (ArrayNode) xmpp(objects).get("env");
    }

    private static ObjectNode xmppVariable(List<ObjectNode> objects, String name) {
        for (JsonNode variable : xmppEnv(objects)) {
            if (variable.path("name").asText().equals(name)) {
                return (ObjectNode) variable;
            }
        }
        throw new AssertionError("xmpp has no " + name);
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
