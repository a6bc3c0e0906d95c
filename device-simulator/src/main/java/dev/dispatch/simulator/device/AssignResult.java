package dev.dispatch.simulator.device;

/**
 * What an assignment did.
 *
 * @param replacedOrderId the order the device was driving to before and has now given up, or null
 */
public record AssignResult(Kind kind, String orderId, double routeMeters, String replacedOrderId) {

    public enum Kind {
        /** On its way (also when it was already on its way to this order: the route starts afresh). */
        DRIVING,
        /** This device delivered the order already; nothing changes, no second delivery. */
        ALREADY_DELIVERED
    }
}
