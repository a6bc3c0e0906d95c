package dev.dispatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.dispatch.gateway.support.Api;
import dev.dispatch.gateway.support.FakeOrderService;
import dev.dispatch.gateway.support.Orders;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.junit.QuarkusTest;

/** GET /api/orders/{id} and GET /api/orders: who sees what, pages, filters, and a backend that is down or slow. */
@QuarkusTest
class ReadOrdersTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    @GrpcService
    FakeOrderService backend;

    @Test
    void aCustomerReadsTheirOrder() {
        String id = Orders.paid("alice");
        Api.customer("alice").when().get("/api/orders/{id}", id)
                .then().statusCode(200)
                .body("id", is(id))
                .body("status", is("PAID"))
                .body("customerId", is("alice"));
    }

    @Test
    void anotherCustomersOrderIs404() {
        String id = Orders.paid("alice");
        Api.customer("mallory").when().get("/api/orders/{id}", id)
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("type", is("/problems/not-found"))
                .body("instance", is("/api/orders/" + id));
    }

    @Test
    void anOperatorReadsAnyOrder() {
        String id = Orders.paid("alice");
        Api.operator("olga").when().get("/api/orders/{id}", id)
                .then().statusCode(200)
                .body("customerId", is("alice"));
    }

    @Test
    void unknownIdsAre404() {
        Api.customer("alice").when().get("/api/orders/{id}", UUID.randomUUID())
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("type", is("/problems/not-found"));
        // Not a UUID: no order can have it, and order-service is not asked.
        Api.badRequestAs(Tokens.customer("alice")).when().get("/api/orders/{id}", "not-an-id")
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("type", is("/problems/not-found"));
        assertThat(backend.calls("get", "not-an-id")).isZero();
    }

    @Test
    void aCustomerListsOnlyTheirOwnOrders() {
        String customer = "lister-" + UUID.randomUUID();
        String first = Orders.paid(customer);
        String second = Orders.placed(customer, "tok_decline");
        Orders.paid("someone-else");
        Api.customer(customer).when().get("/api/orders")
                .then().statusCode(200)
                .body("items.id", contains(second, first))
                .body("nextCursor", nullValue());
    }

    @Test
    void operatorsListEveryonesOrders() {
        String a = Orders.paid("op-list-a-" + UUID.randomUUID());
        String b = Orders.paid("op-list-b-" + UUID.randomUUID());
        Api.operator("olga").queryParam("limit", 100).when().get("/api/orders")
                .then().statusCode(200)
                .body("items.id", hasItem(a))
                .body("items.id", hasItem(b));
    }

    @Test
    void listsFilterByStatus() {
        String customer = "filter-" + UUID.randomUUID();
        Orders.paid(customer);
        String declined = Orders.placed(customer, "tok_decline");
        Api.customer(customer).queryParam("status", "PAYMENT_DECLINED").when().get("/api/orders")
                .then().statusCode(200)
                .body("items.id", contains(declined))
                .body("items.status", everyItem(is("PAYMENT_DECLINED")));
    }

    @Test
    void listsPageWithACursor() {
        String customer = "pager-" + UUID.randomUUID();
        String first = Orders.paid(customer);
        String second = Orders.paid(customer);
        String third = Orders.paid(customer);
        String cursor = Api.customer(customer).queryParam("limit", 2).when().get("/api/orders")
                .then().statusCode(200)
                .body("items.id", contains(third, second))
                .body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        Api.customer(customer).queryParam("limit", 2).queryParam("cursor", cursor).when().get("/api/orders")
                .then().statusCode(200)
                .body("items.id", contains(first))
                .body("nextCursor", nullValue());
    }

    @Test
    void badListParametersAreAllListed() {
        Api.badRequestAs(Tokens.customer("alice"))
                .queryParam("status", "LOST").queryParam("limit", "0").queryParam("cursor", "c".repeat(513))
                .when().get("/api/orders")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", is("/problems/validation"))
                .body("errors.field", containsInAnyOrder("status", "limit", "cursor"));
        for (String limit : List.of("101", "ten", "2.5", "-1")) {
            Api.badRequestAs(Tokens.customer("alice")).queryParam("limit", limit).when().get("/api/orders")
                    .then().statusCode(400)
                    .body("errors", hasSize(1))
                    .body("errors[0].field", is("limit"))
                    .body("errors[0].message", is("must be a whole number from 1 to 100"));
        }
    }

    @Test
    void aCursorOrderServiceDoesNotKnowIs400() {
        Api.customer("alice").queryParam("cursor", "forged").when().get("/api/orders")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", is("/problems/validation"));
    }

    @Test
    void readsAreRetriedWhileOrderServiceIsUnavailableThen503() {
        // Other tests ask for the same ids: count this test's calls only.
        int gets = backend.calls("get", FakeOrderService.UNAVAILABLE_ID);
        int lists = backend.calls("list", FakeOrderService.UNAVAILABLE_CUSTOMER);
        Api.customer("alice").when().get("/api/orders/{id}", FakeOrderService.UNAVAILABLE_ID)
                .then().statusCode(503)
                .contentType(PROBLEM)
                .header("Retry-After", "2")
                .body("type", is("/problems/unavailable"));
        assertThat(backend.calls("get", FakeOrderService.UNAVAILABLE_ID) - gets).isEqualTo(3);

        Api.customer(FakeOrderService.UNAVAILABLE_CUSTOMER).when().get("/api/orders")
                .then().statusCode(503)
                .header("Retry-After", "2")
                .body("type", is("/problems/unavailable"));
        assertThat(backend.calls("list", FakeOrderService.UNAVAILABLE_CUSTOMER) - lists).isEqualTo(3);
    }

    @Test
    void aSlowOrderServiceIs503AfterTheDeadlineAndIsNotRetried() {
        Api.customer("alice").when().get("/api/orders/{id}", FakeOrderService.SLOW_ID)
                .then().statusCode(503)
                .contentType(PROBLEM)
                .header("Retry-After", notNullValue())
                .body("type", is("/problems/unavailable"));
        assertThat(backend.calls("get", FakeOrderService.SLOW_ID)).isEqualTo(1);
    }
}
