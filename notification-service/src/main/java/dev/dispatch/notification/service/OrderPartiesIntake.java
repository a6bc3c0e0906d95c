package dev.dispatch.notification.service;

import java.util.function.BiFunction;

import dev.dispatch.notification.model.EventStream;
import dev.dispatch.notification.repository.CallRepository;
import dev.dispatch.platform.cloudevents.ReceivedEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who may call whom, learnt from order events in the transaction that stores them, whether XMPP is on or not:
 * {@code dispatched} records the order's customer and courier, {@code delivered} and {@code cancelled} end its calls.
 */
@ApplicationScoped
public class OrderPartiesIntake {

    private final CallRepository calls;

    public OrderPartiesIntake(CallRepository calls) {
        this.calls = calls;
    }

    /** The step to run in the storing transaction (given the order's customer), when the event is new. */
    public BiFunction<SqlClient, String, Uni<Void>> plan(EventStream stream, ReceivedEvent event) {
        return (tx, customerId) -> {
            if (stream != EventStream.ORDER_EVENTS) {
                return Uni.createFrom().voidItem();
            }
            String orderId = event.dataText("orderId") != null ? event.dataText("orderId") : event.subject();
            String deviceId = event.dataText("deviceId");
            if (orderId == null) {
                return Uni.createFrom().voidItem();
            }
            if (ChatOutbox.DISPATCHED.equals(event.type())) {
                return customerId == null || deviceId == null ? Uni.createFrom().voidItem()
                        : calls.dispatched(tx, orderId, customerId, deviceId);
            }
            return ChatOutbox.CLOSING.contains(event.type()) ? calls.closed(tx, orderId) : Uni.createFrom().voidItem();
        };
    }
}
