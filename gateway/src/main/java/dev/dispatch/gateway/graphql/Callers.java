package dev.dispatch.gateway.graphql;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.dispatch.gateway.model.Roles;
import dev.dispatch.platform.identity.CallerIdentity;
import dev.dispatch.platform.identity.Role;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Who is calling the GraphQL API, with the rules of REST: a customer or an operator token, nothing else (a courier's
 * token only chats). Over HTTP the identity was settled before the query ran ({@link GraphQLAuthentication}); over a WebSocket, at the upgrade or by the
 * {@code connection_init} payload.
 */
@ApplicationScoped
public class Callers {

    private final CurrentIdentityAssociation identities;

    Callers(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    /**
     * The caller as the backends are told; UNAUTHENTICATED without a token, FORBIDDEN for a role the API does not know.
     * Read without blocking: authentication is lazy, and resolvers run on the event loop.
     */
    public Uni<CallerIdentity> current() {
        return token().map(Callers::caller);
    }

    /** Who chats: a customer, a courier or an operator (the token's subject and role); FORBIDDEN for anyone else. */
    public Uni<CallerIdentity> chatUser() {
        return token().map(token -> {
            CallerIdentity chatter = Roles.chatterOf(token);
            if (chatter == null) {
                throw new ApiError(ErrorCode.FORBIDDEN, "Your role may not chat");
            }
            return chatter;
        });
    }

    public Uni<CallerIdentity> operator() {
        return current().invoke(caller -> {
            if (!caller.is(Role.OPERATOR)) {
                throw new ApiError(ErrorCode.FORBIDDEN, "Only operators may do this");
            }
        });
    }

    public Uni<CallerIdentity> customer() {
        return current().invoke(caller -> {
            if (!caller.is(Role.CUSTOMER)) {
                throw new ApiError(ErrorCode.FORBIDDEN, "Only customers place orders");
            }
        });
    }

    private Uni<JsonWebToken> token() {
        return identities.getDeferredIdentity()
                .onFailure(AuthenticationFailedException.class)
                .transform(f -> new ApiError(ErrorCode.UNAUTHENTICATED, "The bearer token is not valid"))
                .map(Callers::token);
    }

    private static JsonWebToken token(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new ApiError(ErrorCode.UNAUTHENTICATED, "A bearer token is required");
        }
        return token;
    }

    private static CallerIdentity caller(JsonWebToken token) {
        CallerIdentity caller = Roles.callerOf(token);
        if (caller == null) {
            throw new ApiError(ErrorCode.FORBIDDEN, "Your role may not use this API");
        }
        return caller;
    }
}
