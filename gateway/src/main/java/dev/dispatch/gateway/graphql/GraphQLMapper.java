package dev.dispatch.gateway.mapping;

import static dev.dispatch.gateway.mapping.Timestamps.emptyToNull;
import static dev.dispatch.gateway.mapping.Timestamps.orNull;

import dev.dispatch.gateway.graphql.model.Device;
import dev.dispatch.gateway.graphql.model.DeviceConnection;
import dev.dispatch.gateway.graphql.model.Order;
import dev.dispatch.gateway.graphql.model.OrderConnection;
import dev.dispatch.gateway.graphql.model.PageInfo;
import dev.dispatch.gateway.graphql.model.Payment;
import dev.dispatch.gateway.graphql.model.PaymentStatus;
import dev.dispatch.gateway.graphql.model.PlaceOrderInput;
import dev.dispatch.gateway.graphql.model.Position;
import dev.dispatch.gateway.rest.model.Address;
import dev.dispatch.gateway.rest.model.Amount;
import dev.dispatch.gateway.rest.model.OrderResponse;
import dev.dispatch.gateway.rest.model.PlaceOrderRequest;
import dev.dispatch.gateway.rest.model.Reading;
import dev.dispatch.proto.device.v1.ListDevicesResponse;
import dev.dispatch.proto.device.v1.Telemetry;
import dev.dispatch.proto.order.v1.ListOrdersResponse;

/** From the backends' messages to the GraphQL types, through the REST mapping where the two APIs show the same thing. */
public final class GraphQLMapper {

    private static final double EARTH_RADIUS_METERS = 6_371_000;

    private GraphQLMapper() {
    }

    public static Order toGraphQL(dev.dispatch.proto.order.v1.Order proto) {
        OrderResponse o = OrderMapper.toRest(proto);
        return new Order(o.id(), o.customerId(), o.status(), o.items(), o.total(), o.deliveryAddress(), o.deviceId(),
                o.maxCargoTemperatureC(), o.statusReason(), o.createdAt(), o.updatedAt(), o.version());
    }

    public static OrderConnection toGraphQL(ListOrdersResponse page) {
        String next = emptyToNull(page.getNextPageToken());
        return new OrderConnection(page.getOrdersList().stream().map(GraphQLMapper::toGraphQL).toList(), new PageInfo(next != null, next));
    }

    public static Device toGraphQL(dev.dispatch.proto.device.v1.Device d) {
        Reading latest = d.hasLatest() ? DeviceMapper.toRest(d.getLatest()) : null;
        return new Device(d.getId(), DeviceMapper.toState(d.getStatus()), latest == null ? null : latest.batteryPercent(),
                orNull(d.hasRegisteredAt(), d.getRegisteredAt()), orNull(d.hasLastSeenAt(), d.getLastSeenAt()), latest,
                emptyToNull(d.getBoundOrderId()));
    }

    public static DeviceConnection toGraphQL(ListDevicesResponse page) {
        String next = emptyToNull(page.getNextPageToken());
        return new DeviceConnection(page.getDevicesList().stream().map(GraphQLMapper::toGraphQL).toList(), new PageInfo(next != null, next));
    }

    public static Payment toGraphQL(dev.dispatch.proto.payment.v1.Payment p) {
        PaymentStatus status = switch (p.getStatus()) {
            case PAYMENT_STATUS_AUTHORIZED -> PaymentStatus.AUTHORIZED;
            case PAYMENT_STATUS_DECLINED -> PaymentStatus.DECLINED;
            case PAYMENT_STATUS_PARTIALLY_REFUNDED -> PaymentStatus.PARTIALLY_REFUNDED;
            case PAYMENT_STATUS_REFUNDED -> PaymentStatus.REFUNDED;
            default -> null;
        };
        if (status == null) {
            // payment-service speaks a newer contract than this gateway: its fault, not the client's.
            throw new IllegalStateException("payment-service answered with payment status " + p.getStatus());
        }
        return new Payment(p.getId(), status, amount(p.getAmount()), p.hasRefunded() && p.getRefunded().getAmountMinor() > 0 ? amount(p.getRefunded()) : null,
                p.getDeclineReason().getNumber() == 0 ? null : p.getDeclineReason().name().substring("DECLINE_REASON_".length()),
                orNull(p.hasCreatedAt(), p.getCreatedAt()), orNull(p.hasUpdatedAt(), p.getUpdatedAt()));
    }

    public static Position toPosition(Telemetry reading, Address destination) {
        return new Position(reading.getLatitude(), reading.getLongitude(), orNull(reading.hasDeviceTime(), reading.getDeviceTime()),
                Math.round(distanceMeters(reading.getLatitude(), reading.getLongitude(), destination.latitude(), destination.longitude())));
    }

    public static PlaceOrderRequest toRest(PlaceOrderInput input) {
        return new PlaceOrderRequest(input.items(), input.currency(), input.deliveryAddress(), input.paymentToken(), input.maxCargoTemperatureC());
    }

    private static Amount amount(dev.dispatch.proto.common.v1.Money money) {
        return new Amount(money.getAmountMinor(), money.getCurrency());
    }

    /** Great-circle distance (haversine): plenty for "how far is the courier". */
    static double distanceMeters(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_METERS * Math.asin(Math.sqrt(a));
    }
}
