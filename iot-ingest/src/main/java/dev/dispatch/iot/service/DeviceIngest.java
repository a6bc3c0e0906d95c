package dev.dispatch.iot.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import dev.dispatch.iot.config.IngestConfig;
import dev.dispatch.iot.mapping.OutgoingEvents;
import dev.dispatch.iot.repository.BindingRepository;
import dev.dispatch.iot.repository.IngestWriter;
import dev.dispatch.iot.repository.NewEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What an accepted device message means: registration and presence, readings, device events; and what it
 * decides — delivery progress (throttled per order), delivery completion, alerts once per episode. Decisions are
 * made here, in arrival order, from the in-memory state; their writes go through the {@link IngestBatcher}, and the
 * message is acknowledged to the broker only once they are committed.
 */
@ApplicationScoped
public class DeviceIngest {

    private static final Logger LOG = Logger.getLogger(DeviceIngest.class);

    private final DeviceRegistry registry;
    private final IngestBatcher batcher;
    private final TelemetryFeed feed;
    private final BindingRepository bindings;
    private final DeviceCommands commands;
    private final IngestConfig config;

    DeviceIngest(DeviceRegistry registry, IngestBatcher batcher, TelemetryFeed feed, BindingRepository bindings, DeviceCommands commands,
            IngestConfig config) {
        this.registry = registry;
        this.batcher = batcher;
        this.feed = feed;
        this.bindings = bindings;
        this.commands = commands;
        this.config = config;
    }

    public void status(String deviceId, DeviceStatus status, Instant now, Runnable ack) {
        DeviceState device = status == DeviceStatus.ONLINE ? registry.register(deviceId, now) : registered(deviceId);
        Binding binding = registry.binding(deviceId);
        List<NewEvent> events = new ArrayList<>();
        boolean cameOnline;
        synchronized (device) {
            cameOnline = status == DeviceStatus.ONLINE && device.status != DeviceStatus.ONLINE;
            if (status == DeviceStatus.OFFLINE && !device.offlineAlerted) {
                device.offlineAlerted = true;
                if (binding != null) {
                    events.add(OutgoingEvents.offline(binding, deviceId, device.lastSeenAt));
                }
            } else if (status == DeviceStatus.ONLINE) {
                device.offlineAlerted = false;
            }
            device.status = status;
            if (status == DeviceStatus.ONLINE) {
                device.lastSeenAt = now;
            }
        }
        IngestWriter.Presence presence = new IngestWriter.Presence(deviceId, status, device.registeredAt,
                status == DeviceStatus.ONLINE ? now : null);
        batcher.offer(new IngestEntry(presence, null, events, null, ack, () -> {
        }));
        if (cameOnline && binding != null) {
            // The device may have missed its assignment while it was away (QoS 1 reaches only a session that exists).
            commands.assignOrder(binding, "assign-order:" + binding.orderId()).subscribe().with(ignored -> {
            }, failure -> LOG.warnf("assign-order for order %s to device %s not sent: %s", binding.orderId(), deviceId, failure.toString()));
        }
    }

    public void telemetry(Reading reading, Runnable ack) {
        DeviceState device = registered(reading.deviceId());
        Binding binding = registry.binding(reading.deviceId());
        List<NewEvent> events = new ArrayList<>();
        synchronized (device) {
            // A reading older than one already decided on (a redelivery, or out of order) is stored but decides nothing.
            if (device.newestDecided == null || reading.deviceTime().isAfter(device.newestDecided)) {
                device.newestDecided = reading.deviceTime();
                decide(device, binding, reading, events);
            }
        }
        batcher.offer(new IngestEntry(null, reading, events, null, ack, () -> {
            device.committed(reading);
            feed.publish(reading);
        }));
    }

    private void decide(DeviceState device, Binding binding, Reading reading, List<NewEvent> events) {
        IngestConfig.Alerts alerts = config.alerts();
        if (binding != null) {
            if (!binding.orderId().equals(device.progressOrder)) {
                device.progressOrder = binding.orderId();
                device.lastProgressAt = null;
                device.temperatureAbove = 0;
                device.temperatureAlerted = false;
            }
            if (device.lastProgressAt == null || !reading.receivedAt().isBefore(device.lastProgressAt.plus(config.progress().every()))) {
                device.lastProgressAt = reading.receivedAt();
                events.add(OutgoingEvents.progress(binding, reading, Geo.haversineMeters(reading.latitude(), reading.longitude(),
                        binding.destinationLatitude(), binding.destinationLongitude())));
            }
            Double limit = binding.maxCargoTemperatureC();
            if (limit != null && reading.cargoTemperatureC() > limit) {
                device.temperatureAbove++;
                if (device.temperatureAbove > alerts.temperatureToleratedReadings() && !device.temperatureAlerted) {
                    device.temperatureAlerted = true;
                    events.add(OutgoingEvents.temperature(binding, reading, device.temperatureAbove));
                }
            } else {
                device.temperatureAbove = 0;
                device.temperatureAlerted = false;
            }
        }
        if (reading.batteryPercent() < alerts.batteryLowPercent()) {
            if (!device.batteryAlerted) {
                device.batteryAlerted = true;
                events.add(OutgoingEvents.battery(binding, reading, alerts.batteryLowPercent()));
            }
        } else if (reading.batteryPercent() > alerts.batteryLowPercent() + alerts.batteryHysteresisPercent()) {
            device.batteryAlerted = false;
        }
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
            batcher.offer(new IngestEntry(null, null, List.of(), delivery, ack, () -> {
            }));
            return Uni.createFrom().voidItem();
        }
        if (device.deliveredAlready(event.eventId())) {
            LOG.debugf("device %s re-sent delivered event %s; already processed", event.deviceId(), event.eventId());
            ack.run();
            return Uni.createFrom().voidItem();
        }
        return bindings.seen(IngestWriter.deliveryKey(event)).map(seen -> {
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
}
