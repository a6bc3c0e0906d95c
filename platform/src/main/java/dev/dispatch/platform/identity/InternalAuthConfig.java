package dev.dispatch.platform.identity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The keys of the internal tokens that go with every gRPC call between services. A service that calls others signs
 * with its own private key (its name, {@code quarkus.application.name}, is the issuer); a service that serves gRPC
 * accepts tokens from the issuers whose public keys are in {@link #publicKeys()}, addressed to it.
 */
@ConfigMapping(prefix = "dispatch.internal-auth")
public interface InternalAuthConfig {

    /** This service's signing key (PKCS#8 PEM): only services that call others over gRPC have one. */
    Optional<Path> privateKey();

    /** A folder of {@code <issuer>.pem} public keys (X.509 PEM): the services whose tokens this one accepts. */
    Optional<Path> publicKeys();

    /**
     * The audiences this service answers to: its own name ({@code quarkus.application.name}) unless set. Only a test
     * app that also serves a stand-in for another service (order-service's fake PaymentService) names more.
     */
    Optional<Set<String>> audiences();

    /** The services that may speak for a user; any other trusted issuer may speak only for itself. */
    @WithDefault("gateway")
    Set<String> userIssuers();

    /** How long a token is valid. Short, so that a leaked one is soon worthless; tokens are reused until near the end. */
    @WithDefault("5M")
    Duration tokenLifetime();

    /** The clock difference between services that verification tolerates. */
    @WithDefault("30S")
    Duration clockSkew();
}
