package dev.dispatch.simulator.device;

import dev.dispatch.simulator.contract.CommandAck;

/**
 * What a command did to the device, and the answer to publish.
 *
 * @param type the command's type, or null when it was malformed
 * @param effect what the device's connection must do besides publishing the ack
 * @param duplicate the command id was seen before: the first answer is repeated, nothing runs again
 * @param assignment what an {@code assign-order} did, or null for any other command
 */
public record CommandOutcome(String type, CommandAck ack, Effect effect, boolean duplicate, AssignResult assignment) {

    public enum Effect {
        NONE,
        /** Publish the retained status again, before the ack ({@code ping}). */
        REPUBLISH_STATUS,
        /** Reschedule telemetry at the device's new report interval. */
        REPORT_INTERVAL_CHANGED,
        /** The device drives to a new destination. */
        ORDER_ASSIGNED
    }
}
