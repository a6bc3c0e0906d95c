package dev.dispatch.platform.grpc;

import java.util.concurrent.Executor;

import io.grpc.CallCredentials;
import io.grpc.Metadata;

/**
 * A token in a call's {@code authorization} header, as {@code Bearer <token>}: give it to a stub with
 * {@code withCallCredentials(new BearerToken(tokens.forUser(caller, "order-service")))}.
 */
public final class BearerToken extends CallCredentials {

    private final String token;

    public BearerToken(String token) {
        this.token = token;
    }

    @Override
    public void applyRequestMetadata(RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
        Metadata headers = new Metadata();
        headers.put(InternalAuthentication.AUTHORIZATION, "Bearer " + token);
        applier.apply(headers);
    }
}
