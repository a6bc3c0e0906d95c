package dev.dispatch.iot.service;

import java.time.Instant;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import dev.dispatch.iot.model.Binding;
import dev.dispatch.iot.model.DeviceEvent;
import dev.dispatch.iot.model.DeviceStatus;
import dev.dispatch.iot.model.Reading;
import dev.dispatch.iot.model.Rejected;
import dev.dispatch.platform.cloudevents.TraceContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What an accepted device message means, whichever protocol brought it (the adapter parses and validates it into
 * the model): registration and presence, readings, device events; and what it decides — delivery progress
 * (throttled per order), delivery completion, alerts once per episode. Messages go through the
 * {@link IngestBatcher}: each batch is decided in its own transaction from the devices' stored state, locked
 * ({@link IngestTransaction}), so any number of replicas decide as one would. Once committed, {@code accepted} runs
 * (the adapter's acknowledgement to the device or broker) or {@code rejected}, with the reason.
 */
@ApplicationScoped
public class DeviceIngest {

    private static final Logger LOG = Logger.getLogger(DeviceIngest.class);

    private final IngestBatcher batcher;
    private final TelemetryFeed feed;
    private final DeviceCommands commands;

    DeviceIngest(IngestBatcher batcher, TelemetryFeed feed, DeviceCommands commands) {
        this.batcher = batcher;
        this.feed = feed;
        this.commands = commands;
        batcher.afterCommit(this::committed);
    }

    /** A status message: registers the device by its first online, and stores its presence. */
    public void status(String deviceId, DeviceStatus status, Instant now, Runnable accepted, Consumer<Rejected> rejected) {
        batcher.offer(IngestEntry.status(deviceId, status, now, accepted, rejected));
    }

    /** A reading: stored, and what it decides (progress, alerts) written with it. */
    public void telemetry(Reading reading, Runnable accepted, Consumer<Rejected> rejected) {
        batcher.offer(IngestEntry.reading(reading, accepted, rejected));
    }

    /**
     * A device event; completes once its batch committed, or fails with {@link Rejected}. A delivered event for the
     * order the device is bound to completes the delivery (once, however often the device sends it); for another
     * order it is rejected (order-not-bound) unless it is a re-send of one already processed.
     */
    public Uni<Void> event(DeviceEvent event) {
        // The event's span goes with it, explicitly: the completion it may decide belongs to its trace, and the batch
        // decides on the database client's event loop, where an OpenTelemetry context made current is not seen.
        TraceContext trace = TraceContext.current();
        return Uni.createFrom().emitter(emitter -> batcher.offer(IngestEntry.event(event, Instant.now(), trace,
                () -> emitter.complete(null), emitter::fail)));
    }

    private void committed(IngestPlan.Outcome outcome) {
        IngestEntry entry = outcome.entry();
        if (outcome.rejected() != null) {
            entry.rejected().accept(outcome.rejected());
            return;
        }
        if (entry.reading() != null) {
            feed.publish(entry.reading(), outcome.binding());
        }
        DeviceEvent event = entry.event();
        if (event != null && !event.type().equals(DeviceEvent.DELIVERED)) {
            LOG.infof("device %s: %s%s", event.deviceId(), event.type(), event.commandId() == null ? ""
                    : " " + event.commandId() + " " + event.outcome() + (event.detail() == null ? "" : " (" + event.detail() + ")"));
        }
        if (outcome.assignOrder()) {
            Binding binding = outcome.binding();
            commands.assignOrder(binding, "assign-order:" + binding.orderId()).subscribe().with(ignored -> {
            }, failure -> LOG.warnf("assign-order for order %s to device %s not sent: %s", binding.orderId(), entry.deviceId(),
                    failure.toString()));
        }
        entry.accepted().run();
    }
}
