package dev.dispatch.loadgen.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The tokens the load generator signs, against a run folder laid out as bin/run lays it out, with keys made here. */
class LocalRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path runDir;

    private KeyPair gateway;
    private KeyPair users;

    @BeforeEach
    void keys() throws Exception {
        gateway = writeKeyPair(runDir.resolve("internal").resolve("gateway").resolve("private.pem"));
        users = writeKeyPair(runDir.resolve("jwt").resolve("private.pem"));
    }

    @Test
    void theBrokerIsTheOneBinRunWroteDown() throws Exception {
        Files.writeString(runDir.resolve("broker.properties"), """
                host=127.0.0.1
                amqp.port=5679
                mqtt.port=1889
                user=dispatch
                password=s3cret
                """);

        assertThat(new LocalRun(runDir).broker()).isEqualTo(new LocalRun.Broker("127.0.0.1", 5679, "dispatch", "s3cret"));
    }

    @Test
    void withoutARunThereIsNoBrokerToMeasure() {
        assertThatThrownBy(() -> new LocalRun(runDir).broker()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("broker.properties").hasMessageContaining("bin/run");
    }

    @Test
    void theInternalTokenIsTheOneTheGatewaySignsForACustomersCallToOrderService() throws Exception {
        Instant before = Instant.now().minusSeconds(1);

        InternalToken token = new LocalRun(runDir).customerToOrderService("bench-1");

        String[] parts = token.value().split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(verifies(parts, gateway.getPublic())).as("signed with the gateway's internal key").isTrue();
        assertThat(verifies(parts, users.getPublic())).as("not with the users' key").isFalse();
        assertThat(json(parts[0]).get("alg").asText()).isEqualTo("RS256");
        JsonNode claims = json(parts[1]);
        assertThat(claims.get("iss").asText()).isEqualTo("gateway");
        assertThat(claims.get("aud").asText()).isEqualTo("order-service");
        assertThat(claims.get("sub").asText()).isEqualTo("bench-1");
        assertThat(claims.get("role").asText()).isEqualTo("customer");
        long issuedAt = claims.get("iat").asLong();
        long expiry = claims.get("exp").asLong();
        assertThat(issuedAt).isBetween(before.getEpochSecond(), Instant.now().getEpochSecond());
        assertThat(expiry - issuedAt).isEqualTo(Duration.ofMinutes(5).toSeconds());
        assertThat(token.expiresAt()).isEqualTo(Instant.ofEpochSecond(expiry));
    }

    @Test
    void anInternalTokenIsRenewedAMinuteBeforeItExpires() {
        InternalToken token = new LocalRun(runDir).customerToOrderService("bench-1");

        assertThat(token.dueForRenewal(Instant.now())).isFalse();
        assertThat(token.dueForRenewal(token.expiresAt().minusSeconds(61))).isFalse();
        assertThat(token.dueForRenewal(token.expiresAt().minusSeconds(60))).isTrue();
        assertThat(token.dueForRenewal(token.expiresAt().plusSeconds(1))).isTrue();
    }

    @Test
    void withoutTheGatewaysKeyItSaysToRunBinRunFirst() throws Exception {
        Files.delete(runDir.resolve("internal").resolve("gateway").resolve("private.pem"));

        assertThatThrownBy(() -> new LocalRun(runDir).customerToOrderService("bench-1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("internal/gateway/private.pem".replace('/', java.io.File.separatorChar))
                .hasMessageContaining("run bin/run first");
    }

    @Test
    void theUsersTokenKeepsBinTokensClaims() throws Exception {
        String token = new LocalRun(runDir).token("customer", "bench-1", Duration.ofHours(12));

        String[] parts = token.split("\\.");
        assertThat(verifies(parts, users.getPublic())).isTrue();
        JsonNode claims = json(parts[1]);
        assertThat(claims.get("iss").asText()).isEqualTo("https://dispatch.local");
        assertThat(claims.get("sub").asText()).isEqualTo("bench-1");
        assertThat(claims.get("upn").asText()).isEqualTo("bench-1");
        assertThat(claims.get("groups")).hasSize(1);
        assertThat(claims.get("groups").get(0).asText()).isEqualTo("customer");
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(Duration.ofHours(12).toSeconds());
        assertThat(claims.get("jti").asText()).isNotBlank();
    }

    @Test
    void manyUsersTokensSignedOnSeveralThreadsAreEachTheirOwn() throws Exception {
        Function<String, String> operators = new LocalRun(runDir).tokens("operator", Duration.ofHours(12));

        List<String> tokens = IntStream.range(0, 40).parallel().mapToObj(i -> operators.apply("fanout-run-" + i)).toList();

        Set<String> ids = new HashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            String[] parts = tokens.get(i).split("\\.");
            assertThat(verifies(parts, users.getPublic())).isTrue();
            JsonNode claims = json(parts[1]);
            assertThat(claims.get("sub").asText()).isEqualTo("fanout-run-" + i);
            assertThat(claims.get("groups").get(0).asText()).isEqualTo("operator");
            ids.add(claims.get("jti").asText());
        }
        assertThat(ids).hasSize(40);
    }

    private static KeyPair writeKeyPair(Path pem) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.createDirectories(pem.getParent());
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        return pair;
    }

    private static boolean verifies(String[] parts, PublicKey key) throws Exception {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(key);
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return rsa.verify(Base64.getUrlDecoder().decode(parts[2]));
    }

    private static JsonNode json(String base64Url) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(base64Url));
    }
}
