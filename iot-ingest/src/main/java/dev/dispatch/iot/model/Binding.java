package dev.dispatch.iot.model;

import java.util.UUID;

/** The order a device is delivering, and where to; maxCargoTemperatureC is null when the order sets no limit. */
public record Binding(UUID orderId, String deviceId, String customerId, double destinationLatitude, double destinationLongitude,
        Double maxCargoTemperatureC) {
}
