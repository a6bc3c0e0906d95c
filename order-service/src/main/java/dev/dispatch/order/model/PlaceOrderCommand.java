package dev.dispatch.order.model;

import java.util.List;

/** A PlaceOrder request as the order rules see it; address may be null when the request had none. */
public record PlaceOrderCommand(
        Caller caller,
        String idempotencyKey,
        List<OrderLine> items,
        String currency,
        DeliveryAddress address,
        String paymentToken,
        Double maxCargoTemperatureC) {

    public long totalMinor() {
        return items.stream().mapToLong(OrderLine::totalMinor).sum();
    }
}
