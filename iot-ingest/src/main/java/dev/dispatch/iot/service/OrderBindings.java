package dev.dispatch.iot.service;

import java.time.Instant;
import java.util.List;

import org.jboss.logging.Logger;

import dev.dispatch.iot.model.Binding;
import dev.dispatch.iot.model.DeviceState;
import dev.dispatch.iot.model.OrderEvent;
import dev.dispatch.iot.model.PresenceChanged;
import dev.dispatch.iot.outbox.EventRelay;
import dev.dispatch.iot.outbox.OutgoingEvents;
import dev.dispatch.iot.repository.BindingRepository;
import dev.dispatch.iot.repository.DeviceRepository;
import dev.dispatch.platform.outbox.OutboxStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Order events as they concern devices. Dispatched binds the device to the order (idempotently by the event's
 * source and id) and tells the device with an {@code assign-order} command; delivered or cancelled ends a binding
 * still active. Every other type is none of iot-ingest's business. A binding that starts or ends changes the
 * courier's presence (available, away): the change is written to the outbox in the binding's transaction. That
 * transaction locks the device's row before it changes a binding, as ingest batches do before they read one: every
 * replica's next batch for the device sees the change (bindings are read from the database, never from memory).
 */
@ApplicationScoped
public class OrderBindings {

    private static final Logger LOG = Logger.getLogger(OrderBindings.class);

    private final BindingRepository repository;
    private final DeviceRepository devices;
    private final DeviceCommands commands;
    private final EventRelay relay;

    OrderBindings(BindingRepository repository, DeviceRepository devices, DeviceCommands commands, EventRelay relay) {
        this.repository = repository;
        this.devices = devices;
        this.commands = commands;
        this.relay = relay;
    }

    public Uni<Void> take(OrderEvent event) {
        return switch (event.type()) {
            case OrderEvent.DISPATCHED -> dispatched(event);
            case OrderEvent.DELIVERED -> ended(event, "order-delivered");
            case OrderEvent.CANCELLED -> ended(event, "cancelled");
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> dispatched(OrderEvent event) {
        Binding binding = new Binding(event.orderId(), event.deviceId(), event.customerId(), event.latitude(), event.longitude(),
                event.maxCargoTemperatureC());
        // The device row first: ingest batches lock it too, so none decides with a binding changing under it.
        return repository.pool().withTransaction(tx -> repository.firstSeen(tx, event.source(), event.id())
                        .flatMap(first -> !first ? Uni.createFrom().<PresenceChanged>nullItem()
                                : devices.lock(tx, List.of(binding.deviceId())).flatMap(locked -> repository.bind(tx, binding)
                                        .flatMap(ignored -> repository.active(tx, event.orderId()))
                                        .flatMap(active -> active == null ? Uni.createFrom().<PresenceChanged>nullItem()
                                                : presence(tx, locked.get(active.deviceId()), active)))))
                // A redelivery (e.g. the command could not be sent) goes on from here: the binding as stored decides.
                .flatMap(presence -> repository.active(event.orderId()).map(active -> {
                    announced(presence);
                    return active;
                }))
                .flatMap(active -> {
                    if (active == null) {
                        LOG.infof("order %s is dispatched to %s but no longer active; nothing to bind", event.orderId(), event.deviceId());
                        return Uni.createFrom().voidItem();
                    }
                    return commands.assignOrder(active, "order-event:" + event.id()).invoke(command -> LOG.infof(
                            "order %s bound to device %s; assign-order %s sent", active.orderId(), active.deviceId(), command.commandId()))
                            .replaceWithVoid();
                });
    }

    private Uni<Void> ended(OrderEvent event, String reason) {
        return repository.pool().withTransaction(tx -> repository.boundDevice(tx, event.orderId())
                        .flatMap(bound -> bound == null ? Uni.createFrom().<Ended>nullItem()
                                : devices.lock(tx, List.of(bound)).flatMap(locked -> repository.end(tx, event.orderId(), reason)
                                        .flatMap(deviceId -> deviceId == null ? Uni.createFrom().<Ended>nullItem()
                                                // A device delivers one order at a time: once this one ends, it has none.
                                                : presence(tx, locked.get(deviceId), null).map(presence -> new Ended(deviceId, presence))))))
                .invoke(ended -> {
                    if (ended != null) {
                        announced(ended.presence());
                        LOG.infof("binding of order %s to device %s ended (%s)", event.orderId(), ended.deviceId(), reason);
                    }
                })
                .replaceWithVoid();
    }

    private record Ended(String deviceId, PresenceChanged presence) {
    }

    // The courier's presence with this binding (or none), from the device's locked row: written to the outbox, and
    // remembered as announced in that row, if it changed; null when it did not (or the device is not registered).
    private Uni<PresenceChanged> presence(SqlClient tx, DeviceState device, Binding binding) {
        PresenceChanged change = device == null ? null : device.presenceChange(binding, Instant.now());
        if (change == null) {
            return Uni.createFrom().nullItem();
        }
        device.announced(change);
        return OutboxStore.insert(tx, OutgoingEvents.of(change)).call(() -> devices.saveEpisodes(tx, List.of(device))).replaceWith(change);
    }

    private void announced(PresenceChanged change) {
        if (change != null) {
            relay.trigger();
        }
    }
}
