package dev.dispatch.testsupport.internal;

import java.util.function.Function;

import io.grpc.Metadata;

/** The credentials no gRPC method may accept, each wrong for its own reason: parameterize a test over them. */
public enum BadToken {
    NONE(audience -> null),
    NOT_A_JWT(audience -> "not-a-jwt"),
    EXPIRED(InternalCallers::expired),
    FORGED(InternalCallers::forged),
    FOR_ANOTHER_SERVICE(InternalCallers::forAnotherService),
    UNTRUSTED_ISSUER(InternalCallers::untrustedIssuer),
    SERVICE_SPEAKING_FOR_A_USER(InternalCallers::serviceSpeakingForAUser);

    private final Function<String, String> token;

    BadToken(Function<String, String> token) {
        this.token = token;
    }

    /** The headers of a call with this credential to {@code audience} (none at all for {@link #NONE}). */
    public Metadata headers(String audience) {
        String signed = token.apply(audience);
        return signed == null ? new Metadata() : InternalCallers.headers(signed);
    }
}
