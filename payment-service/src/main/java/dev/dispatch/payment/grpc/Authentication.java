package dev.dispatch.payment.grpc;

import dev.dispatch.platform.grpc.InternalAuthentication;
import dev.dispatch.platform.identity.InternalTokenVerifier;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.inject.Singleton;

/**
 * Every gRPC call proves who it is for with an internal token before any method runs (see the superclass). A
 * {@code @Singleton}, not {@code @ApplicationScoped}: the superclass has no no-args constructor for a client proxy.
 */
@GlobalInterceptor
@Singleton
public class Authentication extends InternalAuthentication {

    Authentication(InternalTokenVerifier verifier) {
        super(verifier);
    }
}
