package dev.dispatch.order.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.assertj.core.api.ThrowableAssert;

import dev.dispatch.proto.order.v1.CancelOrderRequest;
import dev.dispatch.proto.order.v1.DeliveryAddress;
import dev.dispatch.proto.order.v1.DispatchOrderRequest;
import dev.dispatch.proto.order.v1.GetOrderRequest;
import dev.dispatch.proto.order.v1.Order;
import dev.dispatch.proto.order.v1.OrderItem;
import dev.dispatch.proto.order.v1.OrderService;
import dev.dispatch.proto.order.v1.PlaceOrderRequest;
import dev.dispatch.testsupport.internal.InternalCallers;
import dev.dispatch.testsupport.postgres.TestDatabase;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.smallrye.mutiny.Uni;

/** Requests, callers and assertions the OrderService tests share. */
public final class Orders {

    public static final Duration TIMEOUT = Duration.ofSeconds(15);
    public static final Caller OPERATOR = Caller.operator("operator-1");

    private Orders() {
    }

    /** A customer of one's own, so that one test's orders never show up in another's lists. */
    public static Caller newCustomer() {
        return Caller.newCustomer();
    }

    /** The client, calling as {@code caller}: with the internal token the gateway would send for them. */
    public static OrderService as(OrderService orders, Caller caller) {
        return InternalCallers.as(orders, caller.token());
    }

    /** Two items, 2 x 12.50 + 1 x 3.00 = 28.00 EUR, to an address in Berlin, paid with the approving token. */
    public static PlaceOrderRequest.Builder request() {
        return PlaceOrderRequest.newBuilder()
                .addItems(OrderItem.newBuilder().setSku("PIZZA-MARGHERITA").setName("Pizza Margherita").setQuantity(2).setUnitPriceMinor(1250))
                .addItems(OrderItem.newBuilder().setSku("COLA-033").setName("Cola 0.33 l").setQuantity(1).setUnitPriceMinor(300))
                .setCurrency("EUR")
                .setDeliveryAddress(DeliveryAddress.newBuilder().setStreet("Unter den Linden 1").setCity("Berlin")
                        .setPostalCode("10117").setCountry("DE").setLatitude(52.5170).setLongitude(13.3889))
                .setPaymentToken("tok_approve");
    }

    public static Order place(OrderService orders, Caller caller, PlaceOrderRequest.Builder request) {
        return await(as(orders, caller).placeOrder(request.build()));
    }

    public static Order get(OrderService orders, Caller caller, String orderId) {
        return await(as(orders, caller).getOrder(GetOrderRequest.newBuilder().setOrderId(orderId).build()));
    }

    public static Order cancel(OrderService orders, Caller caller, String orderId) {
        return await(as(orders, caller).cancelOrder(CancelOrderRequest.newBuilder().setOrderId(orderId).setReason("changed my mind").build()));
    }

    public static Order dispatch(OrderService orders, String orderId, String deviceId) {
        return await(as(orders, OPERATOR).dispatchOrder(DispatchOrderRequest.newBuilder().setOrderId(orderId).setDeviceId(deviceId).build()));
    }

    public static <T> T await(Uni<T> uni) {
        return uni.await().atMost(TIMEOUT);
    }

    public static StatusRuntimeException assertStatus(ThrowableAssert.ThrowingCallable call, Status.Code code) {
        StatusRuntimeException[] thrown = new StatusRuntimeException[1];
        assertThatThrownBy(call)
                .isInstanceOf(StatusRuntimeException.class)
                .satisfies(e -> {
                    thrown[0] = (StatusRuntimeException) e;
                    assertThat(thrown[0].getStatus().getCode()).as(thrown[0].getStatus().toString()).isEqualTo(code);
                });
        return thrown[0];
    }

    /** The types of the order's events in the outbox, in the order they were written. */
    public static List<String> eventTypes(String orderId) {
        return TestDatabase.column("select type from outbox_event where aggregate_id = '" + orderId + "' order by seq");
    }

    public static long count(String sql) {
        return Long.parseLong(TestDatabase.column(sql).get(0));
    }
}
