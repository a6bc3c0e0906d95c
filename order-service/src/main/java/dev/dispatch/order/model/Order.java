package dev.dispatch.order.model;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An order as stored. The payment token never leaves the service (not in responses, not in events). */
public record Order(
        UUID id,
        String customerId,
        OrderStatus status,
        String statusReason,
        List<OrderLine> items,
        String currency,
        long totalMinor,
        DeliveryAddress address,
        Double maxCargoTemperatureC,
        String paymentToken,
        PaymentState payment,
        String deviceId,
        String cancelReason,
        long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public Order withStatus(OrderStatus newStatus, String reason) {
        return new Order(id, customerId, newStatus, reason, items, currency, totalMinor, address, maxCargoTemperatureC,
                paymentToken, payment, deviceId, cancelReason, version, createdAt, updatedAt);
    }

    public Order withPayment(PaymentState newPayment) {
        return new Order(id, customerId, status, statusReason, items, currency, totalMinor, address, maxCargoTemperatureC,
                paymentToken, newPayment, deviceId, cancelReason, version, createdAt, updatedAt);
    }

    public Order withDevice(String newDeviceId) {
        return new Order(id, customerId, status, statusReason, items, currency, totalMinor, address, maxCargoTemperatureC,
                paymentToken, payment, newDeviceId, cancelReason, version, createdAt, updatedAt);
    }

    public Order withCancelReason(String reason) {
        return new Order(id, customerId, status, statusReason, items, currency, totalMinor, address, maxCargoTemperatureC,
                paymentToken, payment, deviceId, reason, version, createdAt, updatedAt);
    }
}
