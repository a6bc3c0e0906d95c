package dev.dispatch.iot.model;

import java.util.UUID;

/**
 * What iot-ingest reads of an order event: its CloudEvents identity (source and id), type and order; the dispatch
 * fields are set for dispatch.order.dispatched only.
 */
public record OrderEvent(String id, String source, String type, UUID orderId, String customerId, String deviceId, Double latitude, Double longitude,
        Double maxCargoTemperatureC) {

    public static final String DISPATCHED = "dispatch.order.dispatched";
    public static final String DELIVERED = "dispatch.order.delivered";
    public static final String CANCELLED = "dispatch.order.cancelled";
}
