package dev.dispatch.order.outbox;

import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dispatch.order.model.ObservedChange;
import dev.dispatch.order.model.Order;
import dev.dispatch.order.repository.StoredEvent;
import dev.dispatch.platform.cloudevents.CloudEvent;
import dev.dispatch.platform.outbox.OutboxEvent;
import dev.dispatch.platform.outbox.OutboxStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The events that announce order changes: written to the outbox in the transaction of the change, published to
 * {@code order-events} by {@link OrderEventRelay}, and read back by watchers (each holds the order as it became).
 */
@ApplicationScoped
public class OrderEvents {

    private static final TypeReference<CloudEvent<OrderEventData>> EVENT = new TypeReference<>() {
    };

    private final OrderEventRelay relay;
    private final ObjectMapper json;

    OrderEvents(OrderEventRelay relay, ObjectMapper json) {
        this.relay = relay;
        this.json = json;
    }

    /** Writes the event of the change that left the order as it is; part of the caller's transaction, never on its own. */
    public Uni<Void> write(SqlClient tx, Order order) {
        CloudEvent<OrderEventData> event = OrderEventMapper.toEvent(order);
        return OutboxStore.insert(tx, new OutboxEvent(UUID.fromString(event.id()), OrderEventRelay.ADDRESS, order.id().toString(),
                order.version(), event.type(), toJson(event)));
    }

    /** After a commit that wrote events: publish them now rather than at the relay's next tick. */
    public void publishNow() {
        relay.trigger();
    }

    /** The change a stored event announced: its id, its type and the order as it became. */
    public ObservedChange read(StoredEvent event) {
        try {
            CloudEvent<OrderEventData> cloudEvent = json.readValue(event.body(), EVENT);
            return new ObservedChange(event.id(), event.type(), OrderEventMapper.fromData(cloudEvent.data()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read event " + event.id(), e);
        }
    }

    private String toJson(CloudEvent<OrderEventData> event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event.id(), e);
        }
    }
}
