package dev.dispatch.iot.service;

import java.time.Instant;
import java.util.function.Consumer;

import dev.dispatch.iot.model.DeviceEvent;
import dev.dispatch.iot.model.DeviceStatus;
import dev.dispatch.iot.model.Reading;
import dev.dispatch.iot.model.Rejected;
import dev.dispatch.platform.cloudevents.TraceContext;

/**
 * One parsed device message on its way to the database: a status (with when it was heard), a reading or a device
 * event, exactly one of them. What it means is decided in the batch's transaction, with the device's row locked;
 * once that committed, {@code accepted} runs (the adapter acknowledges it to the broker), or {@code rejected} with the
 * reason (an unregistered device, a delivery for an order it is not bound to). trace: the span its outbox events
 * belong to (a device event's), or null.
 */
record IngestEntry(String deviceId, DeviceStatus status, Instant at, Reading reading, DeviceEvent event, TraceContext trace, Runnable accepted,
        Consumer<Rejected> rejected) {

    static IngestEntry status(String deviceId, DeviceStatus status, Instant at, Runnable accepted, Consumer<Rejected> rejected) {
        return new IngestEntry(deviceId, status, at, null, null, null, accepted, rejected);
    }

    static IngestEntry reading(Reading reading, Runnable accepted, Consumer<Rejected> rejected) {
        return new IngestEntry(reading.deviceId(), null, reading.receivedAt(), reading, null, null, accepted, rejected);
    }

    static IngestEntry event(DeviceEvent event, Instant at, TraceContext trace, Runnable accepted, Consumer<Rejected> rejected) {
        return new IngestEntry(event.deviceId(), null, at, null, event, trace, accepted, rejected);
    }
}
