package dev.dispatch.gateway.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.dispatch.gateway.backend.Backend;
import dev.dispatch.gateway.backend.OrderBackend;
import dev.dispatch.gateway.backend.OrderMessages;
import dev.dispatch.gateway.model.CancelOrderRequest;
import dev.dispatch.gateway.model.DispatchOrderRequest;
import dev.dispatch.gateway.model.EnumName;
import dev.dispatch.gateway.model.IdempotencyKeys;
import dev.dispatch.gateway.model.OrderIds;
import dev.dispatch.gateway.model.OrderState;
import dev.dispatch.gateway.model.PageLimits;
import dev.dispatch.gateway.model.PlaceOrderRequest;
import dev.dispatch.gateway.model.Roles;
import dev.dispatch.gateway.rest.dto.OrderPage;
import dev.dispatch.gateway.rest.dto.OrderResponse;
import dev.dispatch.proto.order.v1.GetOrderRequest;
import dev.dispatch.proto.order.v1.ListOrdersRequest;
import io.grpc.Status;
import io.smallrye.mutiny.Uni;

/**
 * The public orders API. It checks what it can see (the token, the shape of the request) and leaves every rule
 * about orders, including which orders a customer may see, to order-service. The problems that every operation
 * can answer with (401, 403, 413, 415, 5xx) are documented by {@link CommonProblemResponses}.
 */
@Path("/api/orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "orders")
@SecurityRequirement(name = "bearer")
public class OrderResource {

    private static final String ID = "The order's id (a UUID); any other text names no order, so it is 404.";

    private final OrderBackend orders;
    private final JsonWebToken token;

    OrderResource(OrderBackend orders, JsonWebToken token) {
        this.orders = orders;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CUSTOMER)
    @Operation(operationId = "placeOrder", summary = "Place an order", description = "Customers only. Stores the order and authorizes its payment: the "
            + "answer says PAID or PAYMENT_DECLINED, or AWAITING_PAYMENT when the payment service is down (payment is then "
            + "retried for a bounded time). Send an Idempotency-Key to make trying again safe: the same key with the same "
            + "body answers with the order placed the first time, and charges once. A 503 means not placed; a 504 means not known, "
            + "and names the key to place again with.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PlaceOrderRequest.class),
            examples = @ExampleObject(name = "cold-chain", summary = "Two coolers to Berlin, kept at or below 8 °C", value = """
                    {"items":[{"sku":"VAX-COOLER-01","name":"Insulated vaccine cooler","quantity":2,"unitPriceMinor":1250}],
                     "currency":"EUR",
                     "deliveryAddress":{"street":"Invalidenstraße 116","city":"Berlin","postalCode":"10115","country":"DE",
                                        "latitude":52.5321,"longitude":13.3849},
                     "paymentToken":"tok_approve","maxCargoTemperatureC":8}""")))
    @APIResponse(responseCode = "201", description = "Placed; or, for a repeated Idempotency-Key with the same body, the order "
            + "the first request placed.",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The order's URL.", required = true,
                    schema = @Schema(type = SchemaType.STRING, example = "/api/orders/0b9a4f7e-3c2d-4e5f-8a9b-1c2d3e4f5a6b")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderResponse.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "422", ref = "IdempotencyKeyReused")
    @APIResponse(responseCode = "504", ref = "OutcomeUnknown")
    public Uni<RestResponse<OrderResponse>> place(
            @HeaderParam("Idempotency-Key")
            @Parameter(description = "Makes placing safe to repeat: 1 to 128 visible ASCII characters, chosen by the client "
                    + "and unique per order it means to place.", example = "order-2026-11-25-1",
                    schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 128, pattern = IdempotencyKeys.REGEX))
            @Pattern(regexp = IdempotencyKeys.REGEX, message = IdempotencyKeys.RULE)
            String idempotencyKey,
            @NotNull(message = "is required") @Valid PlaceOrderRequest body) {
        return orders.place(Roles.callerOf(token), OrderMessages.placeRequest(idempotencyKey, body))
                .onFailure(OrderResource::isAlreadyExists).transform(e -> new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                        "Idempotency-Key '" + idempotencyKey + "' was already used for a different order"))
                .map(OrderMapper::toRest)
                // A relative Location (RFC 9110 allows it): right behind any proxy, whatever host the client used.
                .map(order -> RestResponse.ResponseBuilder.<OrderResponse>create(RestResponse.Status.CREATED)
                        .header(HttpHeaders.LOCATION, "/api/orders/" + order.id())
                        .entity(order)
                        .build());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.CUSTOMER, Roles.OPERATOR })
    @Operation(operationId = "getOrder", summary = "Read an order", description = "A customer reads only their own orders; an operator reads any.")
    @APIResponse(responseCode = "200", description = "The order.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderResponse.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<OrderResponse> get(@PathParam("id") @Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id) {
        return orders.get(Roles.callerOf(token), GetOrderRequest.newBuilder().setOrderId(orderId(id)).build())
                .map(OrderMapper::toRest);
    }

    @GET
    @RolesAllowed({ Roles.CUSTOMER, Roles.OPERATOR })
    @Operation(operationId = "listOrders", summary = "List orders", description = "Newest first, a page at a time: pass a page's nextCursor as cursor for "
            + "the next one. A customer lists their own orders; an operator lists everyone's.")
    @APIResponse(responseCode = "200", description = "One page of orders.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderPage.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<OrderPage> list(
            @QueryParam("status") @Parameter(description = "Only orders in this status.",
                    schema = @Schema(implementation = OrderState.class))
            @EnumName(OrderState.class) String status,
            // Text checked here rather than an Integer: JAX-RS would answer "limit=ten" with a bare 404.
            @QueryParam("limit") @Parameter(description = "Orders per page, 1 to 100.",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
            @Pattern(regexp = "^[0-9]{1,3}$", message = PageLimits.PAGE_RULE)
            @Min(value = PageLimits.MIN_PAGE, message = PageLimits.PAGE_RULE)
            @Max(value = PageLimits.MAX_PAGE, message = PageLimits.PAGE_RULE) String limit,
            @QueryParam("cursor") @Parameter(description = "The nextCursor of the previous page.")
            @Size(max = PageLimits.MAX_CURSOR, message = PageLimits.CURSOR_RULE) String cursor) {
        return orders.list(Roles.callerOf(token), ListOrdersRequest.newBuilder()
                        .setStatus(OrderMessages.status(status == null ? null : OrderState.valueOf(status)))
                        .setPageSize(limit == null ? 0 : Integer.parseInt(limit))
                        .setPageToken(cursor == null ? "" : cursor)
                        .build())
                .map(OrderMapper::toRest);
    }

    @POST
    @Path("{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CUSTOMER, Roles.OPERATOR })
    @Operation(operationId = "cancelOrder", summary = "Cancel an order", description = "Before dispatch only; a payment already taken is refunded. The "
            + "body, with a reason, is optional.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CancelOrderRequest.class)))
    @APIResponse(responseCode = "200", description = "The cancelled order.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderResponse.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "IllegalTransition")
    public Uni<OrderResponse> cancel(@PathParam("id") @Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id,
            @Valid CancelOrderRequest body) {
        return orders.cancel(Roles.callerOf(token), dev.dispatch.proto.order.v1.CancelOrderRequest.newBuilder()
                        .setOrderId(orderId(id))
                        .setReason(body == null || body.reason() == null ? "" : body.reason())
                        .build())
                .map(OrderMapper::toRest);
    }

    @POST
    @Path("{id}/dispatch")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "dispatchOrder", summary = "Dispatch an order", description = "Operators only; the order must be PAID. Hands the order to a "
            + "courier device, which will report its position and cargo temperature.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DispatchOrderRequest.class)))
    @APIResponse(responseCode = "200", description = "The dispatched order.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderResponse.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "IllegalTransition")
    public Uni<OrderResponse> dispatch(@PathParam("id") @Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id,
            @NotNull(message = "is required") @Valid DispatchOrderRequest body) {
        return orders.dispatch(Roles.callerOf(token), dev.dispatch.proto.order.v1.DispatchOrderRequest.newBuilder()
                        .setOrderId(orderId(id))
                        .setDeviceId(body.deviceId())
                        .build())
                .map(OrderMapper::toRest);
    }

    /** Order ids are UUIDs: anything else names no order, so it is 404 without asking order-service. */
    private static String orderId(String id) {
        if (!OrderIds.isValid(id)) {
            throw new ProblemException(ProblemType.NOT_FOUND, Backend.ORDERS.notFound());
        }
        return id;
    }

    private static boolean isAlreadyExists(Throwable failure) {
        return Status.fromThrowable(failure).getCode() == Status.Code.ALREADY_EXISTS;
    }
}
