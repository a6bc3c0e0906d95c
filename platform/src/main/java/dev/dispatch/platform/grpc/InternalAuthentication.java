package dev.dispatch.platform.grpc;

import java.util.Set;

import dev.dispatch.platform.identity.CallerIdentity;
import dev.dispatch.platform.identity.InternalTokenVerifier;
import dev.dispatch.platform.identity.InvalidInternalToken;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import jakarta.enterprise.inject.spi.Prioritized;

/**
 * Refuses every gRPC call that does not carry a valid internal token ({@code authorization: Bearer <token>}) before
 * any method runs, with UNAUTHENTICATED and the reason; otherwise the method reads who it acts for from {@link
 * #caller()}, never from the request. Server reflection and health stay open: they describe the service and say
 * whether it is up, and grpcurl or a probe has no token. A service switches it on with an
 * {@code @Singleton @GlobalInterceptor} subclass (a singleton: no client proxy, which would need a no-args
 * constructor; abstract here for the same reason as {@link
 * SpecEncodedStatusMessages}).
 */
public abstract class InternalAuthentication implements ServerInterceptor, Prioritized {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<CallerIdentity> CALLER = Context.key("dispatch-caller");
    private static final String BEARER = "Bearer ";
    private static final Set<String> OPEN_SERVICES = Set.of(
            "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection", "grpc.health.v1.Health");

    private final InternalTokenVerifier verifier;

    protected InternalAuthentication(InternalTokenVerifier verifier) {
        this.verifier = verifier;
    }

    /** The verified caller of the gRPC call being served; read it where the method starts, on the calling thread. */
    public static CallerIdentity caller() {
        CallerIdentity caller = CALLER.get();
        if (caller == null) {
            throw Status.UNAUTHENTICATED.withDescription("no verified caller").asRuntimeException();
        }
        return caller;
    }

    @Override
    public int getPriority() {
        // Inside SpecEncodedStatusMessages (so its refusal is encoded too), outside everything else.
        return Integer.MAX_VALUE - 1;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (OPEN_SERVICES.contains(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        String authorization = headers.get(AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return refuse(call, "no internal token: send 'authorization: Bearer <token>'");
        }
        CallerIdentity caller;
        try {
            caller = verifier.verify(authorization.substring(BEARER.length()).trim());
        } catch (InvalidInternalToken e) {
            return refuse(call, e.getMessage());
        }
        return Contexts.interceptCall(Context.current().withValue(CALLER, caller), call, headers, next);
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, String reason) {
        call.close(Status.UNAUTHENTICATED.withDescription(reason), new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
