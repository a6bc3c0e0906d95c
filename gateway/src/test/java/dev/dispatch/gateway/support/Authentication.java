package dev.dispatch.gateway.support;

import dev.dispatch.platform.grpc.InternalAuthentication;
import dev.dispatch.platform.identity.InternalTokenVerifier;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.inject.Singleton;

/**
 * The test app's fake services verify the gateway's internal tokens as the real ones do, so the tests see that every
 * call the gateway makes carries a valid token for the right user and service.
 */
@GlobalInterceptor
@Singleton
public class Authentication extends InternalAuthentication {

    Authentication(InternalTokenVerifier verifier) {
        super(verifier);
    }
}
