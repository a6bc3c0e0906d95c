package dev.dispatch.iot.support;

import java.util.function.Function;

import dev.dispatch.testsupport.internal.InternalCallers;
import io.grpc.Metadata;

/** The credentials no gRPC method of iot-ingest may accept, each wrong for its own reason. */
public enum BadCredential {
    NONE(audience -> null),
    EXPIRED(InternalCallers::expired),
    FORGED(InternalCallers::forged),
    FOR_ANOTHER_SERVICE(InternalCallers::forAnotherService),
    UNTRUSTED_ISSUER(InternalCallers::untrustedIssuer),
    SERVICE_SPEAKING_FOR_A_USER(InternalCallers::serviceSpeakingForAUser);

    private final Function<String, String> token;

    BadCredential(Function<String, String> token) {
        this.token = token;
    }

    /** The headers of a call with this credential to iot-ingest (none at all for {@link #NONE}). */
    public Metadata headers() {
        String signed = token.apply(Operator.AUDIENCE);
        return signed == null ? new Metadata() : InternalCallers.headers(signed);
    }
}
