package dev.dispatch.platform.identity;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.jose4j.jwt.consumer.JwtContext;

/**
 * What the internal token of a gRPC call costs (README "Security model"): signing and verifying one the first time
 * (RS256, 2048-bit keys), against what callers pay almost always — a token reused until near its expiry, and one the
 * server verified before.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InternalTokenBenchmark {

    private InternalTokens gateway;
    private InternalTokenVerifier orderService;
    private String token;
    private long subjects;

    @Setup
    public void setUp() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        gateway = new InternalTokens("gateway", CONFIG, Clock.systemUTC()) {
            @Override
            PrivateKey signingKey() {
                return keys.getPrivate();
            }
        };
        orderService = new InternalTokenVerifier(Set.of("order-service"), CONFIG, Map.of("gateway", keys.getPublic()));
        token = gateway.token("alice", Role.CUSTOMER, "order-service");
    }

    /** A token for a user the gateway has no token for yet: one RSA signature. */
    @Benchmark
    public String signNew() {
        return gateway.token("customer-" + subjects++, Role.CUSTOMER, "order-service");
    }

    /** The same user and service again: the cached token. */
    @Benchmark
    public String signReused() {
        return gateway.token("alice", Role.CUSTOMER, "order-service");
    }

    /** A token the server has not seen: parse, RS256 verification, claims. */
    @Benchmark
    public JwtContext verifyNew() {
        return orderService.check(token);
    }

    /** A token the server verified before, as callers reuse theirs. */
    @Benchmark
    public CallerIdentity verifyKnown() {
        return orderService.verify(token);
    }

    private static final InternalAuthConfig CONFIG = new InternalAuthConfig() {
        @Override
        public Optional<Path> privateKey() {
            return Optional.empty();
        }

        @Override
        public Optional<Path> publicKeys() {
            return Optional.empty();
        }

        @Override
        public Optional<Set<String>> audiences() {
            return Optional.empty();
        }

        @Override
        public Set<String> userIssuers() {
            return Set.of("gateway");
        }

        @Override
        public Duration tokenLifetime() {
            return Duration.ofMinutes(5);
        }

        @Override
        public Duration clockSkew() {
            return Duration.ofSeconds(30);
        }
    };
}
