package dev.dispatch.iot.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import dev.dispatch.iot.config.IngestConfig;
import dev.dispatch.iot.model.Binding;
import dev.dispatch.iot.model.Decision;
import dev.dispatch.iot.model.DeviceEvent;
import dev.dispatch.iot.model.DeviceState;
import dev.dispatch.iot.model.DeviceStatus;
import dev.dispatch.iot.model.IngestRules;
import dev.dispatch.iot.model.PresenceChange;
import dev.dispatch.iot.model.PresenceChanged;
import dev.dispatch.iot.model.Reading;
import dev.dispatch.iot.model.RejectReason;
import dev.dispatch.iot.model.Rejected;
import dev.dispatch.iot.outbox.OutgoingEvents;
import dev.dispatch.iot.repository.IngestWriter;
import dev.dispatch.platform.outbox.OutboxEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What an accepted device message means, whichever protocol brought it (the adapter parses and validates it into
 * the model): registration and presence, readings, device events; and what it decides — delivery progress
 * (throttled per order), delivery completion, alerts once per episode. Decisions are made by each device's
 * {@link DeviceState}, in arrival order, from memory; their writes go through the {@link IngestBatcher}, and
 * {@code ack} (the adapter's acknowledgement to the device or broker) runs only once they are committed.
 */
@ApplicationScoped
public class DeviceIngest {

    private static final Logger LOG = Logger.getLogger(DeviceIngest.class);
    private static final Runnable NOTHING = () -> {
    };

    private final DeviceRegistry registry;
    private final IngestBatcher batcher;
    private final TelemetryFeed feed;
    private final IngestWriter writer;
    private final DeviceCommands commands;
    private final IngestRules rules;

    DeviceIngest(DeviceRegistry registry, IngestBatcher batcher, TelemetryFeed feed, IngestWriter writer, DeviceCommands commands,
            IngestConfig config) {
        this.registry = registry;
        this.batcher = batcher;
        this.feed = feed;
        this.writer = writer;
        this.commands = commands;
        IngestConfig.Alerts alerts = config.alerts();
        this.rules = new IngestRules(config.progress().every(), alerts.temperatureToleratedReadings(), alerts.batteryLowPercent(),
                alerts.batteryHysteresisPercent());
    }

    /** A status message: registers the device by its first online, and stores its presence. */
    public void status(String deviceId, DeviceStatus status, Instant now, Runnable ack) {
        DeviceState device = status == DeviceStatus.ONLINE ? registry.register(deviceId, now) : registered(deviceId);
        Binding binding = registry.binding(deviceId);
        PresenceChange change = device.presence(status, now, binding);
        IngestWriter.Presence presence = new IngestWriter.Presence(deviceId, status, device.registeredAt(),
                status == DeviceStatus.ONLINE ? now : null);
        List<OutboxEvent> events = new ArrayList<>(events(change.decisions()));
        if (change.presence() != null) {
            events.add(OutgoingEvents.of(change.presence()));
        }
        batcher.offer(new IngestEntry(presence, null, List.copyOf(events), null, ack, NOTHING));
        if (change.cameOnline() && binding != null) {
            // The device may have missed its assignment while it was away (QoS 1 reaches only a session that exists).
            commands.assignOrder(binding, "assign-order:" + binding.orderId()).subscribe().with(ignored -> {
            }, failure -> LOG.warnf("assign-order for order %s to device %s not sent: %s", binding.orderId(), deviceId, failure.toString()));
        }
    }

    /** A reading: stored, and what it decides (progress, alerts) written with it. */
    public void telemetry(Reading reading, Runnable ack) {
        DeviceState device = registered(reading.deviceId());
        Binding binding = registry.binding(reading.deviceId());
        List<Decision> decisions = device.decide(reading, binding, rules);
        batcher.offer(new IngestEntry(null, reading, events(decisions), null, ack, () -> {
            device.committed(reading);
            feed.publish(reading);
        }));
    }

    /**
     * A device event. A delivered event for the order the device is bound to completes the delivery (once, however
     * often the device sends it); for another order it is rejected (order-not-bound) unless it is a re-send of one
     * already processed.
     */
    public Uni<Void> event(DeviceEvent event, Runnable ack) {
        DeviceState device = registered(event.deviceId());
        if (!event.type().equals(DeviceEvent.DELIVERED)) {
            LOG.infof("device %s: %s%s", event.deviceId(), event.type(), event.commandId() == null ? ""
                    : " " + event.commandId() + " " + event.outcome() + (event.detail() == null ? "" : " (" + event.detail() + ")"));
            ack.run();
            return Uni.createFrom().voidItem();
        }
        Binding binding = registry.binding(event.deviceId());
        if (binding != null && binding.orderId().equals(event.orderId()) && device.rememberDelivery(event.eventId())) {
            registry.unbind(event.deviceId(), binding.orderId());
            IngestWriter.Delivery delivery = new IngestWriter.Delivery(event, binding, OutgoingEvents.completed(binding, event));
            // Free again: written with the delivery (a batch is retried until it commits, so announce it now).
            PresenceChanged free = device.presenceChange(registry.binding(event.deviceId()), Instant.now());
            if (free != null) {
                device.announced(free);
            }
            batcher.offer(new IngestEntry(null, null, free == null ? List.of() : List.of(OutgoingEvents.of(free)), delivery, ack, NOTHING));
            return Uni.createFrom().voidItem();
        }
        if (device.deliveredAlready(event.eventId())) {
            LOG.debugf("device %s re-sent delivered event %s; already processed", event.deviceId(), event.eventId());
            ack.run();
            return Uni.createFrom().voidItem();
        }
        return writer.processed(event).map(seen -> {
            if (!seen) {
                throw new Rejected(RejectReason.ORDER_NOT_BOUND, "device " + event.deviceId() + " is not delivering order " + event.orderId());
            }
            LOG.debugf("device %s re-sent delivered event %s; already processed", event.deviceId(), event.eventId());
            ack.run();
            return null;
        });
    }

    private DeviceState registered(String deviceId) {
        DeviceState device = registry.find(deviceId);
        if (device == null) {
            throw new Rejected(RejectReason.UNREGISTERED_DEVICE, "device " + deviceId + " has not said online yet");
        }
        return device;
    }

    private static List<OutboxEvent> events(List<Decision> decisions) {
        return decisions.stream().map(OutgoingEvents::of).toList();
    }
}
