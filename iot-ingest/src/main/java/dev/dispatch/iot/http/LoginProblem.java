package dev.dispatch.iot.http;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dispatch.platform.problem.FieldError;
import dev.dispatch.platform.problem.Problem;
import io.vertx.core.http.HttpServerResponse;

/**
 * What {@code /internal/broker/device-logins} answers when it does not say yes, as RFC 9457 problems. The type URIs of
 * the kinds every service shares are theirs (platform's CommonProblems, which needs JAX-RS, which iot-ingest does not
 * have); {@link #INVALID_DEVICE_LOGIN} is this endpoint's own. The device-login refusal says the same whatever was
 * wrong (unknown device, no password, wrong or revoked password).
 */
enum LoginProblem {

    INVALID_DEVICE_LOGIN("/problems/invalid-device-login", "The device login is not valid", 401,
            "Unknown device, or not its active password"),
    UNAUTHORIZED("/problems/unauthorized", "Authentication required", 401,
            "Only the broker may ask, with its bearer token"),
    MALFORMED_JSON("/problems/malformed-json", "The request body is not valid JSON", 400, null),
    VALIDATION("/problems/validation", "The request is not valid", 400, null),
    PAYLOAD_TOO_LARGE("/problems/payload-too-large", "The request body is too large", 413, null),
    UNSUPPORTED_MEDIA_TYPE("/problems/unsupported-media-type", "Unsupported media type", 415, "Send application/json"),
    METHOD_NOT_ALLOWED("/problems/method-not-allowed", "Method not allowed", 405, "Only POST"),
    UNAVAILABLE("/problems/unavailable", "The device store is unavailable", 503, "Try again shortly"),
    INTERNAL("/problems/internal", "Internal error", 500, null);

    static final String MEDIA_TYPE = Problem.MEDIA_TYPE;

    private final String type;
    private final String title;
    private final int status;
    private final String detail;

    LoginProblem(String type, String title, int status, String detail) {
        this.type = type;
        this.title = title;
        this.status = status;
        this.detail = detail;
    }

    int status() {
        return status;
    }

    void send(ObjectMapper json, HttpServerResponse response, String instance) {
        send(json, response, instance, detail, null);
    }

    void send(ObjectMapper json, HttpServerResponse response, String instance, String detail, List<FieldError> errors) {
        String body;
        try {
            body = json.writeValueAsString(new Problem(type, title, status, detail, instance, errors));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Problem always serializes", e);
        }
        response.setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE).putHeader("Cache-Control", "no-store").end(body);
    }
}
