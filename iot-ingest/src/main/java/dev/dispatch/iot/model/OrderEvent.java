package dev.dispatch.iot.service;

import java.util.UUID;

/** What iot-ingest reads of an order event; the dispatch fields are set for dispatch.order.dispatched only. */
public record OrderEvent(String id, String type, UUID orderId, String customerId, String deviceId, Double latitude, Double longitude,
        Double maxCargoTemperatureC) {

    public static final String DISPATCHED = "dispatch.order.dispatched";
    public static final String DELIVERED = "dispatch.order.delivered";
    public static final String CANCELLED = "dispatch.order.cancelled";
}
