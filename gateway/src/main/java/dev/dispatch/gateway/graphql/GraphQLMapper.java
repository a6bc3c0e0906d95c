package dev.dispatch.gateway.graphql;

import static dev.dispatch.gateway.backend.Timestamps.emptyToNull;
import static dev.dispatch.gateway.backend.Timestamps.orNull;

import dev.dispatch.gateway.backend.DeviceMessages;
import dev.dispatch.gateway.backend.OrderMessages;
import dev.dispatch.gateway.backend.SensorMessages;
import dev.dispatch.gateway.graphql.type.Amount;
import dev.dispatch.gateway.graphql.type.CommandAccepted;
import dev.dispatch.gateway.graphql.type.Device;
import dev.dispatch.gateway.graphql.type.DeviceConnection;
import dev.dispatch.gateway.graphql.type.Order;
import dev.dispatch.gateway.graphql.type.OrderConnection;
import dev.dispatch.gateway.graphql.type.PageInfo;
import dev.dispatch.gateway.graphql.type.Payment;
import dev.dispatch.gateway.graphql.type.PaymentStatus;
import dev.dispatch.gateway.graphql.type.PlaceOrderInput;
import dev.dispatch.gateway.graphql.type.Position;
import dev.dispatch.gateway.graphql.type.ProvisionSensorInput;
import dev.dispatch.gateway.graphql.type.Reading;
import dev.dispatch.gateway.graphql.type.Sensor;
import dev.dispatch.gateway.graphql.type.SensorConfig;
import dev.dispatch.gateway.graphql.type.SensorCredentials;
import dev.dispatch.gateway.graphql.type.SensorReading;
import dev.dispatch.gateway.graphql.type.UpdateSensorConfigInput;
import dev.dispatch.gateway.model.Address;
import dev.dispatch.gateway.model.CommandType;
import dev.dispatch.gateway.model.PlaceOrderRequest;
import dev.dispatch.gateway.model.ProvisionSensorRequest;
import dev.dispatch.gateway.model.UpdateSensorConfigRequest;
import dev.dispatch.proto.common.v1.Money;
import dev.dispatch.proto.device.v1.ListDevicesResponse;
import dev.dispatch.proto.device.v1.SendCommandResponse;
import dev.dispatch.proto.device.v1.Telemetry;
import dev.dispatch.proto.order.v1.ListOrdersResponse;

/**
 * From the backends' messages straight to the GraphQL types. The values REST shows the same way (statuses, lines,
 * addresses, a sensor's configuration) are read by {@link OrderMessages}, {@link DeviceMessages} and {@link SensorMessages},
 * as REST's mappers read them.
 */
public final class GraphQLMapper {

    private static final double EARTH_RADIUS_METERS = 6_371_000;

    private GraphQLMapper() {
    }

    public static Order toGraphQL(dev.dispatch.proto.order.v1.Order o) {
        return new Order(o.getId(), o.getCustomerId(), OrderMessages.state(o.getStatus()),
                o.getItemsList().stream().map(OrderMessages::lineItem).toList(), amount(o.getTotal()),
                OrderMessages.address(o.getDeliveryAddress()), emptyToNull(o.getDeviceId()),
                o.hasMaxCargoTemperatureC() ? o.getMaxCargoTemperatureC() : null, emptyToNull(o.getStatusReason()),
                orNull(o.hasCreatedAt(), o.getCreatedAt()), orNull(o.hasUpdatedAt(), o.getUpdatedAt()), o.getVersion());
    }

    public static OrderConnection toGraphQL(ListOrdersResponse page) {
        String next = emptyToNull(page.getNextPageToken());
        return new OrderConnection(page.getOrdersList().stream().map(GraphQLMapper::toGraphQL).toList(), new PageInfo(next != null, next));
    }

    public static Device toGraphQL(dev.dispatch.proto.device.v1.Device d) {
        Reading latest = d.hasLatest() ? toGraphQL(d.getLatest()) : null;
        return new Device(d.getId(), DeviceMessages.state(d.getStatus()), latest == null ? null : latest.batteryPercent(),
                orNull(d.hasRegisteredAt(), d.getRegisteredAt()), orNull(d.hasLastSeenAt(), d.getLastSeenAt()), latest,
                emptyToNull(d.getBoundOrderId()), DeviceMessages.presence(d.getPresence()));
    }

    public static DeviceConnection toGraphQL(ListDevicesResponse page) {
        String next = emptyToNull(page.getNextPageToken());
        return new DeviceConnection(page.getDevicesList().stream().map(GraphQLMapper::toGraphQL).toList(), new PageInfo(next != null, next));
    }

    public static Reading toGraphQL(Telemetry t) {
        return new Reading(orNull(t.hasDeviceTime(), t.getDeviceTime()), orNull(t.hasReceivedAt(), t.getReceivedAt()),
                t.getLatitude(), t.getLongitude(), t.getCargoTemperatureC(), t.getBatteryPercent());
    }

    public static CommandAccepted toGraphQL(SendCommandResponse sent, CommandType type) {
        return new CommandAccepted(sent.getCommandId(), sent.getDeviceId(), type, orNull(sent.hasSentAt(), sent.getSentAt()));
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

    public static Sensor toGraphQL(dev.dispatch.proto.sensor.v1.Sensor s) {
        var c = SensorMessages.config(s);
        return new Sensor(s.getId(), emptyToNull(s.getCourierDeviceId()),
                new SensorConfig(c.getReportIntervalSeconds(), c.getMaxTemperatureC(), c.getMaxShockG(), c.getVersion()),
                s.getCredentialsActive(), orNull(s.hasProvisionedAt(), s.getProvisionedAt()), orNull(s.hasLastSeenAt(), s.getLastSeenAt()),
                s.hasLatest() ? toGraphQL(s.getLatest()) : null, emptyToNull(s.getBoundOrderId()));
    }

    public static SensorReading toGraphQL(dev.dispatch.proto.sensor.v1.SensorReading r) {
        return new SensorReading(orNull(r.hasSensorTime(), r.getSensorTime()), orNull(r.hasReceivedAt(), r.getReceivedAt()),
                r.getTemperatureC(), r.getHumidityPercent(), r.getShockG(), r.getBatteryPercent(), emptyToNull(r.getOrderId()));
    }

    public static SensorCredentials toGraphQL(dev.dispatch.proto.sensor.v1.SensorCredentials c) {
        return new SensorCredentials(toGraphQL(c.getSensor()), c.getPskIdentity(), c.getPskKey());
    }

    /** The input as the model's provisioning, to be checked by the same rules as REST's body. */
    public static ProvisionSensorRequest toModel(ProvisionSensorInput input) {
        return new ProvisionSensorRequest(input.sensorId(), input.courierDeviceId(), input.reportIntervalSeconds(), input.maxTemperatureC(),
                input.maxShockG());
    }

    /** The change without the sensor's id, as the model's change: REST's body, whose sensor is in the path. */
    public static UpdateSensorConfigRequest toModel(UpdateSensorConfigInput input) {
        return new UpdateSensorConfigRequest(input.reportIntervalSeconds(), input.maxTemperatureC(), input.maxShockG(), input.courierDeviceId());
    }

    /** The input as the model's new order, to be checked by the same rules as REST's body. */
    public static PlaceOrderRequest toModel(PlaceOrderInput input) {
        return new PlaceOrderRequest(input.items(), input.currency(), input.deliveryAddress(), input.paymentToken(), input.maxCargoTemperatureC());
    }

    private static Amount amount(Money money) {
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
