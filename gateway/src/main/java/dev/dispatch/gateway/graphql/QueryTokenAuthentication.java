package dev.dispatch.gateway.graphql;

import jakarta.enterprise.context.ApplicationScoped;

import dev.dispatch.platform.security.QueryTokenAuthMechanism;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The bearer token as {@code ?access_token=} on the GraphQL WebSocket upgrade only: a browser's WebSocket cannot set
 * headers. The platform's mechanism verifies it exactly like a header token, and only without an Authorization
 * header, so a bad header token is refused, never replaced. Tokens in URLs reach access logs, so short-lived ones
 * belong there.
 */
@ApplicationScoped
public class QueryTokenAuthentication extends QueryTokenAuthMechanism {

    @Override
    protected boolean acceptsQueryToken(RoutingContext context) {
        return GraphQLAuthentication.PATH.equals(context.normalizedPath())
                && "websocket".equalsIgnoreCase(context.request().getHeader(HttpHeaders.UPGRADE));
    }
}
