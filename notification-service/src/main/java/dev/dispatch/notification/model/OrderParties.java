package dev.dispatch.notification.model;

import java.util.Optional;

/**
 * Who an order is between, learnt from its {@code dispatched} event: the customer and the courier's device. Calls are
 * possible while it is open (dispatched, neither delivered nor cancelled).
 */
public record OrderParties(String orderId, String customerId, String courierDeviceId, boolean open) {

    public Party customer() {
        return new Party(customerId, PartyRole.CUSTOMER);
    }

    public Party courier() {
        return new Party(courierDeviceId, PartyRole.COURIER);
    }

    public boolean callable() {
        return open && customerId != null && courierDeviceId != null;
    }

    /**
     * Whom {@code caller} reaches on this order: a customer the courier, a courier the customer, an operator the one
     * named by {@code to}. Empty when the caller is not a party of the order (or names nobody a caller of that role may).
     */
    public Optional<Party> calleeFor(Party caller, PartyRole to) {
        return switch (caller.role()) {
            case CUSTOMER -> caller.id().equals(customerId) && (to == null || to == PartyRole.COURIER) ? Optional.of(courier()) : Optional.empty();
            case COURIER -> caller.id().equals(courierDeviceId) && (to == null || to == PartyRole.CUSTOMER) ? Optional.of(customer()) : Optional.empty();
            case OPERATOR -> to == PartyRole.CUSTOMER ? Optional.of(customer()) : to == PartyRole.COURIER ? Optional.of(courier()) : Optional.empty();
        };
    }
}
