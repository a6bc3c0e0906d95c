package dev.dispatch.order.outbox;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The data of every order event: the order as it is after the change. Bump {@link #SCHEMA_VERSION}
 * (and add a schema file to contracts/events) for any change that is not a new optional field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderEventData(
        int schemaVersion,
        String orderId,
        String customerId,
        String status,
        String statusReason,
        long version,
        List<Item> items,
        Money total,
        Address deliveryAddress,
        Double maxCargoTemperatureC,
        Payment payment,
        String deviceId,
        String createdAt,
        String updatedAt) {

    public static final int SCHEMA_VERSION = 1;

    public record Item(String sku, String name, int quantity, long unitPriceMinor) {
    }

    public record Money(long amountMinor, String currency) {
    }

    public record Address(String street, String city, String postalCode, String country, double latitude, double longitude) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Payment(String paymentId, String status, String reason) {
    }
}
