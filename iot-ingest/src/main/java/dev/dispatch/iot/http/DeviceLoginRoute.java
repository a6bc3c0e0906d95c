package dev.dispatch.iot.http;

import java.io.IOException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dispatch.iot.config.IngestConfig;
import dev.dispatch.iot.model.DevicePasswords;
import dev.dispatch.iot.service.DeviceLogins;
import dev.dispatch.platform.grpc.GrpcFailures;
import dev.dispatch.platform.problem.FieldError;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code POST /internal/broker/device-logins}: the broker's question, on every device connect, whether a device's MQTT
 * login is valid (issue #16). Only the broker asks, with the shared bearer token {@code dispatch.iot.broker-auth.token};
 * not under /api and not routed by the gateway. A plain Vert.x route on the HTTP server gRPC shares: one JSON body in,
 * one primary-key read and one SHA-256, one answer out.
 *
 * <pre>
 *   200 {"device":"courier-1"}          the device exists and this is its active password
 *   401 /problems/invalid-device-login  unknown device, no password, wrong or revoked password (the same answer for each)
 *   401 /problems/unauthorized          no or a wrong bearer token (WWW-Authenticate: Bearer)
 *   400 /problems/malformed-json        not a JSON object;  400 /problems/validation  username/password missing or not text
 *   413, 415, 405                       body over 4 KiB, a Content-Type not JSON, a method not POST
 *   503 /problems/unavailable           the database did not answer (within the timeout): the broker refuses the login
 * </pre>
 */
@ApplicationScoped
public class DeviceLoginRoute {

    public static final String PATH = "/internal/broker/device-logins";
    static final int MAX_BODY_BYTES = 4096;
    /** The database must answer within this, or the login is 503: the broker is waiting with a device's CONNECT. */
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);
    private static final Logger LOG = Logger.getLogger(DeviceLoginRoute.class);

    private final DeviceLogins logins;
    private final ObjectMapper json;
    private final LoginMetrics metrics;
    private final byte[] tokenHash;

    DeviceLoginRoute(DeviceLogins logins, ObjectMapper json, LoginMetrics metrics, IngestConfig config) {
        this.logins = logins;
        this.json = json;
        this.metrics = metrics;
        this.tokenHash = DevicePasswords.hash(config.brokerAuth().token());
    }

    void routes(@Observes Router router) {
        // Two routes, as Vert.x wants a body handler before any other of its route: the token is checked first all the same.
        router.post(PATH).handler(this::authorize);
        router.post(PATH)
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(this::check)
                .failureHandler(this::failed);
        router.route(PATH).handler(ctx -> {
            ctx.response().putHeader("Allow", "POST");
            LoginProblem.METHOD_NOT_ALLOWED.send(json, ctx.response(), PATH);
        });
    }

    /** Before the body is read: a caller without the token learns nothing else. */
    private void authorize(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String prefix = "bearer ";
        boolean bearer = header != null && header.length() > prefix.length()
                && header.substring(0, prefix.length()).toLowerCase(Locale.ROOT).equals(prefix);
        // Hashes of equal length, compared in constant time: neither the token nor its length shows in the timing.
        if (!bearer || !MessageDigest.isEqual(DevicePasswords.hash(header.substring(prefix.length()).strip()), tokenHash)) {
            metrics.unauthorized(ctx.request().remoteAddress());
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            LoginProblem.UNAUTHORIZED.send(json, ctx.response(), PATH);
            return;
        }
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType != null && !contentType.toLowerCase(Locale.ROOT).strip().startsWith("application/json")) {
            metrics.badRequest();
            LoginProblem.UNSUPPORTED_MEDIA_TYPE.send(json, ctx.response(), PATH);
            return;
        }
        ctx.next();
    }

    private void check(RoutingContext ctx) {
        JsonNode body;
        try {
            body = json.readTree(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            metrics.badRequest();
            LoginProblem.MALFORMED_JSON.send(json, ctx.response(), PATH, "The body must be a JSON object {\"username\", \"password\"}", null);
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        String username = text(body, "username", errors);
        String password = text(body, "password", errors);
        if (!errors.isEmpty()) {
            metrics.badRequest();
            LoginProblem.VALIDATION.send(json, ctx.response(), PATH, errors.size() == 1 ? "1 field is not valid" : errors.size() + " fields are not valid",
                    errors);
            return;
        }
        logins.valid(username, password)
                .ifNoItem().after(CHECK_TIMEOUT).fail()
                .subscribe().with(valid -> {
                    if (valid) {
                        metrics.accepted();
                        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                                .end(json.createObjectNode().put("device", username).toString());
                    } else {
                        metrics.rejected(username);
                        LoginProblem.INVALID_DEVICE_LOGIN.send(json, ctx.response(), PATH);
                    }
                }, failure -> unavailable(ctx, failure));
    }

    private void unavailable(RoutingContext ctx, Throwable failure) {
        metrics.unavailable();
        if (GrpcFailures.isUnreachable(failure)) {
            LOG.warnf("device login not checked, the database is unreachable: %s", failure.toString());
            ctx.response().putHeader("Retry-After", "1");
            LoginProblem.UNAVAILABLE.send(json, ctx.response(), PATH);
        } else {
            LOG.error("device login check failed", failure);
            LoginProblem.INTERNAL.send(json, ctx.response(), PATH);
        }
    }

    /** The body handler's refusals: a body over the limit (413); anything else is a fault of ours. */
    private void failed(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        if (ctx.statusCode() == LoginProblem.PAYLOAD_TOO_LARGE.status()) {
            metrics.badRequest();
            LoginProblem.PAYLOAD_TOO_LARGE.send(json, ctx.response(), PATH, "At most " + MAX_BODY_BYTES + " bytes", null);
            return;
        }
        LOG.error("device login request failed", ctx.failure());
        LoginProblem.INTERNAL.send(json, ctx.response(), PATH);
    }

    private static String text(JsonNode body, String field, List<FieldError> errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        return value.textValue();
    }
}
