package dev.dispatch.iot.service;

import org.jboss.logging.Logger;

import dev.dispatch.iot.model.Binding;
import dev.dispatch.iot.model.OrderEvent;
import dev.dispatch.iot.repository.BindingRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Order events as they concern devices. Dispatched binds the device to the order (idempotently by the event's
 * source and id) and tells the device with an {@code assign-order} command; delivered or cancelled ends a binding
 * still active. Every other type is none of iot-ingest's business.
 */
@ApplicationScoped
public class OrderBindings {

    private static final Logger LOG = Logger.getLogger(OrderBindings.class);

    private final BindingRepository repository;
    private final DeviceRegistry registry;
    private final DeviceCommands commands;

    OrderBindings(BindingRepository repository, DeviceRegistry registry, DeviceCommands commands) {
        this.repository = repository;
        this.registry = registry;
        this.commands = commands;
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
                        .call(first -> first ? repository.bind(tx, binding) : Uni.createFrom().voidItem()))
                // A redelivery (e.g. the command could not be sent) goes on from here: the binding as stored decides.
                .flatMap(first -> repository.active(event.orderId()))
                .flatMap(active -> {
                    if (active == null) {
                        LOG.infof("order %s is dispatched to %s but no longer active; nothing to bind", event.orderId(), event.deviceId());
                        return Uni.createFrom().voidItem();
                    }
                    Binding previous = registry.binding(active.deviceId());
                    registry.bind(active);
                    if (previous != null && !previous.orderId().equals(active.orderId())) {
                        LOG.warnf("device %s was still bound to order %s; now delivering order %s", active.deviceId(), previous.orderId(),
                                active.orderId());
                    }
                    return commands.assignOrder(active, "order-event:" + event.id()).invoke(command -> LOG.infof(
                            "order %s bound to device %s; assign-order %s sent", active.orderId(), active.deviceId(), command.commandId()))
                            .replaceWithVoid();
                });
    }

    private Uni<Void> ended(OrderEvent event, String reason) {
        return repository.pool().withTransaction(tx -> repository.end(tx, event.orderId(), reason))
                .invoke(deviceId -> {
                    if (deviceId != null) {
                        registry.unbind(deviceId, event.orderId());
                        LOG.infof("binding of order %s to device %s ended (%s)", event.orderId(), deviceId, reason);
                    }
                })
                .replaceWithVoid();
    }
}
