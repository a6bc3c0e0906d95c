package dev.dispatch.iot.model;

import java.time.Instant;

/**
 * What a device message decides, in domain terms: the use case turns each into the event it announces (progress,
 * completion, alerts), written in the transaction that stores the message.
 */
public sealed interface Decision {

    /** The bound order's courier moved: where it is, and how far from the destination. */
    record Progress(Binding binding, Reading reading, double distanceMeters) implements Decision {
    }

    /** The cargo has been too warm for more readings in a row than tolerated. */
    record TemperatureAlert(Binding binding, Reading reading, int consecutiveReadings) implements Decision {
    }

    /** The battery went low; binding is null for a device that delivers nothing. */
    record BatteryAlert(Binding binding, Reading reading, double thresholdPercent) implements Decision {
    }

    /** A bound device went offline; lastSeenAt may be null. */
    record OfflineAlert(Binding binding, String deviceId, Instant lastSeenAt) implements Decision {
    }
}
