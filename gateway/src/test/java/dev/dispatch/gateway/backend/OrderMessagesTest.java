package dev.dispatch.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dispatch.gateway.model.Address;
import dev.dispatch.gateway.model.LineItem;
import dev.dispatch.gateway.model.OrderState;
import dev.dispatch.gateway.model.PlaceOrderRequest;
import dev.dispatch.proto.order.v1.DeliveryAddress;
import dev.dispatch.proto.order.v1.OrderItem;
import dev.dispatch.proto.order.v1.OrderStatus;

class OrderMessagesTest {

    private static final PlaceOrderRequest ORDER = new PlaceOrderRequest(
            List.of(new LineItem("VAX-COOLER-01", "Cooler", 2, 1250L)), "EUR",
            new Address("Invalidenstraße 116", "Berlin", "10115", "DE", 52.5321, 13.3849), "tok_approve", 8.0);

    @Test
    void everyStatusIsOrderServicesWithoutItsPrefix() {
        for (OrderState state : OrderState.values()) {
            OrderStatus status = OrderMessages.status(state);
            assertThat(status.name()).isEqualTo("ORDER_STATUS_" + state.name());
            assertThat(OrderMessages.state(status)).isEqualTo(state);
        }
        assertThat(OrderMessages.status(null)).isEqualTo(OrderStatus.ORDER_STATUS_UNSPECIFIED);
    }

    @Test
    void aStatusOfANewerContractIsTheBackendsFault() {
        for (OrderStatus unknown : List.of(OrderStatus.ORDER_STATUS_UNSPECIFIED, OrderStatus.UNRECOGNIZED)) {
            assertThatThrownBy(() -> OrderMessages.state(unknown))
                    .isInstanceOf(UnknownAnswer.class)
                    .hasMessage("The order service answered with an order status this gateway does not know");
        }
    }

    @Test
    void aNewOrderIsPlacedWithEveryField() {
        var request = OrderMessages.placeRequest("key-1", ORDER);
        assertThat(request.getIdempotencyKey()).isEqualTo("key-1");
        assertThat(request.getCurrency()).isEqualTo("EUR");
        assertThat(request.getPaymentToken()).isEqualTo("tok_approve");
        assertThat(request.getMaxCargoTemperatureC()).isEqualTo(8.0);
        assertThat(request.getItemsList()).containsExactly(
                OrderItem.newBuilder().setSku("VAX-COOLER-01").setName("Cooler").setQuantity(2).setUnitPriceMinor(1250).build());
        assertThat(OrderMessages.address(request.getDeliveryAddress())).isEqualTo(ORDER.deliveryAddress());
    }

    @Test
    void noKeyAndNoCargoLimitAreLeftUnset() {
        var order = new PlaceOrderRequest(ORDER.items(), "EUR", ORDER.deliveryAddress(), "tok_approve", null);
        var request = OrderMessages.placeRequest(null, order);
        assertThat(request.getIdempotencyKey()).isEmpty();
        assertThat(request.hasMaxCargoTemperatureC()).isFalse();
    }

    @Test
    void linesAndAddressesReadBack() {
        assertThat(OrderMessages.lineItem(OrderItem.newBuilder().setSku("SKU-1").setName("n").setQuantity(3).setUnitPriceMinor(99).build()))
                .isEqualTo(new LineItem("SKU-1", "n", 3, 99L));
        assertThat(OrderMessages.address(DeliveryAddress.newBuilder().setStreet("s").setCity("c").setPostalCode("p").setCountry("DE")
                .setLatitude(1.5).setLongitude(-2.5).build()))
                .isEqualTo(new Address("s", "c", "p", "DE", 1.5, -2.5));
    }
}
