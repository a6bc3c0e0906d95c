package dev.dispatch.order.grpc;

import static dev.dispatch.order.support.Orders.assertStatus;
import static dev.dispatch.order.support.Orders.count;
import static dev.dispatch.order.support.Orders.newCustomer;
import static dev.dispatch.order.support.Orders.place;
import static dev.dispatch.order.support.Orders.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.google.rpc.BadRequest;

import dev.dispatch.order.support.Caller;
import dev.dispatch.proto.order.v1.DeliveryAddress;
import dev.dispatch.proto.order.v1.OrderItem;
import dev.dispatch.proto.order.v1.OrderService;
import dev.dispatch.proto.order.v1.PlaceOrderRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;

/** Bad PlaceOrder requests: INVALID_ARGUMENT naming every bad field (also as BadRequest details), and nothing stored. */
@QuarkusTest
class OrderValidationTest {

    @GrpcClient("orders")
    OrderService orders;

    @Test
    void everyBadFieldIsNamed() throws Exception {
        Caller customer = newCustomer();
        PlaceOrderRequest.Builder bad = request()
                .clearItems()
                .addItems(OrderItem.newBuilder().setSku("pizza margherita").setName("Pizza").setQuantity(0).setUnitPriceMinor(1250))
                .addItems(OrderItem.newBuilder().setSku("COLA-033").setName("").setQuantity(1000).setUnitPriceMinor(-1))
                .setCurrency("XYZ")
                .setDeliveryAddress(DeliveryAddress.newBuilder().setStreet("Unter den Linden 1").setCity("Berlin")
                        .setPostalCode("10117").setCountry("Germany").setLatitude(91).setLongitude(-181))
                .setPaymentToken("");

        StatusRuntimeException e = assertStatus(() -> place(orders, customer, bad), Status.Code.INVALID_ARGUMENT);

        Map<String, String> fields = violations(e);
        assertThat(fields).containsOnlyKeys("items[0].sku", "items[0].quantity", "items[1].name", "items[1].quantity",
                "items[1].unit_price_minor", "currency", "delivery_address.country", "delivery_address.latitude",
                "delivery_address.longitude", "payment_token");
        assertThat(e.getStatus().getDescription()).contains("items[0].sku", "currency", "payment_token");
        assertThat(count("select count(*) from customer_order where customer_id = '" + customer.subject() + "'")).isZero();
    }

    @Test
    void anOrderNeedsItemsAndAnAddress() throws Exception {
        assertThat(violations(assertStatus(() -> place(orders, newCustomer(), request().clearItems()), Status.Code.INVALID_ARGUMENT)))
                .containsOnlyKeys("items");
        assertThat(violations(assertStatus(() -> place(orders, newCustomer(), request().clearDeliveryAddress()), Status.Code.INVALID_ARGUMENT)))
                .containsOnlyKeys("delivery_address");
    }

    @Test
    void tooManyItemsAndAbsurdQuantitiesAndPrices() throws Exception {
        PlaceOrderRequest.Builder many = request().clearItems();
        for (int i = 0; i < 101; i++) {
            many.addItems(OrderItem.newBuilder().setSku("SKU-" + i).setName("thing").setQuantity(1).setUnitPriceMinor(100));
        }
        assertThat(violations(assertStatus(() -> place(orders, newCustomer(), many), Status.Code.INVALID_ARGUMENT))).containsOnlyKeys("items");

        PlaceOrderRequest.Builder absurd = request().clearItems()
                .addItems(OrderItem.newBuilder().setSku("GOLD-BAR").setName("Gold bar").setQuantity(1).setUnitPriceMinor(100_000_001));
        assertThat(violations(assertStatus(() -> place(orders, newCustomer(), absurd), Status.Code.INVALID_ARGUMENT)))
                .containsOnlyKeys("items[0].unit_price_minor");

        PlaceOrderRequest.Builder free = request().clearItems()
                .addItems(OrderItem.newBuilder().setSku("FREE-GIFT").setName("Gift").setQuantity(1).setUnitPriceMinor(0));
        assertThat(violations(assertStatus(() -> place(orders, newCustomer(), free), Status.Code.INVALID_ARGUMENT))).containsOnlyKeys("items");
    }

    @Test
    void lowerCaseCurrencyAndOutOfRangeCargoTemperature() throws Exception {
        assertThat(violations(assertStatus(() -> place(orders, newCustomer(), request().setCurrency("eur").setMaxCargoTemperatureC(80)),
                Status.Code.INVALID_ARGUMENT))).containsOnlyKeys("currency", "max_cargo_temperature_c");
    }

    @Test
    void aValidOrderWithOptionalFieldsIsAccepted() {
        var order = place(orders, newCustomer(), request().setMaxCargoTemperatureC(4.5).setCurrency("JPY"));

        assertThat(order.getMaxCargoTemperatureC()).isEqualTo(4.5);
        assertThat(order.getTotal().getCurrency()).isEqualTo("JPY");
    }

    private static Map<String, String> violations(StatusRuntimeException e) throws Exception {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        assertThat(status).as("the status carries details").isNotNull();
        return status.getDetails(0).unpack(BadRequest.class).getFieldViolationsList().stream()
                .collect(Collectors.toMap(BadRequest.FieldViolation::getField, BadRequest.FieldViolation::getDescription, (a, b) -> a));
    }
}
