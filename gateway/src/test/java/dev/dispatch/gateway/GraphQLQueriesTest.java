package dev.dispatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.dispatch.gateway.support.FakeDeviceService;
import dev.dispatch.gateway.support.FakeOrderService;
import dev.dispatch.gateway.support.FakePaymentService;
import dev.dispatch.gateway.support.GraphQL;
import dev.dispatch.gateway.support.Orders;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Queries over real HTTP: one request for a whole screen, nested fields fetched only when selected (counted at the fake
 * backends), a page of orders batched, who sees what, and partial data when a backend is down.
 */
@QuarkusTest
class GraphQLQueriesTest {

    static final String SCREEN = """
            query Screen($id: ID!) {
              order(id: $id) {
                id status total { amountMinor currency }
                payment { id status amount { amountMinor currency } }
                delivery {
                  device { id status battery }
                  lastPosition { latitude longitude distanceMeters }
                  telemetry(last: 5) { deviceTime latitude longitude cargoTemperatureC batteryPercent }
                }
              }
            }""";

    @Inject
    @GrpcService
    FakeOrderService orderService;

    @Inject
    @GrpcService
    FakePaymentService paymentService;

    @Inject
    @GrpcService
    FakeDeviceService deviceService;

    @Test
    void oneRequestAnswersTheWholeScreen() {
        String device = "screen-" + UUID.randomUUID();
        deviceService.register(device);
        for (int i = 1; i <= 6; i++) {
            deviceService.report(device, 52.50 + i / 1000.0, 13.40, 4.0 + i, 90 - i);
        }
        String customer = "screen-" + UUID.randomUUID();
        String id = Orders.dispatchedTo(customer, device);

        GraphQL.as(Tokens.customer(customer), SCREEN, Map.of("id", id))
                .then().statusCode(200)
                .body("errors", nullValue())
                .body("data.order.id", is(id))
                .body("data.order.status", is("DISPATCHED"))
                .body("data.order.payment.status", is("AUTHORIZED"))
                .body("data.order.payment.amount.amountMinor", is(2500))
                .body("data.order.delivery.device.id", is(device))
                .body("data.order.delivery.device.status", is("ONLINE"))
                .body("data.order.delivery.device.battery", is(84.0f))
                .body("data.order.delivery.lastPosition.latitude", is(52.506f))
                .body("data.order.delivery.lastPosition.distanceMeters", notNullValue())
                .body("data.order.delivery.telemetry", hasSize(5))
                .body("data.order.delivery.telemetry.cargoTemperatureC", contains(10.0f, 9.0f, 8.0f, 7.0f, 6.0f));
    }

    @Test
    void onlyWhatIsSelectedIsFetched() {
        String id = Orders.dispatched("lean-" + UUID.randomUUID());
        Calls before = calls();
        GraphQL.as(Tokens.operator("olga"), "query($id: ID!) { order(id: $id) { id status } }", Map.of("id", id))
                .then().statusCode(200)
                .body("errors", nullValue())
                .body("data.order.status", is("DISPATCHED"));
        assertThat(calls().minus(before)).isEqualTo(new Calls(1, 0, 0, 0, 0));

        before = calls();
        GraphQL.as(Tokens.operator("olga"), SCREEN, Map.of("id", id)).then().statusCode(200).body("errors", nullValue());
        // device, lastPosition and telemetry share the page's lookups: one ListDevices, one ListTelemetry.
        assertThat(calls().minus(before)).isEqualTo(new Calls(1, 0, 1, 1, 1));
    }

    @Test
    void aPageOfOrdersResolvesItsNestedFieldsInBatches() {
        String customer = "batch-" + UUID.randomUUID();
        List<String> devices = List.of("batch-a-" + UUID.randomUUID(), "batch-b-" + UUID.randomUUID(), "batch-c-" + UUID.randomUUID());
        devices.forEach(d -> {
            deviceService.register(d);
            deviceService.report(d, 52.5, 13.4, 5, 80);
        });
        devices.forEach(d -> Orders.dispatchedTo(customer, d));
        Orders.paid(customer); // not dispatched: no delivery
        Calls before = calls();
        GraphQL.as(Tokens.customer(customer), """
                { orders(first: 10) { nodes { id status
                    payment { status }
                    delivery { device { id battery } lastPosition { latitude } telemetry(last: 3) { latitude } } }
                  pageInfo { hasNextPage endCursor } } }""")
                .then().statusCode(200)
                .body("errors", nullValue())
                .body("data.orders.nodes", hasSize(4))
                .body("data.orders.nodes.payment.status", everyItem(is("AUTHORIZED")))
                .body("data.orders.nodes[0].delivery", nullValue())
                .body("data.orders.nodes[1].delivery.device.id", is(devices.get(2)))
                .body("data.orders.nodes[3].delivery.device.id", is(devices.get(0)))
                .body("data.orders.pageInfo.hasNextPage", is(false));
        assertThat(calls().minus(before)).isEqualTo(new Calls(0, 1, 1, 1, 1));
    }

    @Test
    void ordersPageWithACursor() {
        String customer = "gql-pager-" + UUID.randomUUID();
        String first = Orders.paid(customer);
        String second = Orders.paid(customer);
        String cursor = GraphQL.as(Tokens.customer(customer), "{ orders(first: 1) { nodes { id } pageInfo { hasNextPage endCursor } } }")
                .then().statusCode(200)
                .body("data.orders.nodes.id", contains(second))
                .body("data.orders.pageInfo.hasNextPage", is(true))
                .extract().path("data.orders.pageInfo.endCursor");
        GraphQL.as(Tokens.customer(customer), "query($after: String) { orders(first: 1, after: $after) { nodes { id } pageInfo { hasNextPage } } }",
                        Map.of("after", cursor))
                .then().statusCode(200)
                .body("data.orders.nodes.id", contains(first))
                .body("data.orders.pageInfo.hasNextPage", is(false));
    }

    @Test
    void anotherCustomersOrderIsSimplyNotFound() {
        String id = Orders.paid("alice");
        GraphQL.as(Tokens.customer("mallory"), "query($id: ID!) { order(id: $id) { id } }", Map.of("id", id))
                .then().statusCode(200)
                .body("data.order", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].extensions.code", is("NOT_FOUND"))
                .body("errors[0].message", is("No such order, or not one of yours"))
                .body("errors[0].path", contains("order"));
        GraphQL.as(Tokens.customer("alice"), "{ order(id: \"not-an-id\") { id } }")
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("NOT_FOUND"));
    }

    @Test
    void devicesAreForOperators() {
        String device = "gql-dev-" + UUID.randomUUID();
        deviceService.register(device);
        deviceService.report(device, 52.5, 13.4, 5, 77);
        GraphQL.as(Tokens.operator("olga"), "query($id: ID!) { device(id: $id) { id status battery presence latest { latitude } } }",
                        Map.of("id", device))
                .then().statusCode(200)
                .body("errors", nullValue())
                .body("data.device.battery", is(77.0f))
                .body("data.device.presence", is("AVAILABLE"));
        deviceService.bind(device, UUID.randomUUID().toString());
        GraphQL.as(Tokens.operator("olga"), "query($id: ID!) { device(id: $id) { presence } }", Map.of("id", device))
                .then().statusCode(200)
                .body("data.device.presence", is("AWAY"));
        GraphQL.as(Tokens.operator("olga"), "{ devices(first: 100, status: ONLINE) { nodes { id status } pageInfo { hasNextPage } } }")
                .then().statusCode(200)
                .body("errors", nullValue())
                .body("data.devices.nodes.status", everyItem(is("ONLINE")));
        GraphQL.as(Tokens.customer("alice"), "query($id: ID!) { device(id: $id) { id } }", Map.of("id", device))
                .then().statusCode(200)
                .body("data.device", nullValue())
                .body("errors[0].extensions.code", is("FORBIDDEN"));
        GraphQL.as(Tokens.operator("olga"), "{ device(id: \"nobody-here\") { id } }")
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("NOT_FOUND"))
                .body("errors[0].message", is("No such device"));
    }

    @Test
    void aDownPaymentServiceLeavesTheOrdersWithUnavailableAtEachPayment() {
        String customer = FakePaymentService.UNAVAILABLE_CUSTOMER;
        Orders.paid(customer);
        Orders.paid(customer);
        GraphQL.as(Tokens.customer(customer), "{ orders(first: 2) { nodes { id status payment { status } } } }")
                .then().statusCode(200)
                .body("data.orders.nodes", hasSize(2))
                .body("data.orders.nodes.status", everyItem(is("PAID")))
                .body("data.orders.nodes.payment", everyItem(nullValue()))
                .body("errors.extensions.code", everyItem(is("UNAVAILABLE")))
                .body("errors[0].message", is("The payment service is unavailable; try again shortly"))
                .body("errors[0].path", contains("orders", "nodes", 0, "payment"));
    }

    @Test
    void aDownBackendIsUnavailableAndABadArgumentIsBadUserInput() {
        GraphQL.as(Tokens.customer("alice"), "query($id: ID!) { order(id: $id) { id } }", Map.of("id", FakeOrderService.UNAVAILABLE_ID))
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("UNAVAILABLE"))
                .body("errors[0].message", is("The order service is unavailable; try again shortly"));
        GraphQL.as(Tokens.customer("alice"), "{ orders(first: 0) { nodes { id } } }")
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("BAD_USER_INPUT"))
                .body("errors[0].message", is("1 field is not valid: first must be a whole number from 1 to 100"));
        GraphQL.as(Tokens.customer("alice"), "{ orders { nodes { nonsense } } }")
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("BAD_USER_INPUT"))
                .body("errors[0].extensions.exception", nullValue())
                .body("errors[0].extensions.stackTrace", nullValue());
    }

    private Calls calls() {
        return new Calls(orderService.calls("get"), orderService.calls("list"),
                paymentService.calls("list"), deviceService.calls("list"), deviceService.calls("telemetry"));
    }

    /** Calls to GetOrder, ListOrders, ListPayments, ListDevices, ListTelemetry. */
    record Calls(int getOrder, int listOrders, int listPayments, int listDevices, int listTelemetry) {
        Calls minus(Calls before) {
            return new Calls(getOrder - before.getOrder, listOrders - before.listOrders, listPayments - before.listPayments,
                    listDevices - before.listDevices, listTelemetry - before.listTelemetry);
        }
    }
}
