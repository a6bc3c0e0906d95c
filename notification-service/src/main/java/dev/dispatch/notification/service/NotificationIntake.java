package dev.dispatch.notification.service;

import java.util.function.BiFunction;

import dev.dispatch.notification.model.EventStream;
import dev.dispatch.notification.repository.NotificationRepository;
import dev.dispatch.platform.cloudevents.InvalidEvent;
import dev.dispatch.platform.cloudevents.ReceivedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Takes an event in: parses it, makes it a notification and stores it once. Stored is handed over: the live
 * feed of every replica pushes it from the database, so the message may be acknowledged then.
 */
@ApplicationScoped
public class NotificationIntake {

    public enum Outcome { STORED, DUPLICATE }

    private final NotificationRepository repository;
    private final ChatOutbox chat;
    private final OrderPartiesIntake parties;
    private final MeterRegistry metrics;

    public NotificationIntake(NotificationRepository repository, ChatOutbox chat, OrderPartiesIntake parties, MeterRegistry metrics) {
        this.repository = repository;
        this.chat = chat;
        this.parties = parties;
        this.metrics = metrics;
    }

    private static BiFunction<SqlClient, String, Uni<Void>> both(BiFunction<SqlClient, String, Uni<Void>> first,
            BiFunction<SqlClient, String, Uni<Void>> then) {
        return (tx, customerId) -> first.apply(tx, customerId).chain(() -> then.apply(tx, customerId));
    }

    /**
     * Fails with {@link InvalidEvent} for a body that is not a CloudEvent or not from the address's producer (a forged
     * {@code dispatch.order.paid} from anyone but order-service is never shown), with others if storing failed.
     */
    public Uni<Outcome> take(EventStream stream, byte[] body) {
        return Uni.createFrom().item(() -> ReceivedEvent.parse(body, stream.producer()))
                // What the chat bot must do about the event, and who may call whom about its order, are stored in the
                // same transaction (ChatOutbox, OrderPartiesIntake). A short database hiccup is retried by the store.
                .chain(event -> {
                    ChatOutbox.Plan chatWork = chat.plan(stream, event);
                    return repository.store(EventMapper.toNotification(stream, event), both(parties.plan(stream, event), chatWork))
                            // Only work in the outbox needs the relay now (a round is a transaction); the rest of the
                            // relay's rounds come from its timer.
                            .invoke(seq -> {
                                if (seq.isPresent() && chatWork.addedWork()) {
                                    chat.wake();
                                }
                            });
                })
                .map(seq -> seq.isPresent() ? Outcome.STORED : Outcome.DUPLICATE)
                .invoke(outcome -> metrics.counter("notifications.events", "address", stream.address(),
                        "outcome", outcome.name().toLowerCase()).increment())
                .onFailure().invoke(failure -> metrics.counter("notifications.events", "address", stream.address(),
                        "outcome", failure instanceof InvalidEvent ? "invalid" : "failed").increment());
    }
}
