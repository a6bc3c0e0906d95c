package dev.dispatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What deploy/secrets.sh really makes (run into target/ by {@link SecretsScript}): the internal signing key pairs,
 * copied for the overlay; for each gRPC server a key store whose certificate the CA signed for the names its callers
 * dial, the Service's name first; the broker's logins' passwords and its device-login token, one token for both sides.
 */
class SecretsScriptTest {

    @Test
    void itMakesEachIssuersKeyPairAndCopiesItForTheOverlay() throws Exception {
        SecretsScript.Made made = SecretsScript.made();
        for (String issuer : InternalAuth.ISSUERS) {
            for (String half : List.of("private", "public")) {
                Path key = made.runDir().resolve("internal/" + issuer + "/" + half + ".pem");
                assertThat(key).isRegularFile();
                assertThat(made.kindSecrets().resolve("internal-" + issuer + "-" + half + ".pem")).hasSameBinaryContentAs(key);
            }
            assertThat(Files.readString(made.runDir().resolve("internal/" + issuer + "/private.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
            assertThat(Files.readString(made.runDir().resolve("internal/" + issuer + "/public.pem"))).startsWith("-----BEGIN PUBLIC KEY-----");
        }
    }

    @Test
    void eachGrpcServersCertificateIsTheCasForItsServiceNames() throws Exception {
        SecretsScript.Made made = SecretsScript.made();
        X509Certificate ca;
        try (InputStream in = Files.newInputStream(made.kindSecrets().resolve("grpc-ca.crt"))) {
            ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        char[] password = Files.readString(made.kindSecrets().resolve("grpc-tls-password")).strip().toCharArray();
        String namespace = Yaml.document(Repo.read("k8s/base/kustomization.yaml"), "k8s/base/kustomization.yaml").path("namespace").asText();
        for (String server : InternalAuth.GRPC_SERVERS) {
            // The Service the callers dial has the server's name (ManifestChecks: a client's host is a Service).
            assertThat(Overlay.find(Overlay.rendered(), "Service", server)).isNotNull();
            assertThat(Overlay.find(Overlay.rendered(), "Secret", "dispatch-grpc-tls-" + server).path("x-files").path("keystore.p12").asText())
                    .isEqualTo(GrpcTls.keyStoreFile(server));
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(made.kindSecrets().resolve("grpc-tls-" + server + ".p12"))) {
                store.load(in, password);
            }
            assertThat(java.util.Collections.list(store.aliases())).as(server + "'s key store").containsExactly("server");
            assertThat(store.isKeyEntry("server")).isTrue();
            X509Certificate certificate = (X509Certificate) store.getCertificate("server");
            certificate.verify(ca.getPublicKey());
            certificate.checkValidity();
            List<String> names = new ArrayList<>();
            certificate.getSubjectAlternativeNames().forEach(name -> names.add((Integer) name.get(0) == 2 ? (String) name.get(1) : "?"));
            assertThat(names).as(server).containsExactlyInAnyOrder(server, server + "." + namespace + ".svc",
                    server + "." + namespace + ".svc.cluster.local");
            assertThat(certificate.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1"); // serverAuth
            assertThat(store.getCertificateChain("server")).hasSize(2);
        }
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void itMakesEachBrokerLoginsPasswordAndTheDeviceLoginTokenForTheOverlay() throws Exception {
        SecretsScript.Made made = SecretsScript.made();
        java.util.Set<String> values = new java.util.HashSet<>();
        for (String file : List.of("broker-password", "broker-board-password", "broker-order-service-password", "broker-iot-ingest-password",
                "broker-notification-service-password", "broker-device-logins-token")) {
            String value = Files.readString(made.kindSecrets().resolve(file));
            assertThat(value).as(file).matches("[A-Za-z0-9]{32}");
            values.add(value);
        }
        assertThat(values).as("each its own").hasSize(6);
        // The Secret's keys the broker and the services read, from those files.
        assertThat(Overlay.find(Overlay.rendered(), "Secret", "dispatch-broker").path("x-files").toString())
                .contains("\"order-service-password\":\"" + Overlay.DIRECTORY + "/secrets/broker-order-service-password\"")
                .contains("\"iot-ingest-password\":\"" + Overlay.DIRECTORY + "/secrets/broker-iot-ingest-password\"")
                .contains("\"notification-service-password\":\"" + Overlay.DIRECTORY + "/secrets/broker-notification-service-password\"")
                .contains("\"device-logins-token\":\"" + Overlay.DIRECTORY + "/secrets/broker-device-logins-token\"");
    }

    @Test
    void composesBrokerAndIotIngestGetTheSameDeviceLoginToken() throws Exception {
        SecretsScript.Made made = SecretsScript.made();
        java.util.Properties broker = env(made.runDir().resolve("compose/broker.env"));
        java.util.Properties iotIngest = env(made.runDir().resolve("compose/iot-ingest.env"));
        assertThat(broker.getProperty("DISPATCH_BROKER_DEVICE_LOGINS_TOKEN")).matches("[A-Za-z0-9]{32}")
                .isEqualTo(iotIngest.getProperty("DISPATCH_IOT_BROKER_AUTH_TOKEN"));
        assertThat(iotIngest.getProperty("DISPATCH_COAP_CREDENTIAL_KEY")).isNotBlank();
        // What the compose checks read from the script says the same.
        assertThat(SecretsScript.envFiles().get("./.dispatch/compose/broker.env").get("DISPATCH_BROKER_DEVICE_LOGINS_TOKEN"))
                .isEqualTo(SecretsScript.envFiles().get("./.dispatch/compose/iot-ingest.env").get("DISPATCH_IOT_BROKER_AUTH_TOKEN"))
                .isEqualTo(".dispatch/compose/broker-device-logins-token");
    }

    @Test
    void anEnvFileOfAnEarlierRunGetsTheNewVariablesAndKeepsItsOwn() throws Exception {
        SecretsScript.Made made = SecretsScript.run(folders -> {
            Files.createDirectories(folders.runDir().resolve("compose"));
            Files.writeString(folders.runDir().resolve("compose/iot-ingest.env"), "DISPATCH_COAP_CREDENTIAL_KEY=earlier\n");
        });
        assertThat(Files.readAllLines(made.runDir().resolve("compose/iot-ingest.env"))).hasSize(2)
                .startsWith("DISPATCH_COAP_CREDENTIAL_KEY=earlier")
                .contains("DISPATCH_IOT_BROKER_AUTH_TOKEN=" + Files.readString(made.runDir().resolve("compose/broker-device-logins-token")));
    }

    private static java.util.Properties env(Path file) throws Exception {
        java.util.Properties properties = new java.util.Properties();
        properties.load(new java.io.StringReader(Files.readString(file)));
        return properties;
    }
}
