package dev.dispatch.gateway;

import static dev.dispatch.gateway.support.OrderBodies.addressOf;
import static dev.dispatch.gateway.support.OrderBodies.item;
import static dev.dispatch.gateway.support.OrderBodies.itemsOf;
import static dev.dispatch.gateway.support.OrderBodies.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.dispatch.gateway.support.Api;
import dev.dispatch.gateway.support.FakeOrderService;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** POST /api/orders: what a customer gets back, and every way placing can fail. */
@QuarkusTest
class PlaceOrderTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    @GrpcService
    FakeOrderService backend;

    @Test
    void placesAPaidOrder() {
        var response = Api.customer("alice").body(order("tok_approve"))
                .when().post("/api/orders")
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("customerId", is("alice"))
                .body("status", is("PAID"))
                .body("items[0].sku", is("VAX-COOLER-01"))
                .body("items[0].quantity", is(2))
                .body("total.amountMinor", is(2500))
                .body("total.currency", is("EUR"))
                .body("deliveryAddress.country", is("DE"))
                .body("payment.status", is("AUTHORIZED"))
                .body("payment.id", notNullValue())
                .body("maxCargoTemperatureC", is(8.0f))
                .body("deviceId", nullValue())
                .body("version", is(1))
                .extract();
        String id = response.path("id");
        assertThat(response.header("Location")).isEqualTo("/api/orders/" + id);
        assertThat(Instant.parse(response.path("createdAt"))).isBeforeOrEqualTo(Instant.now());
        assertThat(Instant.parse(response.path("updatedAt"))).isNotNull();
    }

    @Test
    void aDeclinedPaymentIsAnOrderThatSaysSo() {
        Api.customer("alice").body(order("tok_decline"))
                .when().post("/api/orders")
                .then().statusCode(201)
                .body("status", is("PAYMENT_DECLINED"))
                .body("statusReason", is("insufficient_funds"))
                .body("payment.status", is("DECLINED"))
                .body("payment.reason", is("insufficient_funds"));
    }

    @Test
    void withPaymentServiceDownTheOrderIsStoredAndAwaitsPayment() {
        Api.customer("alice").body(order("tok_payment_down"))
                .when().post("/api/orders")
                .then().statusCode(201)
                .body("status", is("AWAITING_PAYMENT"))
                .body("payment.status", is("PENDING"))
                .body("payment.id", nullValue());
    }

    @Test
    void theSameIdempotencyKeyAndBodyGiveTheSameOrder() {
        String key = "key-" + UUID.randomUUID();
        String first = Api.customer("alice").header("Idempotency-Key", key).body(order("tok_approve"))
                .when().post("/api/orders")
                .then().statusCode(201).extract().path("id");
        Api.customer("alice").header("Idempotency-Key", key).body(order("tok_approve"))
                .when().post("/api/orders")
                .then().statusCode(201)
                .header("Location", "/api/orders/" + first)
                .body("id", is(first));
    }

    @Test
    void theSameKeyWithAnotherBodyIs422() {
        String key = "key-" + UUID.randomUUID();
        Api.customer("alice").header("Idempotency-Key", key).body(order("tok_approve"))
                .when().post("/api/orders")
                .then().statusCode(201);
        Map<String, Object> other = order("tok_approve");
        itemsOf(other).set(0, item("VAX-COOLER-01", 3, 1250));
        Api.customer("alice").header("Idempotency-Key", key).body(other)
                .when().post("/api/orders")
                .then().statusCode(422)
                .contentType(PROBLEM)
                .body("type", is("/problems/idempotency-key-reused"))
                .body("status", is(422))
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body("instance", is("/api/orders"));
    }

    @Test
    void idempotencyKeysBelongToTheirCustomer() {
        String key = "key-" + UUID.randomUUID();
        String alices = Api.customer("alice").header("Idempotency-Key", key).body(order("tok_approve"))
                .when().post("/api/orders").then().statusCode(201).extract().path("id");
        Api.customer("bob").header("Idempotency-Key", key).body(order("tok_approve"))
                .when().post("/api/orders")
                .then().statusCode(201)
                .body("customerId", is("bob"))
                .body("id", not(alices));
    }

    @Test
    void aBadIdempotencyKeyIs400() {
        Api.badRequestAs(Tokens.customer("alice")).contentType(ContentType.JSON).header("Idempotency-Key", "x".repeat(129))
                .body(order("tok_approve"))
                .when().post("/api/orders")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", is("/problems/validation"))
                .body("errors.field", containsInAnyOrder("Idempotency-Key"));
        Api.badRequestAs(Tokens.customer("alice")).contentType(ContentType.JSON).header("Idempotency-Key", "has space")
                .body(order("tok_approve"))
                .when().post("/api/orders")
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("Idempotency-Key"));
    }

    @Test
    void operatorsDoNotPlaceOrders() {
        Api.operator("olga").body(order("tok_approve"))
                .when().post("/api/orders")
                .then().statusCode(403)
                .contentType(PROBLEM)
                .body("type", is("/problems/forbidden"));
    }

    @Test
    void everyBadFieldIsListed() {
        Map<String, Object> body = order("tok_approve");
        List<Object> items = itemsOf(body);
        items.set(0, item("lower-case", 0, -1));
        items.add(item("OK-SKU", 1000, 100));
        items.add(null);
        body.put("currency", "XYZ");
        Map<String, Object> address = addressOf(body);
        address.put("street", " ");
        address.remove("city");
        address.put("postalCode", "!");
        address.put("country", "XX");
        address.put("latitude", 90.5);
        address.put("longitude", -181);
        body.put("paymentToken", "");
        body.put("maxCargoTemperatureC", 80);

        Api.badRequestAs(Tokens.customer("alice")).contentType(ContentType.JSON).body(body)
                .when().post("/api/orders")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", is("/problems/validation"))
                .body("title", is("The request is not valid"))
                .body("status", is(400))
                .body("detail", is("14 fields are not valid"))
                .body("instance", is("/api/orders"))
                .body("errors.field", containsInAnyOrder(
                        "items[0].sku", "items[0].quantity", "items[0].unitPriceMinor", "items[1].quantity", "items[2]",
                        "currency", "deliveryAddress.street", "deliveryAddress.city", "deliveryAddress.postalCode",
                        "deliveryAddress.country", "deliveryAddress.latitude", "deliveryAddress.longitude", "paymentToken",
                        "maxCargoTemperatureC"))
                .body("errors.find { it.field == 'items[1].quantity' }.message", is("must be between 1 and 999"))
                .body("errors.find { it.field == 'currency' }.message", startsWith("must be an ISO 4217 currency code"));
        assertThat(backend.calls("place", "")).isZero();
    }

    @Test
    void anEmptyOrderAndAnOverlongOneAreRefused() {
        Map<String, Object> empty = order("tok_approve");
        empty.put("items", List.of());
        Api.badRequestAs(Tokens.customer("alice")).contentType(ContentType.JSON).body(empty)
                .when().post("/api/orders")
                .then().statusCode(400)
                .body("errors", equalTo(List.of(Map.of("field", "items", "message", "must hold 1 to 100 items"))));

        Map<String, Object> tooMany = order("tok_approve");
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            items.add(item("SKU-" + i, 1, 100));
        }
        tooMany.put("items", items);
        Api.badRequestAs(Tokens.customer("alice")).contentType(ContentType.JSON).body(tooMany)
                .when().post("/api/orders")
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("items"));
    }

    @Test
    void currenciesAreIso4217InUpperCase() {
        for (String currency : List.of("eur", "EURO", "ABC")) {
            Map<String, Object> body = order("tok_approve");
            body.put("currency", currency);
            Api.badRequestAs(Tokens.customer("alice")).contentType(ContentType.JSON).body(body)
                    .when().post("/api/orders")
                    .then().statusCode(400)
                    .body("errors.field", containsInAnyOrder("currency"));
        }
        Map<String, Object> yen = order("tok_approve");
        yen.put("currency", "JPY");
        Api.customer("alice").body(yen).when().post("/api/orders").then().statusCode(201).body("total.currency", is("JPY"));
    }

    @Test
    void noBodyIs400() {
        Api.badRequestAs(Tokens.customer("alice")).contentType(ContentType.JSON)
                .when().post("/api/orders")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", is("/problems/validation"))
                .body("errors.field", containsInAnyOrder("body"));
    }

    @Test
    void malformedJsonIs400() {
        Api.badRequestAs(Tokens.customer("alice")).contentType(ContentType.JSON).body("{\"items\": [")
                .when().post("/api/orders")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", is("/problems/malformed-json"))
                .body("detail", startsWith("The body could not be read as JSON"));
        Api.badRequestAs(Tokens.customer("alice")).contentType(ContentType.JSON).body("{\"currency\": EUR}")
                .when().post("/api/orders")
                .then().statusCode(400)
                .body("type", is("/problems/malformed-json"));
    }

    /** A word, and a fraction that must not be truncated to 2. */
    static Stream<Object> quantitiesOfTheWrongType() {
        return Stream.of("two", 2.5);
    }

    @ParameterizedTest
    @MethodSource("quantitiesOfTheWrongType")
    void aQuantityOfTheWrongTypeIs400WithItsPath(Object quantity) {
        Map<String, Object> body = order("tok_approve");
        itemsOf(body).set(0, item("VAX-COOLER-01", quantity, 1250));
        Api.badRequestAs(Tokens.customer("alice")).contentType(ContentType.JSON).body(body)
                .when().post("/api/orders")
                .then().statusCode(400)
                .body("type", is("/problems/malformed-json"))
                .body("detail", is("The value at 'items[0].quantity' has the wrong type or shape"));
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        Api.badRequestAs(Tokens.customer("alice")).contentType(ContentType.TEXT).body("two coolers please")
                .when().post("/api/orders")
                .then().statusCode(415)
                .contentType(PROBLEM)
                .body("type", is("/problems/unsupported-media-type"))
                .body("detail", startsWith("The body must be application/json"));
    }

    @Test
    void anOversizedBodyIs413() {
        Map<String, Object> body = order("tok_approve");
        body.put("paymentToken", "x".repeat(70 * 1024));
        Api.badRequestAs(Tokens.customer("alice")).contentType(ContentType.JSON).body(body)
                .when().post("/api/orders")
                .then().statusCode(413)
                .contentType(PROBLEM)
                .body("type", is("/problems/payload-too-large"))
                .body("status", is(413));
    }

    @Test
    void fieldsOrderServiceRefusesAreListedUnderTheirRestNames() {
        Api.customer("alice").body(order("tok_invalid"))
                .when().post("/api/orders")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", is("/problems/validation"))
                .body("detail", is("2 fields are not valid"))
                .body("errors.field", containsInAnyOrder("items", "deliveryAddress.postalCode"));
    }

    @Test
    void anOrderServiceFaultIs502() {
        Api.customer("alice").body(order("tok_internal"))
                .when().post("/api/orders")
                .then().statusCode(502)
                .contentType(PROBLEM)
                .body("type", is("/problems/bad-gateway"))
                .body("detail", not(org.hamcrest.Matchers.containsString("Exception")));
    }

    @Test
    void orderServiceSayingUnavailableIs503AfterTryingAgainWithTheSameKey() {
        int before = backend.placeKeys("tok_unavailable").size();
        Api.customer("alice").body(order("tok_unavailable")).header("Idempotency-Key", "unavailable-1")
                .when().post("/api/orders")
                .then().statusCode(503)
                .contentType(PROBLEM)
                .header("Retry-After", "2")
                .body("type", is("/problems/unavailable"));
        // order-service itself answered "unavailable" each time: certainly not placed, so a 503 is the truth.
        List<String> keys = backend.placeKeys("tok_unavailable");
        assertThat(keys.subList(before, keys.size())).containsExactly("unavailable-1", "unavailable-1", "unavailable-1");
    }

    @Test
    void noAnswerInTimeIs504WithTheKeyToPlaceAgain() {
        int before = backend.placeKeys("tok_slow").size();
        String key = Api.customer("alice").body(order("tok_slow")).header("Idempotency-Key", "slow-1")
                .when().post("/api/orders")
                .then().statusCode(504)
                .contentType(PROBLEM)
                .header("Retry-After", notNullValue())
                .header("Idempotency-Key", "slow-1")
                .body("type", is("/problems/outcome-unknown"))
                .body("detail", is("The order service did not answer in time, so it is not known whether the order was placed; "
                        + "place it again with Idempotency-Key 'slow-1': you get the order if it was placed, and it is placed once"))
                .extract().header("Idempotency-Key");
        List<String> keys = backend.placeKeys("tok_slow");
        assertThat(keys.subList(before, keys.size())).containsExactly(key, key, key);
    }

    @Test
    void withoutAKeyOfItsOwnTheClientGetsTheOneTheGatewayMadeUp() {
        int before = backend.placeKeys("tok_slow").size();
        String key = Api.customer("alice").body(order("tok_slow"))
                .when().post("/api/orders")
                .then().statusCode(504)
                .body("type", is("/problems/outcome-unknown"))
                .extract().header("Idempotency-Key");
        assertThat(key).startsWith("gateway-");
        List<String> keys = backend.placeKeys("tok_slow");
        assertThat(keys.subList(before, keys.size())).containsExactly(key, key, key);
    }

    @Test
    void aLostAnswerIsFoundByAskingAgainWithTheSameKey() {
        int before = backend.calls("place", "tok_lost_once");
        String id = Api.customer("alice").body(order("tok_lost_once"))
                .when().post("/api/orders")
                .then().statusCode(201)
                .body("status", is("PAID"))
                .extract().path("id");
        assertThat(backend.calls("place", "tok_lost_once") - before).isEqualTo(2);
        // One order, the one the lost attempt placed.
        assertThat(backend.stored(id)).isNotNull();
        List<String> keys = backend.placeKeys("tok_lost_once");
        assertThat(keys.get(keys.size() - 1)).isEqualTo(keys.get(keys.size() - 2));
    }

    @Test
    void theCallerIsTheTokensSubject() {
        Api.customer("carol").body(order("tok_approve"))
                .when().post("/api/orders")
                .then().statusCode(201)
                .body("customerId", is("carol"));
        Api.customer("carol").when().get("/api/orders")
                .then().statusCode(200)
                .body("items.customerId", hasItem("carol"))
                .body("items.customerId", not(hasItem("alice")));
    }
}
