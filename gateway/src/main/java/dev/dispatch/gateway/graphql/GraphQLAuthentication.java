package dev.dispatch.gateway.graphql;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Settles who calls /graphql before SmallRye GraphQL runs the query, so that resolvers read the identity without
 * blocking, and so that a missing or refused token is a GraphQL error with code UNAUTHENTICATED (status 401 and a
 * Bearer challenge, the body in GraphQL's shape) rather than a bare 401.
 * <p>
 * A WebSocket upgrade without a token is let through: a browser cannot set headers on it, and sends its token in the
 * {@code connection_init} payload instead (or as {@code ?access_token=}, see {@link QueryTokenAuthentication}). Every
 * subscription resolver still asks {@link Callers}, so an unauthenticated subscription gets an UNAUTHENTICATED error.
 */
@ApplicationScoped
public class GraphQLAuthentication {

    static final String PATH = "/graphql";
    private static final String BEARER = "Bearer ";
    private static final String INVALID_TOKEN = "Bearer error=\"invalid_token\"";

    private final IdentityProviderManager identities;

    GraphQLAuthentication(IdentityProviderManager identities) {
        this.identities = identities;
    }

    void install(@Observes Router router) {
        // After Quarkus's authentication handler has set the (deferred) identity, before the GraphQL handlers.
        router.route(PATH).order(1).handler(this::authenticate);
    }

    private void authenticate(RoutingContext request) {
        String authorization = request.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            if ("websocket".equalsIgnoreCase(request.request().getHeader(HttpHeaders.UPGRADE))) {
                request.next(); // connection_init or ?access_token= will say who it is
            } else {
                refuse(request, "A bearer token is required", "Bearer");
            }
            return;
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length()) || authorization.length() == BEARER.length()) {
            refuse(request, "The bearer token is not valid", INVALID_TOKEN);
            return;
        }
        // Verified here, as smallrye-jwt would, so that a refused token is answered in GraphQL's shape.
        identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                        new TokenAuthenticationRequest(new JsonWebTokenCredential(authorization.substring(BEARER.length()).trim())), request))
                .subscribe().with(identity -> {
                    request.setUser(new QuarkusHttpUser(identity));
                    request.next();
                }, failure -> refuse(request, "The bearer token is not valid", INVALID_TOKEN));
    }

    private static void refuse(RoutingContext request, String message, String challenge) {
        if (request.response().ended()) {
            return;
        }
        JsonObject error = new JsonObject().put("message", message).put("extensions", new JsonObject().put("code", ErrorCode.UNAUTHENTICATED.name()));
        request.response()
                .setStatusCode(401)
                .putHeader("WWW-Authenticate", challenge)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("errors", new JsonArray().add(error)).putNull("data").encode());
    }
}
