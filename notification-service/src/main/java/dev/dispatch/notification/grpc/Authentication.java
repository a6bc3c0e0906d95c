package dev.dispatch.notification.grpc;

import dev.dispatch.platform.grpc.InternalAuthentication;
import dev.dispatch.platform.identity.InternalTokenVerifier;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.inject.Singleton;

/**
 * Every gRPC call proves who it is for with an internal token before any method runs (see the superclass). A
 * singleton, not application-scoped: a client proxy would need a no-args constructor, which the superclass has not.
 */
@GlobalInterceptor
@Singleton
public class Authentication extends InternalAuthentication {

    Authentication(InternalTokenVerifier verifier) {
        super(verifier);
    }
}
