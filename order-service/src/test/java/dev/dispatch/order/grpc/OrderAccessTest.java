package dev.dispatch.order.grpc;

import static dev.dispatch.order.support.Orders.as;
import static dev.dispatch.order.support.Orders.OPERATOR;
import static dev.dispatch.order.support.Orders.assertStatus;
import static dev.dispatch.order.support.Orders.await;
import static dev.dispatch.order.support.Orders.cancel;
import static dev.dispatch.order.support.Orders.get;
import static dev.dispatch.order.support.Orders.newCustomer;
import static dev.dispatch.order.support.Orders.place;
import static dev.dispatch.order.support.Orders.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dispatch.order.support.Caller;
import dev.dispatch.order.support.Orders;
import dev.dispatch.proto.order.v1.DispatchOrderRequest;
import dev.dispatch.proto.order.v1.GetOrderRequest;
import dev.dispatch.proto.order.v1.ListOrdersRequest;
import dev.dispatch.proto.order.v1.ListOrdersResponse;
import dev.dispatch.proto.order.v1.Order;
import dev.dispatch.proto.order.v1.OrderService;
import dev.dispatch.proto.order.v1.OrderStatus;
import dev.dispatch.proto.order.v1.WatchOrderRequest;
import dev.dispatch.testsupport.internal.InternalCallers;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;

/** Who sees and does what: customers their own orders only, operators everything; and paging through lists. */
@QuarkusTest
class OrderAccessTest {

    @GrpcClient("orders")
    OrderService orders;

    @Test
    void anotherCustomersOrderDoesNotExistForYou() {
        Caller alice = newCustomer();
        Caller bob = newCustomer();
        Order order = place(orders, alice, request());

        assertStatus(() -> get(orders, bob, order.getId()), Status.Code.NOT_FOUND);
        assertStatus(() -> cancel(orders, bob, order.getId()), Status.Code.NOT_FOUND);
        assertStatus(() -> as(orders, bob).watchOrder(WatchOrderRequest.newBuilder().setOrderId(order.getId()).build())
                .collect().asList().await().atMost(Orders.TIMEOUT), Status.Code.NOT_FOUND);
        assertThat(get(orders, alice, order.getId()).getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_PAID);
        assertThat(get(orders, OPERATOR, order.getId()).getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_PAID);
    }

    @Test
    void customersListTheirOwnOrdersAndOperatorsAll() {
        Caller alice = newCustomer();
        Caller bob = newCustomer();
        Order mine = place(orders, alice, request());
        Order theirs = place(orders, bob, request());

        assertThat(list(alice, OrderStatus.ORDER_STATUS_UNSPECIFIED)).extracting(Order::getId).containsExactly(mine.getId());
        assertThat(list(bob, OrderStatus.ORDER_STATUS_UNSPECIFIED)).extracting(Order::getId).containsExactly(theirs.getId());
        assertThat(list(OPERATOR, OrderStatus.ORDER_STATUS_UNSPECIFIED)).extracting(Order::getId).contains(mine.getId(), theirs.getId());
    }

    @Test
    void onlyOperatorsDispatch() {
        Caller customer = newCustomer();
        Order order = place(orders, customer, request());

        assertStatus(() -> await(as(orders, customer).dispatchOrder(DispatchOrderRequest.newBuilder()
                .setOrderId(order.getId()).setDeviceId("tracker-1").build())), Status.Code.PERMISSION_DENIED);
        assertThat(get(orders, customer, order.getId()).getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_PAID);
    }

    @Test
    void aCallWithoutAValidInternalTokenIsUnauthenticated() {
        Order order = place(orders, newCustomer(), request());
        GetOrderRequest get = GetOrderRequest.newBuilder().setOrderId(order.getId()).build();

        assertStatus(() -> await(orders.getOrder(get)), Status.Code.UNAUTHENTICATED);
        assertStatus(() -> await(InternalCallers.as(orders, InternalCallers.forged("order-service")).getOrder(get)), Status.Code.UNAUTHENTICATED);
        assertStatus(() -> await(InternalCallers.as(orders, InternalCallers.expired("order-service")).getOrder(get)), Status.Code.UNAUTHENTICATED);
        assertStatus(() -> await(orders.listOrders(ListOrdersRequest.getDefaultInstance())), Status.Code.UNAUTHENTICATED);
    }

    @Test
    void rolesWithoutOrdersAreRefused() {
        Order order = place(orders, newCustomer(), request());
        GetOrderRequest get = GetOrderRequest.newBuilder().setOrderId(order.getId()).build();

        assertStatus(() -> await(InternalCallers.as(orders, InternalCallers.courier("courier-1", "order-service")).getOrder(get)),
                Status.Code.PERMISSION_DENIED);
        // a service acting as itself has no orders either
        assertStatus(() -> await(InternalCallers.as(orders, InternalCallers.service("order-service", "order-service"))
                .placeOrder(request().build())), Status.Code.PERMISSION_DENIED);
    }

    @Test
    void pagesThroughOrdersNewestFirstWithoutGapsOrRepeats() {
        Caller customer = newCustomer();
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            placed.add(place(orders, customer, request()).getId());
        }

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = "";
        do {
            ListOrdersResponse page = await(as(orders, customer).listOrders(ListOrdersRequest.newBuilder()
                    .setPageSize(2).setPageToken(token).build()));
            page.getOrdersList().forEach(o -> seen.add(o.getId()));
            pageSizes.add(page.getOrdersCount());
            token = page.getNextPageToken();
        } while (!token.isEmpty());

        assertThat(pageSizes).containsExactly(2, 2, 1);
        Collections.reverse(placed);
        assertThat(seen).containsExactlyElementsOf(placed);
    }

    @Test
    void filtersByStatus() {
        Caller customer = newCustomer();
        Order paid = place(orders, customer, request());
        Order declined = place(orders, customer, request().setPaymentToken("tok_insufficient_funds"));

        assertThat(list(customer, OrderStatus.ORDER_STATUS_PAID)).extracting(Order::getId).containsExactly(paid.getId());
        assertThat(list(customer, OrderStatus.ORDER_STATUS_PAYMENT_DECLINED)).extracting(Order::getId).containsExactly(declined.getId());
        assertThat(list(customer, OrderStatus.ORDER_STATUS_DISPATCHED)).isEmpty();
    }

    @Test
    void badPagingIsInvalidArgument() {
        Caller customer = newCustomer();

        assertStatus(() -> await(as(orders, customer).listOrders(ListOrdersRequest.newBuilder().setPageSize(101).build())),
                Status.Code.INVALID_ARGUMENT);
        assertStatus(() -> await(as(orders, customer).listOrders(ListOrdersRequest.newBuilder().setPageSize(-1).build())),
                Status.Code.INVALID_ARGUMENT);
        assertStatus(() -> await(as(orders, customer).listOrders(ListOrdersRequest.newBuilder().setPageToken("bm9wZQ").build())),
                Status.Code.INVALID_ARGUMENT);
        assertStatus(() -> await(as(orders, customer).listOrders(ListOrdersRequest.newBuilder().setPageToken("%%%").build())),
                Status.Code.INVALID_ARGUMENT);
        assertStatus(() -> await(as(orders, customer).listOrders(ListOrdersRequest.newBuilder().setStatusValue(99).build())),
                Status.Code.INVALID_ARGUMENT);
    }

    private List<Order> list(Caller caller, OrderStatus status) {
        return await(as(orders, caller).listOrders(ListOrdersRequest.newBuilder().setStatus(status).setPageSize(100).build()))
                .getOrdersList();
    }
}
