package dev.dispatch.order.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The input rules of the order API, without a server: every bad field named by its request path. */
class OrderValidatorTest {

    private static final Caller CUSTOMER = new Caller("customer-1", Caller.Role.CUSTOMER);
    private static final DeliveryAddress BERLIN = new DeliveryAddress("Unter den Linden 1", "Berlin", "10117", "DE", 52.517, 13.3889);
    private static final List<OrderLine> LINES = List.of(new OrderLine("PIZZA-MARGHERITA", "Pizza Margherita", 2, 1250),
            new OrderLine("COLA-033", "Cola 0.33 l", 1, 300));

    @Test
    void aGoodCommandPasses() {
        assertThatCode(() -> OrderValidator.validate(command(LINES, "EUR", BERLIN, "tok_approve", 4.5, "key-1"))).doesNotThrowAnyException();
        assertThatCode(() -> OrderValidator.validate(command(LINES, "JPY", BERLIN, "tok_approve", null, null))).doesNotThrowAnyException();
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        List<OrderLine> lines = List.of(new OrderLine("pizza margherita", "Pizza", 0, 1250), new OrderLine("COLA-033", "", 1000, -1));
        DeliveryAddress nowhere = new DeliveryAddress("Unter den Linden 1", "Berlin", "10117", "Germany", 91, -181);

        assertThat(violations(() -> OrderValidator.validate(command(lines, "XYZ", nowhere, "", null, null)))).containsExactlyInAnyOrder(
                "items[0].sku", "items[0].quantity", "items[1].name", "items[1].quantity", "items[1].unit_price_minor", "currency",
                "delivery_address.country", "delivery_address.latitude", "delivery_address.longitude", "payment_token");
    }

    @Test
    void anOrderNeedsOneToAHundredItemsAndATotalAboveZero() {
        assertThat(violations(() -> OrderValidator.validate(command(List.of(), "EUR", BERLIN, "tok", null, null)))).containsExactly("items");
        List<OrderLine> many = new ArrayList<>();
        for (int i = 0; i < OrderValidator.MAX_ITEMS + 1; i++) {
            many.add(new OrderLine("SKU-" + i, "thing", 1, 100));
        }
        assertThat(violations(() -> OrderValidator.validate(command(many, "EUR", BERLIN, "tok", null, null)))).containsExactly("items");
        List<OrderLine> free = List.of(new OrderLine("FREE-GIFT", "Gift", 1, 0));
        assertThat(violations(() -> OrderValidator.validate(command(free, "EUR", BERLIN, "tok", null, null)))).containsExactly("items");
    }

    @Test
    void aBadLineIsNotAlsoBlamedForTheTotal() {
        List<OrderLine> zero = List.of(new OrderLine("PIZZA", "Pizza", 0, 1250));
        assertThat(violations(() -> OrderValidator.validate(command(zero, "EUR", BERLIN, "tok", null, null)))).containsExactly("items[0].quantity");
    }

    @Test
    void quantitiesAndPricesHaveBounds() {
        List<OrderLine> atBounds = List.of(new OrderLine("GOLD", "Gold", OrderValidator.MAX_QUANTITY, OrderValidator.MAX_UNIT_PRICE_MINOR));
        assertThatCode(() -> OrderValidator.validate(command(atBounds, "EUR", BERLIN, "tok", null, null))).doesNotThrowAnyException();
        List<OrderLine> above = List.of(new OrderLine("GOLD", "Gold", 1, OrderValidator.MAX_UNIT_PRICE_MINOR + 1));
        assertThat(violations(() -> OrderValidator.validate(command(above, "EUR", BERLIN, "tok", null, null))))
                .containsExactly("items[0].unit_price_minor");
    }

    @Test
    void currencyIsAnUpperCaseIso4217Code() {
        for (String bad : new String[] {"eur", "EURO", "XYZ", ""}) {
            assertThat(violations(() -> OrderValidator.validate(command(LINES, bad, BERLIN, "tok", null, null)))).as(bad).containsExactly("currency");
        }
        assertThat(violations(() -> OrderValidator.validate(command(LINES, null, BERLIN, "tok", null, null)))).containsExactly("currency");
    }

    @Test
    void theAddressIsRequiredAndChecked() {
        assertThat(violations(() -> OrderValidator.validate(command(LINES, "EUR", null, "tok", null, null)))).containsExactly("delivery_address");
        DeliveryAddress bad = new DeliveryAddress(" ", "x".repeat(101), "!", "de", Double.NaN, Double.POSITIVE_INFINITY);
        assertThat(violations(() -> OrderValidator.validate(command(LINES, "EUR", bad, "tok", null, null)))).containsExactlyInAnyOrder(
                "delivery_address.street", "delivery_address.city", "delivery_address.postal_code", "delivery_address.country",
                "delivery_address.latitude", "delivery_address.longitude");
    }

    @Test
    void tokenKeyAndCargoTemperature() {
        assertThat(violations(() -> OrderValidator.validate(command(LINES, "EUR", BERLIN, "t".repeat(129), null, null))))
                .containsExactly("payment_token");
        assertThat(violations(() -> OrderValidator.validate(command(LINES, "EUR", BERLIN, null, null, null)))).containsExactly("payment_token");
        assertThat(violations(() -> OrderValidator.validate(command(LINES, "EUR", BERLIN, "tok", null, "k".repeat(256)))))
                .containsExactly("idempotency_key");
        assertThat(violations(() -> OrderValidator.validate(command(LINES, "EUR", BERLIN, "tok", null, "tab\there"))))
                .containsExactly("idempotency_key");
        for (double bad : new double[] {-50.5, 50.5, Double.NaN}) {
            assertThat(violations(() -> OrderValidator.validate(command(LINES, "EUR", BERLIN, "tok", bad, null)))).as("" + bad)
                    .containsExactly("max_cargo_temperature_c");
        }
        assertThatCode(() -> OrderValidator.validate(command(LINES, "EUR", BERLIN, "tok", -50.0, null))).doesNotThrowAnyException();
    }

    @Test
    void orderIdsAreUuids() {
        UUID id = UUID.randomUUID();
        assertThat(OrderValidator.orderId(id.toString())).isEqualTo(id);
        assertThat(violations(() -> OrderValidator.orderId(""))).containsExactly("order_id");
        assertThat(violations(() -> OrderValidator.orderId(null))).containsExactly("order_id");
        assertThat(violations(() -> OrderValidator.orderId("order-1"))).containsExactly("order_id");
    }

    @Test
    void deviceIdsAreShortAndPlain() {
        assertThatCode(() -> OrderValidator.deviceId("courier-1.eu_west:7")).doesNotThrowAnyException();
        assertThatCode(() -> OrderValidator.deviceId("d".repeat(64))).doesNotThrowAnyException();
        for (String bad : new String[] {"", "-starts-with-dash", "has space", "d".repeat(65), "ünicode"}) {
            assertThat(violations(() -> OrderValidator.deviceId(bad))).as(bad).containsExactly("device_id");
        }
        assertThat(violations(() -> OrderValidator.deviceId(null))).containsExactly("device_id");
    }

    @Test
    void pageSizeZeroMeansTwentyAndAtMostAHundred() {
        assertThat(OrderValidator.pageSize(0)).isEqualTo(20);
        assertThat(OrderValidator.pageSize(1)).isEqualTo(1);
        assertThat(OrderValidator.pageSize(100)).isEqualTo(100);
        assertThat(violations(() -> OrderValidator.pageSize(-1))).containsExactly("page_size");
        assertThat(violations(() -> OrderValidator.pageSize(101))).containsExactly("page_size");
    }

    /** The fields an INVALID refusal names, in its order. */
    private static List<String> violations(ThrowingCallable call) {
        List<String> fields = new ArrayList<>();
        assertThatThrownBy(call).isInstanceOfSatisfying(OrderRejected.class, e -> {
            assertThat(e.kind()).isEqualTo(OrderRejected.Kind.INVALID);
            e.violations().forEach(v -> fields.add(v.field()));
            assertThat(e.getMessage()).contains(fields.get(0));
        });
        return fields;
    }

    private static PlaceOrderCommand command(List<OrderLine> items, String currency, DeliveryAddress address, String token,
            Double maxCargoTemperatureC, String idempotencyKey) {
        return new PlaceOrderCommand(CUSTOMER, idempotencyKey, items, currency, address, token, maxCargoTemperatureC);
    }
}
