package dev.dispatch.gateway.graphql;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * A POST to /graphql that is not a GraphQL request — not JSON, no {@code query} string, or a query that does not
 * parse — is answered here with a {@code BAD_USER_INPUT} error. SmallRye answers these itself, before any
 * instrumentation runs, with no {@code extensions.code}; the gateway's rule is a code on every error.
 */
@ApplicationScoped
public class GraphQLRequestCheck {

    // The same bound as REST bodies (BodySizeLimit): a query is text, never a payload.
    private static final long MAX_BODY_BYTES = 64 * 1024;

    void install(@Observes Router router) {
        // After authentication (order 1), before SmallRye's GraphQL handler.
        router.route(HttpMethod.POST, GraphQLAuthentication.PATH).order(2)
                .handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES))
                .handler(this::check);
    }

    private void check(RoutingContext request) {
        String contentType = request.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            request.next(); // other media types (application/graphql) are SmallRye's to accept or refuse
            return;
        }
        JsonObject body;
        try {
            body = request.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            refuse(request, 400, "The request body is not a JSON object");
            return;
        }
        if (body == null || !(body.getValue("query") instanceof String query) || query.isBlank()) {
            refuse(request, 400, "A GraphQL request needs a 'query' string");
            return;
        }
        try {
            Parser.parse(query);
        } catch (InvalidSyntaxException e) {
            refuse(request, 200, "The query does not parse: " + e.getMessage());
            return;
        }
        request.next();
    }

    private static void refuse(RoutingContext request, int status, String message) {
        JsonObject error = new JsonObject().put("message", message)
                .put("extensions", new JsonObject().put("code", ErrorCode.BAD_USER_INPUT.name()));
        request.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("errors", new JsonArray().add(error)).putNull("data").encode());
    }
}
