package dev.dispatch.notification.service;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

import dev.dispatch.notification.config.XmppConfig;
import dev.dispatch.notification.model.Channel;
import dev.dispatch.notification.model.ChatWork.Kind;
import dev.dispatch.notification.model.EventStream;
import dev.dispatch.notification.model.NotificationTexts;
import dev.dispatch.notification.model.XmppAddress;
import dev.dispatch.notification.repository.ChatRepository;
import dev.dispatch.notification.repository.PreferenceRepository;
import dev.dispatch.platform.cloudevents.ReceivedEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * What the chat bot must do about an event, decided when the event is stored and written in the same transaction,
 * so nothing is lost or done twice whether the XMPP server is there or not ({@link ChatRelay} does it later):
 * <ul>
 * <li>{@code dispatch.order.dispatched}: a room for the order, with its customer and courier, and the status posted
 * (once per order: a re-sent event finds the room);</li>
 * <li>other status changes of an order with a room: the status posted; delivered or cancelled also close it;</li>
 * <li>any notification of a customer who switched the {@code xmpp} channel on: a chat message to them.</li>
 * </ul>
 * Delivery progress is not posted: the room carries status changes only.
 */
@ApplicationScoped
public class ChatOutbox {

    static final String DISPATCHED = "dispatch.order.dispatched";
    static final Set<String> CLOSING = Set.of("dispatch.order.delivered", "dispatch.order.cancelled");
    static final Set<String> STATUS_CHANGES = Set.of("dispatch.order.paid", "dispatch.order.payment-declined",
            "dispatch.order.payment-failed", DISPATCHED, "dispatch.order.delivered", "dispatch.order.cancelled");

    private final ChatRepository rooms;
    private final PreferenceRepository preferences;
    private final XmppConfig config;
    private final Instance<ChatRelay> relay;

    public ChatOutbox(ChatRepository rooms, PreferenceRepository preferences, XmppConfig config, Instance<ChatRelay> relay) {
        this.rooms = rooms;
        this.preferences = preferences;
        this.config = config;
        this.relay = relay;
    }

    /**
     * The step to run in the storing transaction (given the order's customer), when the event is new. It remembers
     * whether it gave the bot work: most events give none, and {@link #wake} after them would only cost an empty round.
     */
    public Plan plan(EventStream stream, ReceivedEvent event) {
        return new Plan(this, stream, event);
    }

    /** {@link #plan}'s step for one event. */
    public static final class Plan implements BiFunction<SqlClient, String, Uni<Void>> {

        private final ChatOutbox outbox;
        private final EventStream stream;
        private final ReceivedEvent event;
        private final AtomicBoolean addedWork = new AtomicBoolean();

        Plan(ChatOutbox outbox, EventStream stream, ReceivedEvent event) {
            this.outbox = outbox;
            this.stream = stream;
            this.event = event;
        }

        @Override
        public Uni<Void> apply(SqlClient tx, String customerId) {
            return outbox.plan(tx, stream, event, customerId, addedWork);
        }

        /** Whether a run of the step wrote work to the outbox (of a transaction that may have been retried: then maybe not). */
        public boolean addedWork() {
            return addedWork.get();
        }
    }

    private Uni<Void> plan(SqlClient tx, EventStream stream, ReceivedEvent event, String customerId, AtomicBoolean added) {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        String orderId = stream == EventStream.DEVICE_ALERTS ? event.dataText("orderId")
                : event.dataText("orderId") != null ? event.dataText("orderId") : event.subject();
        String deviceId = event.dataText("deviceId");
        String text = NotificationTexts.describe(stream, event.type(), event.data(), orderId, deviceId);
        Uni<Void> room = stream == EventStream.ORDER_EVENTS && orderId != null && STATUS_CHANGES.contains(event.type())
                ? room(tx, added, event.type(), orderId, customerId, deviceId, text)
                : Uni.createFrom().voidItem();
        return room.chain(() -> direct(tx, added, stream, event.type(), customerId, text));
    }

    /**
     * A line for the order's chat room (a call that ended), in the storing transaction; nothing if XMPP is off or the
     * order has no room.
     */
    public BiFunction<SqlClient, String, Uni<Void>> post(String orderId, String text) {
        return (tx, customerId) -> !config.enabled() ? Uni.createFrom().voidItem()
                : rooms.roomExists(tx, orderId).chain(exists -> exists
                        ? rooms.addWork(tx, Kind.POST, orderId, text)
                        : Uni.createFrom().voidItem());
    }

    /** Nudges the relay after a commit, so the room work starts now rather than at the next tick. */
    public void wake() {
        if (config.enabled()) {
            relay.get().wake();
        }
    }

    private Uni<Void> room(SqlClient tx, AtomicBoolean added, String type, String orderId, String customerId, String deviceId, String text) {
        if (DISPATCHED.equals(type)) {
            if (customerId == null || deviceId == null || !usable(customerId) || !usable(deviceId)) {
                return Uni.createFrom().voidItem(); // nobody the room could be for; the notification itself still goes out
            }
            return rooms.insertRoom(tx, orderId, customerId, deviceId)
                    .chain(isNew -> isNew
                            ? work(tx, added, Kind.OPEN, orderId, null).chain(() -> work(tx, added, Kind.POST, orderId, text))
                            : Uni.createFrom().voidItem());
        }
        return rooms.roomExists(tx, orderId).chain(exists -> {
            if (!exists) {
                return Uni.createFrom().voidItem();
            }
            Uni<Void> post = work(tx, added, Kind.POST, orderId, text);
            return CLOSING.contains(type)
                    ? post.chain(() -> rooms.closeRoom(tx, orderId))
                            .chain(closedNow -> closedNow ? work(tx, added, Kind.CLOSE, orderId, null) : Uni.createFrom().voidItem())
                    : post;
        });
    }

    private Uni<Void> direct(SqlClient tx, AtomicBoolean added, EventStream stream, String type, String customerId, String text) {
        if (customerId == null || stream.operatorsOnly() || !usable(customerId)) {
            return Uni.createFrom().voidItem();
        }
        return preferences.find(tx, customerId).chain(found -> found.isPresent() && found.get().allows(type, Channel.XMPP)
                ? work(tx, added, Kind.DIRECT, customerId, text)
                : Uni.createFrom().voidItem());
    }

    private Uni<Void> work(SqlClient tx, AtomicBoolean added, Kind kind, String target, String body) {
        return rooms.addWork(tx, kind, target, body).invoke(() -> added.set(true));
    }

    private boolean usable(String userId) {
        return XmppAddress.problem(userId, config.bot()).isEmpty();
    }
}
