package dev.dispatch.gateway.rest;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.dispatch.platform.problem.Problem;

/**
 * The head of the OpenAPI document and the problem responses that operations refer to by name. Served at
 * /q/openapi; the committed copy is gateway/openapi.yaml (OpenApiDocumentTest keeps the two in step).
 */
@OpenAPIDefinition(
        info = @Info(title = "Dispatch API", version = "1",
                description = "Orders of the Dispatch delivery platform: place, follow, cancel and dispatch; the courier devices "
                        + "that deliver them and the cargo sensors that ride with them. Every request carries a bearer JWT whose "
                        + "`groups` hold `customer` or `operator` (or `courier`, which may only chat); a customer sees only their own "
                        + "orders, and devices and sensors are for operators. Every error is "
                        + "`application/problem+json` (RFC 9457) with a stable `type`."),
        tags = {
                @Tag(name = "orders", description = "An order's lifecycle: placed, paid or declined, dispatched, delivered, or cancelled."),
                @Tag(name = "devices", description = "Courier devices (trackers, cargo sensors) as iot-ingest knows them from MQTT: "
                        + "status, telemetry, commands. Operators only."),
                @Tag(name = "sensors", description = "Battery-powered cargo sensors that report over CoAP (UDP, DTLS with a "
                        + "pre-shared key per sensor), as iot-ingest knows them: provisioning and revocation of keys, the "
                        + "configuration the sensors observe, readings. Operators only."),
                @Tag(name = "chat", description = "Chat between a customer and the courier of their order on a real XMPP "
                        + "server: a members-only room per dispatched order, the dispatch bot posting its status. Customers, "
                        + "couriers and operators get their XMPP account and a short-lived password here.") },
        components = @Components(responses = {
                @APIResponse(name = "BadRequest", description = "The request is not valid: every offending field is listed "
                        + "(`/problems/validation`), or the body is not JSON of the right shape (`/problems/malformed-json`).",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                                examples = {
                                        @ExampleObject(name = "validation", value = ApiDefinition.VALIDATION),
                                        @ExampleObject(name = "malformed-json", value = ApiDefinition.MALFORMED) })),
                @APIResponse(name = "Unauthorized", description = "No bearer token, or one that is expired, not signed by the "
                        + "trusted key or of another issuer (`/problems/unauthorized`).",
                        headers = @Header(name = "WWW-Authenticate", schema = @Schema(type = SchemaType.STRING)),
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                                example = ApiDefinition.UNAUTHORIZED)),
                @APIResponse(name = "Forbidden", description = "The caller's role may not do this, e.g. a customer dispatching "
                        + "or reading devices (`/problems/forbidden`).",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                                example = ApiDefinition.FORBIDDEN)),
                @APIResponse(name = "NotFound", description = "No such order, or another customer's: the two are not told apart, "
                        + "so ids cannot be probed; or no such device or sensor (`/problems/not-found`).",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                                example = ApiDefinition.NOT_FOUND)),
                @APIResponse(name = "IllegalTransition", description = "The order cannot make this change in its status, e.g. "
                        + "cancel after dispatch or dispatch before payment (`/problems/illegal-transition`).",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                                example = ApiDefinition.ILLEGAL_TRANSITION)),
                @APIResponse(name = "PayloadTooLarge", description = "The body is over 64 KiB (`/problems/payload-too-large`).",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                                example = ApiDefinition.TOO_LARGE)),
                @APIResponse(name = "UnsupportedMediaType", description = "The body is not `application/json` "
                        + "(`/problems/unsupported-media-type`).",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                                example = ApiDefinition.UNSUPPORTED)),
                @APIResponse(name = "IdempotencyKeyReused", description = "The Idempotency-Key was already used with a different "
                        + "body (`/problems/idempotency-key-reused`). Use a new key for a new order.",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                                example = ApiDefinition.KEY_REUSED)),
                @APIResponse(name = "Internal", description = "A fault of the gateway itself (`/problems/internal`); logged.",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "BadGateway", description = "The order or device service failed in a way it should not "
                        + "(`/problems/bad-gateway`); logged.",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "OutcomeUnknown", description = "Placing got no answer in time, though the gateway asked again "
                        + "with the same idempotency key (`/problems/outcome-unknown`): the order may or may not exist. Place it "
                        + "again with the Idempotency-Key of this answer (the client's own, or one the gateway made up): that "
                        + "returns the order if it was placed, and places it once if not.",
                        headers = { @Header(name = "Retry-After", description = "Seconds to wait before trying again.", required = true,
                                schema = @Schema(type = SchemaType.INTEGER)),
                                @Header(name = "Idempotency-Key", description = "The key to place the order again with.", required = true,
                                        schema = @Schema(type = SchemaType.STRING)) },
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                                example = ApiDefinition.OUTCOME_UNKNOWN)),
                @APIResponse(name = "Unavailable", description = "The order or device service is down or did not answer within the "
                        + "gateway's deadline (`/problems/unavailable`), or too many orders are being placed at once "
                        + "(`/problems/overloaded`). Nothing hangs: try again after Retry-After seconds. For placing, a 503 means "
                        + "the order was not placed.",
                        headers = @Header(name = "Retry-After", description = "Seconds to wait before trying again.", required = true,
                                schema = @Schema(type = SchemaType.INTEGER)),
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                                example = ApiDefinition.UNAVAILABLE)) }))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "A JWT (RS256) of the trusted issuer; `sub` is the caller, `groups` holds `customer` or `operator`. "
                + "Locally: `bin/token customer alice`.")
public class ApiDefinition extends Application {

    static final String VALIDATION = """
            {"type":"/problems/validation","title":"The request is not valid","status":400,"detail":"2 fields are not valid",\
            "instance":"/api/orders","errors":[{"field":"currency","message":"must be an ISO 4217 currency code in upper case, e.g. EUR"},\
            {"field":"items[0].quantity","message":"must be between 1 and 999"}]}""";
    static final String MALFORMED = """
            {"type":"/problems/malformed-json","title":"The request body is not valid JSON","status":400,\
            "detail":"The body could not be read as JSON (line 1, column 12)","instance":"/api/orders"}""";
    static final String UNAUTHORIZED = """
            {"type":"/problems/unauthorized","title":"Authentication required","status":401,"detail":"A bearer token is required",\
            "instance":"/api/orders"}""";
    static final String FORBIDDEN = """
            {"type":"/problems/forbidden","title":"Not allowed","status":403,\
            "detail":"Your role may not POST /api/orders/0b9a4f7e-3c2d-4e5f-8a9b-1c2d3e4f5a6b/dispatch",\
            "instance":"/api/orders/0b9a4f7e-3c2d-4e5f-8a9b-1c2d3e4f5a6b/dispatch"}""";
    static final String NOT_FOUND = """
            {"type":"/problems/not-found","title":"Not found","status":404,"detail":"No such order, or not one of yours",\
            "instance":"/api/orders/0b9a4f7e-3c2d-4e5f-8a9b-1c2d3e4f5a6b"}""";
    static final String ILLEGAL_TRANSITION = """
            {"type":"/problems/illegal-transition","title":"The order cannot make this change now","status":409,\
            "detail":"order is DISPATCHED; only orders not yet dispatched can be cancelled",\
            "instance":"/api/orders/0b9a4f7e-3c2d-4e5f-8a9b-1c2d3e4f5a6b/cancel"}""";
    static final String TOO_LARGE = """
            {"type":"/problems/payload-too-large","title":"The request body is too large","status":413,\
            "detail":"The body is 70000 bytes; at most 65536 are accepted","instance":"/api/orders"}""";
    static final String UNSUPPORTED = """
            {"type":"/problems/unsupported-media-type","title":"Unsupported media type","status":415,\
            "detail":"The body must be application/json, not text/plain","instance":"/api/orders"}""";
    static final String KEY_REUSED = """
            {"type":"/problems/idempotency-key-reused","title":"Idempotency key reused with a different request","status":422,\
            "detail":"Idempotency-Key 'order-2026-11-25-1' was already used for a different order","instance":"/api/orders"}""";
    static final String OUTCOME_UNKNOWN = """
            {"type":"/problems/outcome-unknown","title":"Whether the order was placed is not known","status":504,\
            "detail":"The order service did not answer in time, so it is not known whether the order was placed; place it again \
            with Idempotency-Key 'order-2026-11-25-1': you get the order if it was placed, and it is placed once",\
            "instance":"/api/orders"}""";
    static final String UNAVAILABLE = """
            {"type":"/problems/unavailable","title":"A backend service is unavailable","status":503,\
            "detail":"The order service did not answer in time; try again shortly","instance":"/api/orders"}""";
}
