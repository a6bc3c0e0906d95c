package dev.dispatch.gateway.graphql;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The bearer token as {@code ?access_token=} on the GraphQL WebSocket upgrade only: a browser's WebSocket cannot set
 * headers. Verified exactly like a header token; tokens in URLs reach access logs, so short-lived ones belong there.
 * Runs after smallrye-jwt's header mechanism and only without an Authorization header, so a bad header token is
 * refused, never replaced. (The same mechanism as notification-service's streams.)
 */
@ApplicationScoped
public class QueryTokenAuthentication implements HttpAuthenticationMechanism {

    public static final String PARAMETER = "access_token";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String token = queryToken(context);
        if (token == null) {
            return Uni.createFrom().nullItem();
        }
        return identityProviderManager.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                new TokenAuthenticationRequest(new JsonWebTokenCredential(token)), context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY - 100;
    }

    private static String queryToken(RoutingContext context) {
        if (context.request().headers().contains(HttpHeaders.AUTHORIZATION) || !GraphQLAuthentication.PATH.equals(context.normalizedPath())
                || !"websocket".equalsIgnoreCase(context.request().getHeader(HttpHeaders.UPGRADE))) {
            return null;
        }
        String token = context.request().getParam(PARAMETER);
        return token == null || token.isBlank() ? null : token;
    }
}
