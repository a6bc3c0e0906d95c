package dev.dispatch.gateway.support;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.google.protobuf.Any;
import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;

import dev.dispatch.platform.grpc.InternalAuthentication;
import dev.dispatch.platform.identity.CallerIdentity;
import dev.dispatch.proto.common.v1.Money;
import dev.dispatch.platform.identity.Role;
import dev.dispatch.proto.order.v1.CancelOrderRequest;
import dev.dispatch.proto.order.v1.DispatchOrderRequest;
import dev.dispatch.proto.order.v1.GetOrderRequest;
import dev.dispatch.proto.order.v1.ListOrdersRequest;
import dev.dispatch.proto.order.v1.ListOrdersResponse;
import dev.dispatch.proto.order.v1.Order;
import dev.dispatch.proto.order.v1.OrderService;
import dev.dispatch.proto.order.v1.OrderStatus;
import dev.dispatch.proto.order.v1.OrderUpdate;
import dev.dispatch.proto.order.v1.PaymentOutcome;
import dev.dispatch.proto.order.v1.PaymentOutcomeStatus;
import dev.dispatch.proto.order.v1.PlaceOrderRequest;
import dev.dispatch.proto.order.v1.WatchOrderRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * An in-memory OrderService with the status codes of the real one, served by the test app itself (gRPC shares the
 * HTTP port, and in tests Quarkus points the {@code orders} client at the test app's port). What it does
 * is chosen by the request, so tests need no shared switches: payment tokens choose how placing goes
 * ({@code tok_approve}, {@code tok_decline}, {@code tok_payment_down}, and the failures {@code tok_unavailable},
 * {@code tok_slow}, {@code tok_internal}, {@code tok_invalid}; {@code tok_lost_once} places the order on a key's first
 * attempt and never answers it, then answers the next attempt with that order); the ids {@link #UNAVAILABLE_ID} and
 * {@link #SLOW_ID} and the customer {@link #UNAVAILABLE_CUSTOMER} make reads fail ({@link #UNAVAILABLE_ID} every
 * WatchOrder too; {@link #cutWatches} fails open ones). It counts calls, so tests can
 * tell a retry from none.
 * <p>
 * "Slow" never answers at all. An answer written after the gateway gave up (its deadline passed and it reset the
 * stream) makes the Vert.x-based gRPC server end the whole HTTP/2 connection with GOAWAY(PROTOCOL_ERROR), failing
 * every other call in flight on it; that would make these tests flaky, and is worth knowing for the real services.
 */
@GrpcService
public class FakeOrderService implements OrderService {

    public static final String UNAVAILABLE_ID = "00000000-0000-4000-8000-000000000503";
    public static final String SLOW_ID = "00000000-0000-4000-8000-000000000504";
    public static final String UNAVAILABLE_CUSTOMER = "down";

    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    private final Map<String, Placed> byKey = new ConcurrentHashMap<>();
    private final Map<String, Long> sequences = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final CallCounter calls = new CallCounter();
    private final java.util.Set<String> firstOfKey = ConcurrentHashMap.newKeySet();
    private final java.util.List<String> placeKeys = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, BroadcastProcessor<OrderUpdate>> watchers = new ConcurrentHashMap<>();

    private record Placed(PlaceOrderRequest request, String orderId) {
    }

    /** How often a method was called with this order id, payment token or customer. */
    public int calls(String method, String key) {
        return calls.calls(method, key);
    }

    /** The idempotency keys placements with this payment token came with, in order. */
    public java.util.List<String> placeKeys(String paymentToken) {
        return placeKeys.stream().filter(k -> k.startsWith(paymentToken + " ")).map(k -> k.substring(paymentToken.length() + 1)).toList();
    }

    /** How often a method was called at all: place, get, list, cancel, dispatch, watch. */
    public int calls(String method) {
        return calls.calls(method);
    }

    @Override
    public Uni<Order> placeOrder(PlaceOrderRequest request) {
        count("place", request.getPaymentToken());
        placeKeys.add(request.getPaymentToken() + " " + request.getIdempotencyKey());
        CallerIdentity caller = InternalAuthentication.caller();
        switch (request.getPaymentToken()) {
            case "tok_unavailable":
                return fail(Status.UNAVAILABLE.withDescription("order store unavailable, try again"));
            case "tok_internal":
                return fail(Status.INTERNAL.withDescription("internal error"));
            case "tok_invalid":
                return Uni.createFrom().failure(badRequest());
            case "tok_slow":
                return Uni.createFrom().nothing();
            case "tok_lost_once":
                // The first attempt of a key places the order but its answer is lost; asking again finds it.
                if (firstOfKey.add(caller.subject() + "/" + request.getIdempotencyKey())) {
                    byKey.computeIfAbsent(caller.subject() + "/" + request.getIdempotencyKey(),
                            k -> new Placed(request.toBuilder().clearIdempotencyKey().build(), store(caller, request).getId()));
                    return Uni.createFrom().nothing();
                }
                break;
            default:
                break;
        }
        if (!request.getIdempotencyKey().isEmpty()) {
            String key = caller.subject() + "/" + request.getIdempotencyKey();
            // The request without who and which key: the same order asked for again must look the same.
            PlaceOrderRequest asked = request.toBuilder().clearIdempotencyKey().build();
            Placed placed = byKey.computeIfAbsent(key, k -> new Placed(asked, store(caller, request).getId()));
            if (!placed.request().equals(asked)) {
                return fail(Status.ALREADY_EXISTS.withDescription("idempotency key already used for another request"));
            }
            return Uni.createFrom().item(orders.get(placed.orderId()));
        }
        return Uni.createFrom().item(store(caller, request));
    }

    @Override
    public Uni<Order> getOrder(GetOrderRequest request) {
        count("get", request.getOrderId());
        if (request.getOrderId().equals(UNAVAILABLE_ID)) {
            return fail(Status.UNAVAILABLE.withDescription("order store unavailable, try again"));
        }
        if (request.getOrderId().equals(SLOW_ID)) {
            return Uni.createFrom().nothing();
        }
        return visible(InternalAuthentication.caller(), request.getOrderId());
    }

    @Override
    public Uni<ListOrdersResponse> listOrders(ListOrdersRequest request) {
        CallerIdentity caller = InternalAuthentication.caller();
        count("list", caller.subject());
        if (caller.subject().equals(UNAVAILABLE_CUSTOMER)) {
            return fail(Status.UNAVAILABLE.withDescription("order store unavailable, try again"));
        }
        int size = request.getPageSize() == 0 ? 20 : request.getPageSize();
        int from;
        try {
            from = request.getPageToken().isEmpty() ? 0 : Integer.parseInt(request.getPageToken());
        } catch (NumberFormatException e) {
            return fail(Status.INVALID_ARGUMENT.withDescription("page_token is not one this service gave out"));
        }
        List<Order> matching = orders.values().stream()
                .filter(o -> maySee(caller, o))
                .filter(o -> request.getStatus() == OrderStatus.ORDER_STATUS_UNSPECIFIED || o.getStatus() == request.getStatus())
                .sorted(Comparator.comparingLong(this::sequenceOf).reversed())
                .toList();
        List<Order> page = matching.stream().skip(from).limit(size).toList();
        boolean more = from + size < matching.size();
        return Uni.createFrom().item(ListOrdersResponse.newBuilder().addAllOrders(page)
                .setNextPageToken(more ? String.valueOf(from + size) : "").build());
    }

    @Override
    public Uni<Order> cancelOrder(CancelOrderRequest request) {
        count("cancel", request.getOrderId());
        return visible(InternalAuthentication.caller(), request.getOrderId()).map(order -> {
            if (order.getStatus() != OrderStatus.ORDER_STATUS_AWAITING_PAYMENT && order.getStatus() != OrderStatus.ORDER_STATUS_PAID) {
                throw Status.FAILED_PRECONDITION
                        .withDescription("order is " + name(order) + "; only orders not yet dispatched can be cancelled")
                        .asRuntimeException();
            }
            PaymentOutcomeStatus refunded = order.getPayment().getStatus() == PaymentOutcomeStatus.PAYMENT_OUTCOME_STATUS_AUTHORIZED
                    ? PaymentOutcomeStatus.PAYMENT_OUTCOME_STATUS_REFUNDED
                    : PaymentOutcomeStatus.PAYMENT_OUTCOME_STATUS_FAILED;
            return change(order, "dispatch.order.cancelled", o -> o.setStatus(OrderStatus.ORDER_STATUS_CANCELLED)
                    .setStatusReason(request.getReason().isEmpty() ? "cancelled by the customer" : request.getReason())
                    .setPayment(order.getPayment().toBuilder().setStatus(refunded)));
        });
    }

    @Override
    public Uni<Order> dispatchOrder(DispatchOrderRequest request) {
        count("dispatch", request.getOrderId());
        if (!InternalAuthentication.caller().is(Role.OPERATOR)) {
            return fail(Status.PERMISSION_DENIED.withDescription("only operators dispatch orders"));
        }
        return visible(InternalAuthentication.caller(), request.getOrderId()).map(order -> {
            if (order.getStatus() != OrderStatus.ORDER_STATUS_PAID) {
                throw Status.FAILED_PRECONDITION.withDescription("order is " + name(order) + "; only PAID orders can be dispatched")
                        .asRuntimeException();
            }
            return change(order, "dispatch.order.dispatched", o -> o.setStatus(OrderStatus.ORDER_STATUS_DISPATCHED).setDeviceId(request.getDeviceId()));
        });
    }

    /** As order-service does: the current state first, then every change; NOT_FOUND alike for unknown and others' orders. */
    @Override
    public Multi<OrderUpdate> watchOrder(WatchOrderRequest request) {
        count("watch", request.getOrderId());
        if (request.getOrderId().equals(UNAVAILABLE_ID)) {
            return Multi.createFrom().failure(Status.UNAVAILABLE.withDescription("order store unavailable, try again").asRuntimeException());
        }
        return visible(InternalAuthentication.caller(), request.getOrderId()).onItem().transformToMulti(current -> {
            BroadcastProcessor<OrderUpdate> changes = watchers.computeIfAbsent(current.getId(), k -> BroadcastProcessor.create());
            return Multi.createBy().concatenating().streams(
                    Multi.createFrom().item(OrderUpdate.newBuilder().setOrder(current).build()), changes);
        });
    }

    /**
     * Ends every open WatchOrder stream of the order with UNAVAILABLE, as a connection closed under them would (the
     * servers' connection age, an instance gone); a later WatchOrder of it starts afresh.
     */
    public void cutWatches(String orderId) {
        BroadcastProcessor<OrderUpdate> changes = watchers.remove(orderId);
        if (changes != null) {
            changes.onError(Status.UNAVAILABLE.withDescription("Network closed for unknown reason").asRuntimeException());
        }
    }

    /** A change, as order-service's WatchOrder tells it to whoever watches the order. */
    private void announce(Order changed, String eventType) {
        BroadcastProcessor<OrderUpdate> changes = watchers.get(changed.getId());
        if (changes != null) {
            changes.onNext(OrderUpdate.newBuilder().setEventId(UUID.randomUUID().toString()).setEventType(eventType).setOrder(changed).build());
        }
    }

    private Order store(CallerIdentity caller, PlaceOrderRequest r) {
        Timestamp now = now();
        long total = r.getItemsList().stream().mapToLong(i -> i.getQuantity() * i.getUnitPriceMinor()).sum();
        var order = Order.newBuilder()
                .setId(UUID.randomUUID().toString())
                .setCustomerId(caller.subject())
                .addAllItems(r.getItemsList())
                .setTotal(Money.newBuilder().setAmountMinor(total).setCurrency(r.getCurrency()))
                .setDeliveryAddress(r.getDeliveryAddress())
                .setCreatedAt(now)
                .setUpdatedAt(now)
                .setVersion(1);
        if (r.hasMaxCargoTemperatureC()) {
            order.setMaxCargoTemperatureC(r.getMaxCargoTemperatureC());
        }
        String paymentId = UUID.randomUUID().toString();
        switch (r.getPaymentToken()) {
            case "tok_decline" -> order.setStatus(OrderStatus.ORDER_STATUS_PAYMENT_DECLINED).setStatusReason("insufficient_funds")
                    .setPayment(PaymentOutcome.newBuilder().setPaymentId(paymentId)
                            .setStatus(PaymentOutcomeStatus.PAYMENT_OUTCOME_STATUS_DECLINED).setReason("insufficient_funds"));
            case "tok_payment_down" -> order.setStatus(OrderStatus.ORDER_STATUS_AWAITING_PAYMENT)
                    .setPayment(PaymentOutcome.newBuilder().setStatus(PaymentOutcomeStatus.PAYMENT_OUTCOME_STATUS_PENDING));
            default -> order.setStatus(OrderStatus.ORDER_STATUS_PAID)
                    .setPayment(PaymentOutcome.newBuilder().setPaymentId(paymentId)
                            .setStatus(PaymentOutcomeStatus.PAYMENT_OUTCOME_STATUS_AUTHORIZED));
        }
        Order stored = order.build();
        orders.put(stored.getId(), stored);
        sequences.put(stored.getId(), sequence.incrementAndGet());
        return stored;
    }

    private long sequenceOf(Order o) {
        return sequences.getOrDefault(o.getId(), 0L);
    }

    private Order change(Order order, String eventType, java.util.function.Consumer<Order.Builder> how) {
        Order.Builder changed = order.toBuilder().setVersion(order.getVersion() + 1).setUpdatedAt(now());
        how.accept(changed);
        Order stored = changed.build();
        orders.put(stored.getId(), stored);
        announce(stored, eventType);
        return stored;
    }

    /** The order as stored, for the other fakes (payment-service knows the orders it was asked to pay). */
    public Order stored(String orderId) {
        return orders.get(orderId);
    }

    /** NOT_FOUND alike for an unknown order and for another customer's, as order-service does. */
    private Uni<Order> visible(CallerIdentity caller, String orderId) {
        Order order = orders.get(orderId);
        if (order == null || !maySee(caller, order)) {
            return fail(Status.NOT_FOUND.withDescription("order " + orderId + " not found"));
        }
        return Uni.createFrom().item(order);
    }

    private static boolean maySee(CallerIdentity caller, Order order) {
        return caller.is(Role.OPERATOR) || order.getCustomerId().equals(caller.subject());
    }

    private void count(String method, String key) {
        calls.count(method, key);
    }

    private static String name(Order order) {
        return order.getStatus().name().substring("ORDER_STATUS_".length());
    }

    private static Timestamp now() {
        Instant now = Instant.now();
        return Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
    }

    private static <T> Uni<T> fail(Status status) {
        return Uni.createFrom().failure(status.asRuntimeException());
    }

    /** INVALID_ARGUMENT as order-service words it: one google.rpc.BadRequest field violation per bad field. */
    private static StatusRuntimeException badRequest() {
        BadRequest details = BadRequest.newBuilder()
                .addFieldViolations(BadRequest.FieldViolation.newBuilder().setField("items").setDescription("the order total must be more than zero"))
                .addFieldViolations(BadRequest.FieldViolation.newBuilder().setField("delivery_address.postal_code")
                        .setDescription("must be 2 to 12 letters, digits, spaces or '-'"))
                .build();
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE)
                .setMessage("2 fields are not valid")
                .addDetails(Any.pack(details))
                .build());
    }
}
