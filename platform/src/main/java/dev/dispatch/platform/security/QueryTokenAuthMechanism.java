package dev.dispatch.platform.security;

import java.util.Set;

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
 * The same JWT as the {@code Authorization: Bearer} header, taken from {@code ?access_token=}: a browser's
 * {@code WebSocket} and {@code EventSource} cannot set headers. The token is verified exactly like a header token
 * (smallrye-jwt's validator). Tokens in URLs end up in access logs and proxies, so clients should use short-lived
 * ones there.
 * <p>
 * It runs after smallrye-jwt's header mechanism (lower priority) and only when there is no Authorization header, so
 * a bad header token is refused, never replaced by a query token. A service subclasses it as an
 * {@code @ApplicationScoped} bean and says on which requests a query token is accepted (its streaming endpoints only).
 */
public abstract class QueryTokenAuthMechanism implements HttpAuthenticationMechanism {

    public static final String PARAMETER = "access_token";

    /** Whether this request may carry its token in the query (checked only when it has no Authorization header). */
    protected abstract boolean acceptsQueryToken(RoutingContext context);

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

    private String queryToken(RoutingContext context) {
        if (context.request().headers().contains(HttpHeaders.AUTHORIZATION) || !acceptsQueryToken(context)) {
            return null;
        }
        String token = context.request().getParam(PARAMETER);
        return token == null || token.isBlank() ? null : token;
    }
}
