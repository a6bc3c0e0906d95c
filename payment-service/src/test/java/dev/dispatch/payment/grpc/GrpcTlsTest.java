package dev.dispatch.payment.grpc;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import org.junit.jupiter.api.Test;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;

/**
 * gRPC over TLS as the Kubernetes deployment runs it (k8s/base/payment-service/deployment.yaml): the HTTP server
 * also listens with TLS on its SSL port, from a PKCS12 key store that deploy/secrets.sh makes (run here into
 * target/), and a caller that trusts only the deployment's CA, as the gateway and order-service are configured
 * (quarkus.grpc.clients.*.ssl.trust-store: grpc-java's Netty channel with GrpcSslContexts), reaches it under the
 * Service's name. The plain port keeps serving what the kubelet's probes and browsers use.
 */
@QuarkusTest
@QuarkusTestResource(value = GrpcTlsTest.Tls.class, restrictToAnnotatedClass = true)
class GrpcTlsTest {

    /** What deploy/secrets.sh wrote: the kind overlay's files (key stores, their password, the CA certificate). */
    static final Path SECRETS = Path.of("target", "grpc-tls-test", "kind");

    /**
     * The Deployment's settings (QUARKUS_HTTP_SSL_PORT, QUARKUS_HTTP_TLS_CONFIGURATION_NAME, QUARKUS_HTTP_INSECURE_REQUESTS,
     * QUARKUS_TLS_GRPC_KEY_STORE_P12_PATH and _PASSWORD), with the files where the script put them; the SSL port of a
     * test is quarkus.http.test-ssl-port (a free one).
     */
    public static class Tls implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            makeSecrets();
            return Map.of(
                    "quarkus.http.ssl-port", "8443",
                    "quarkus.http.test-ssl-port", "0",
                    "quarkus.http.tls-configuration-name", "grpc",
                    "quarkus.http.insecure-requests", "enabled",
                    "quarkus.tls.grpc.key-store.p12.path", SECRETS.resolve("grpc-tls-payment-service.p12").toAbsolutePath().toString(),
                    "quarkus.tls.grpc.key-store.p12.password", read(SECRETS.resolve("grpc-tls-password")));
        }

        @Override
        public void stop() {
        }
    }

    @TestHTTPResource(value = "/", tls = true)
    URL tls;

    @TestHTTPResource("/")
    URL plain;

    @Test
    void aCallerTrustingTheDeploymentsCaIsServedOverTlsUnderTheServicesNames() throws SSLException {
        for (String name : new String[] {"payment-service", "payment-service.dispatch.svc", "payment-service.dispatch.svc.cluster.local"}) {
            assertThat(check(tlsChannel(name))).as(name).isEqualTo(ServingStatus.SERVING);
        }
    }

    @Test
    void aNameTheCertificateDoesNotCoverIsRefused() {
        assertThatThrownBy(() -> check(tlsChannel("order-service"))).isInstanceOf(StatusRuntimeException.class);
    }

    @Test
    void plainTextToTheTlsPortFails() {
        assertThatThrownBy(() -> check(ManagedChannelBuilder.forAddress(tls.getHost(), tls.getPort()).usePlaintext().build()))
                .isInstanceOf(StatusRuntimeException.class);
    }

    @Test
    void thePlainPortStillServesTheProbes() {
        given().baseUri(plain.toString()).get("/q/health/live").then().statusCode(200);
    }

    private ManagedChannel tlsChannel(String authority) throws SSLException {
        return NettyChannelBuilder.forAddress(tls.getHost(), tls.getPort()).overrideAuthority(authority)
                .sslContext(GrpcSslContexts.forClient().trustManager(SECRETS.resolve("grpc-ca.crt").toFile()).build())
                .build();
    }

    /** grpc.health.v1.Health/Check: needs no token, answers what the server says of itself. */
    private static ServingStatus check(ManagedChannel channel) {
        try {
            return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(15, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()).getStatus();
        } finally {
            channel.shutdownNow();
        }
    }

    /** Runs deploy/secrets.sh into target/grpc-tls-test (once: it keeps what it made). */
    static synchronized void makeSecrets() {
        if (Files.isRegularFile(SECRETS.resolve("grpc-tls-payment-service.p12"))) {
            return;
        }
        Path root = Path.of("..").toAbsolutePath().normalize();
        ProcessBuilder script = new ProcessBuilder("bash", root.resolve("deploy/secrets.sh").toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        script.environment().put("DISPATCH_RUN_DIR", Path.of("target", "grpc-tls-test", "run").toAbsolutePath().toString());
        script.environment().put("DISPATCH_KIND_SECRETS", SECRETS.toAbsolutePath().toString());
        try {
            Process process = script.start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("deploy/secrets.sh failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
