package dev.dispatch.order.grpc;

import dev.dispatch.platform.grpc.InternalAuthentication;
import dev.dispatch.platform.identity.InternalTokenVerifier;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.inject.Singleton;

/** Every gRPC call proves who it is for with an internal token before any method runs (see the superclass). */
@GlobalInterceptor
@Singleton
public class Authentication extends InternalAuthentication {

    Authentication(InternalTokenVerifier verifier) {
        super(verifier);
    }
}
