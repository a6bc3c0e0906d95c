package dev.dispatch.gateway.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import com.google.protobuf.Timestamp;

import dev.dispatch.gateway.backend.UnknownAnswer;
import dev.dispatch.gateway.graphql.type.Amount;
import dev.dispatch.gateway.graphql.type.Device;
import dev.dispatch.gateway.graphql.type.Order;
import dev.dispatch.gateway.graphql.type.PageInfo;
import dev.dispatch.gateway.graphql.type.Payment;
import dev.dispatch.gateway.graphql.type.PaymentStatus;
import dev.dispatch.gateway.graphql.type.PlaceOrderInput;
import dev.dispatch.gateway.graphql.type.Position;
import dev.dispatch.gateway.model.Address;
import dev.dispatch.gateway.model.DeviceState;
import dev.dispatch.gateway.model.LineItem;
import dev.dispatch.gateway.model.OrderState;
import dev.dispatch.gateway.model.PlaceOrderRequest;
import dev.dispatch.proto.common.v1.Money;
import dev.dispatch.proto.device.v1.DeviceStatus;
import dev.dispatch.proto.device.v1.ListDevicesResponse;
import dev.dispatch.proto.device.v1.Telemetry;
import dev.dispatch.proto.order.v1.DeliveryAddress;
import dev.dispatch.proto.order.v1.ListOrdersResponse;
import dev.dispatch.proto.order.v1.OrderItem;
import dev.dispatch.proto.order.v1.OrderStatus;
import dev.dispatch.proto.payment.v1.DeclineReason;

/** GraphQL's types straight from the backends' messages. */
class GraphQLMapperTest {

    private static final Address BERLIN = new Address("Invalidenstraße 116", "Berlin", "10115", "DE", 52.5321, 13.3849);
    private static final Timestamp NOON = Timestamp.newBuilder().setSeconds(1_764_676_800L).setNanos(5).build();

    @Test
    void anOrderIsMappedFieldByFieldAndUnsetFieldsAreNull() {
        var proto = dev.dispatch.proto.order.v1.Order.newBuilder()
                .setId("0b9a4f7e-3c2d-4e5f-8a9b-1c2d3e4f5a6b").setCustomerId("alice").setStatus(OrderStatus.ORDER_STATUS_PAID)
                .addItems(OrderItem.newBuilder().setSku("VAX-COOLER-01").setName("Cooler").setQuantity(2).setUnitPriceMinor(1250))
                .setTotal(Money.newBuilder().setAmountMinor(2500).setCurrency("EUR"))
                .setDeliveryAddress(DeliveryAddress.newBuilder().setStreet(BERLIN.street()).setCity(BERLIN.city())
                        .setPostalCode(BERLIN.postalCode()).setCountry(BERLIN.country())
                        .setLatitude(BERLIN.latitude()).setLongitude(BERLIN.longitude()))
                .setCreatedAt(NOON).setVersion(3)
                .build();

        assertThat(GraphQLMapper.toGraphQL(proto)).isEqualTo(new Order("0b9a4f7e-3c2d-4e5f-8a9b-1c2d3e4f5a6b", "alice", OrderState.PAID,
                List.of(new LineItem("VAX-COOLER-01", "Cooler", 2, 1250L)), new Amount(2500, "EUR"), BERLIN, null, null, null,
                Instant.ofEpochSecond(1_764_676_800L, 5), null, 3));
    }

    @Test
    void anOrderOfAnUnknownStatusIsNotShown() {
        var proto = dev.dispatch.proto.order.v1.Order.newBuilder().setStatus(OrderStatus.ORDER_STATUS_UNSPECIFIED).build();
        assertThatThrownBy(() -> GraphQLMapper.toGraphQL(proto)).isInstanceOf(UnknownAnswer.class);
    }

    @Test
    void aPageHasANextPageExactlyWhenItHasACursor() {
        assertThat(GraphQLMapper.toGraphQL(ListOrdersResponse.getDefaultInstance()).pageInfo()).isEqualTo(new PageInfo(false, null));
        assertThat(GraphQLMapper.toGraphQL(ListOrdersResponse.newBuilder().setNextPageToken("abc").build()).pageInfo())
                .isEqualTo(new PageInfo(true, "abc"));
        assertThat(GraphQLMapper.toGraphQL(ListDevicesResponse.newBuilder().setNextPageToken("Y291cmllci03").build()).pageInfo())
                .isEqualTo(new PageInfo(true, "Y291cmllci03"));
    }

    @Test
    void aDevicesBatteryIsItsNewestReadings() {
        var withReading = dev.dispatch.proto.device.v1.Device.newBuilder().setId("courier-7").setStatus(DeviceStatus.DEVICE_STATUS_ONLINE)
                .setRegisteredAt(NOON).setLatest(Telemetry.newBuilder().setBatteryPercent(87).setLatitude(52.5)).build();
        Device device = GraphQLMapper.toGraphQL(withReading);
        assertThat(device.status()).isEqualTo(DeviceState.ONLINE);
        assertThat(device.battery()).isEqualTo(87.0);
        assertThat(device.latest().latitude()).isEqualTo(52.5);
        assertThat(device.lastSeenAt()).isNull();
        assertThat(device.boundOrderId()).isNull();

        var silent = dev.dispatch.proto.device.v1.Device.newBuilder().setId("courier-8").setStatus(DeviceStatus.DEVICE_STATUS_OFFLINE).build();
        assertThat(GraphQLMapper.toGraphQL(silent).battery()).isNull();
        assertThat(GraphQLMapper.toGraphQL(silent).latest()).isNull();
    }

    @Test
    void aPaymentShowsRefundsAndDeclineReasonsOnlyWhenThereAreAny() {
        var declined = dev.dispatch.proto.payment.v1.Payment.newBuilder().setId("p-1")
                .setStatus(dev.dispatch.proto.payment.v1.PaymentStatus.PAYMENT_STATUS_DECLINED)
                .setAmount(Money.newBuilder().setAmountMinor(2500).setCurrency("EUR"))
                .setRefunded(Money.newBuilder().setAmountMinor(0).setCurrency("EUR"))
                .setDeclineReason(DeclineReason.DECLINE_REASON_INSUFFICIENT_FUNDS)
                .build();
        Payment payment = GraphQLMapper.toGraphQL(declined);
        assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(payment.amount()).isEqualTo(new Amount(2500, "EUR"));
        assertThat(payment.refunded()).isNull();
        assertThat(payment.declineReason()).isEqualTo("INSUFFICIENT_FUNDS");

        var refunded = declined.toBuilder().setStatus(dev.dispatch.proto.payment.v1.PaymentStatus.PAYMENT_STATUS_PARTIALLY_REFUNDED)
                .setRefunded(Money.newBuilder().setAmountMinor(1000).setCurrency("EUR")).clearDeclineReason().build();
        assertThat(GraphQLMapper.toGraphQL(refunded).refunded()).isEqualTo(new Amount(1000, "EUR"));
        assertThat(GraphQLMapper.toGraphQL(refunded).declineReason()).isNull();
    }

    @Test
    void aPaymentOfAnUnknownStatusIsAFault() {
        var unknown = dev.dispatch.proto.payment.v1.Payment.newBuilder().setId("p-1").build();
        assertThatThrownBy(() -> GraphQLMapper.toGraphQL(unknown)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void distancesAreGreatCircleMetres() {
        assertThat(GraphQLMapper.distanceMeters(52.5321, 13.3849, 52.5321, 13.3849)).isZero();
        // Berlin Hauptbahnhof to Potsdam Hauptbahnhof: about 25.3 km as the crow flies.
        assertThat(GraphQLMapper.distanceMeters(52.5251, 13.3694, 52.3917, 13.0668)).isCloseTo(25_306, Offset.offset(1.0));
        // A quarter of the way round the earth along the equator.
        assertThat(GraphQLMapper.distanceMeters(0, 0, 0, 90)).isCloseTo(10_007_543, Offset.offset(1.0));
    }

    @Test
    void aPositionIsTheReadingAndItsWholeMetresToTheAddress() {
        Position at = GraphQLMapper.toPosition(Telemetry.newBuilder().setLatitude(52.5321).setLongitude(13.3949).setDeviceTime(NOON).build(), BERLIN);
        assertThat(at.latitude()).isEqualTo(52.5321);
        assertThat(at.at()).isEqualTo(Instant.ofEpochSecond(1_764_676_800L, 5));
        assertThat(at.distanceMeters()).isEqualTo(Math.rint(at.distanceMeters())).isEqualTo(676.0);
    }

    @Test
    void theInputIsTheModelsNewOrder() {
        var input = new PlaceOrderInput(List.of(new LineItem("SKU-1", "n", 1, 1L)), "EUR", BERLIN, "tok_approve", null);
        assertThat(GraphQLMapper.toModel(input))
                .isEqualTo(new PlaceOrderRequest(input.items(), "EUR", BERLIN, "tok_approve", null));
    }
}
