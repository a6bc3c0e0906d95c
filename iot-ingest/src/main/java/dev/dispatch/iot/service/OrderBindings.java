package dev.dispatch.iot.service;

import java.time.Instant;

import org.jboss.logging.Logger;

import dev.dispatch.iot.model.Binding;
import dev.dispatch.iot.model.DeviceState;
import dev.dispatch.iot.model.OrderEvent;
import dev.dispatch.iot.model.PresenceChanged;
import dev.dispatch.iot.outbox.EventRelay;
import dev.dispatch.iot.outbox.OutgoingEvents;
import dev.dispatch.iot.repository.BindingRepository;
import dev.dispatch.platform.outbox.OutboxStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Order events as they concern devices. Dispatched binds the device to the order (idempotently by the event's
 * source and id) and tells the device with an {@code assign-order} command; delivered or cancelled ends a binding
 * still active. Every other type is none of iot-ingest's business. A binding that starts or ends changes the
 * courier's presence (available, away): the change is written to the outbox in the binding's transaction.
 */
@ApplicationScoped
public class OrderBindings {

    private static final Logger LOG = Logger.getLogger(OrderBindings.class);

    private final BindingRepository repository;
    private final DeviceRegistry registry;
    private final DeviceCommands commands;
    private final EventRelay relay;

    OrderBindings(BindingRepository repository, DeviceRegistry registry, DeviceCommands commands, EventRelay relay) {
        this.repository = repository;
        this.registry = registry;
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
        return repository.pool().withTransaction(tx -> repository.firstSeen(tx, event.source(), event.id())
                        .flatMap(first -> !first ? Uni.createFrom().<PresenceChanged>nullItem()
                                : repository.bind(tx, binding)
                                        .flatMap(ignored -> repository.active(tx, event.orderId()))
                                        .flatMap(active -> active == null ? Uni.createFrom().<PresenceChanged>nullItem()
                                                : presence(tx, active.deviceId(), active))))
                // A redelivery (e.g. the command could not be sent) goes on from here: the binding as stored decides.
                .flatMap(presence -> repository.active(event.orderId()).map(active -> {
                    if (active != null) {
                        Binding previous = registry.binding(active.deviceId());
                        registry.bind(active);
                        if (previous != null && !previous.orderId().equals(active.orderId())) {
                            LOG.warnf("device %s was still bound to order %s; now delivering order %s", active.deviceId(),
                                    previous.orderId(), active.orderId());
                        }
                    }
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
        return repository.pool().withTransaction(tx -> repository.end(tx, event.orderId(), reason)
                        .flatMap(deviceId -> deviceId == null ? Uni.createFrom().<Ended>nullItem()
                                // A device delivers one order at a time: once this one ends, it has none.
                                : presence(tx, deviceId, null).map(presence -> new Ended(deviceId, presence))))
                .invoke(ended -> {
                    if (ended != null) {
                        registry.unbind(ended.deviceId(), event.orderId());
                        announced(ended.presence());
                        LOG.infof("binding of order %s to device %s ended (%s)", event.orderId(), ended.deviceId(), reason);
                    }
                })
                .replaceWithVoid();
    }

    private record Ended(String deviceId, PresenceChanged presence) {
    }

    // The courier's presence with this binding (or none), written to the outbox if it changed; null when it did not
    // (or the device never said online). Announced in memory only after the commit (announced).
    private Uni<PresenceChanged> presence(SqlClient tx, String deviceId, Binding binding) {
        DeviceState device = registry.find(deviceId);
        PresenceChanged change = device == null ? null : device.presenceChange(binding, Instant.now());
        return change == null ? Uni.createFrom().nullItem() : OutboxStore.insert(tx, OutgoingEvents.of(change)).replaceWith(change);
    }

    private void announced(PresenceChanged change) {
        if (change != null) {
            DeviceState device = registry.find(change.deviceId());
            if (device != null) {
                device.announced(change);
            }
            relay.trigger();
        }
    }
}
