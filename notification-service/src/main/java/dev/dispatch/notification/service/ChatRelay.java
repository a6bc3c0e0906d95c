package dev.dispatch.notification.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import dev.dispatch.notification.config.XmppConfig;
import dev.dispatch.notification.model.ChatRoom;
import dev.dispatch.notification.model.ChatWork;
import dev.dispatch.notification.repository.ChatRepository;
import dev.dispatch.notification.repository.ChatRepository.WorkResult;
import dev.dispatch.notification.xmpp.XmppBot;
import dev.dispatch.notification.xmpp.XmppUnavailable;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Carries the chat outbox to the XMPP server: in order, one replica at a time, each step deleted once done. While the
 * server is away the steps wait (and the bot keeps trying to connect); a step the server refuses is tried 5 times, then
 * dropped with a warning, so one bad room never blocks the others. Every time the bot has signed in (again, e.g. after
 * a Prosody restart) it re-enters every room first. The same tick re-keys accounts whose handed-out password expired.
 */
@ApplicationScoped
public class ChatRelay {

    private static final Logger LOG = Logger.getLogger(ChatRelay.class);
    static final int MAX_ATTEMPTS = 5;
    private static final int BATCH = 50;
    private static final int ROOMS_REENTERED = 1000;

    private final XmppBot bot;
    private final ChatRepository repository;
    private final ChatCredentials credentials;
    private final XmppConfig config;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean roomsEntered;
    private long timer = -1;

    public ChatRelay(XmppBot bot, ChatRepository repository, ChatCredentials credentials, XmppConfig config, Vertx vertx) {
        this.bot = bot;
        this.repository = repository;
        this.credentials = credentials;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("XMPP is off (dispatch.xmpp.enabled=false): no chat rooms, no XMPP notifications");
            return;
        }
        bot.onSignedIn(() -> {
            roomsEntered = false;
            wake();
        });
        timer = vertx.setPeriodic(config.relayInterval().toMillis(), id -> wake());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Runs a round now, or right after the one running. */
    public void wake() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        round().onTermination().invoke(() -> {
            running.set(false);
            if (again.get()) {
                wake();
            }
        }).subscribe().with(ignored -> { }, failure -> LOG.debugf("chat relay round ended: %s", failure.toString()));
    }

    private Uni<Void> round() {
        if (!bot.signedIn()) {
            return bot.connect();
        }
        Uni<Void> enter = roomsEntered ? Uni.createFrom().voidItem() : reenterRooms().invoke(() -> roomsEntered = true);
        return enter
                .chain(() -> repository.workOutbox(BATCH, this::work))
                .chain(done -> credentials.rekeyExpired())
                .replaceWithVoid();
    }

    private Uni<Void> reenterRooms() {
        return repository.allRooms(ROOMS_REENTERED).chain(rooms -> repository.operators().chain(operators -> each(rooms, room ->
                bot.openRoom(room.localpart(), members(room, operators), room.open())
                        .onFailure(f -> !(f instanceof XmppUnavailable)).invoke(f -> LOG.warnf("room %s: %s", room.localpart(), f.getMessage()))
                        .onFailure(f -> !(f instanceof XmppUnavailable)).recoverWithNull().replaceWithVoid())));
    }

    private Uni<WorkResult> work(List<ChatWork> steps) {
        List<Long> done = new ArrayList<>();
        List<Long> failed = new ArrayList<>();
        return each(steps, step -> apply(step)
                .invoke(() -> done.add(step.id()))
                .onFailure(f -> !(f instanceof XmppUnavailable)).recoverWithUni(f -> {
                    if (step.attempts() + 1 >= MAX_ATTEMPTS) {
                        LOG.warnf("chat step %s %s dropped after %d attempts: %s", step.kind(), step.target(), MAX_ATTEMPTS, f.getMessage());
                        done.add(step.id());
                    } else {
                        LOG.debugf("chat step %s %s refused: %s", step.kind(), step.target(), f.getMessage());
                        failed.add(step.id());
                    }
                    return Uni.createFrom().voidItem();
                }))
                // The server went away: what is done is done, the rest waits for the next round.
                .onFailure(XmppUnavailable.class).recoverWithNull()
                .map(ignored -> new WorkResult(done, failed));
    }

    private Uni<Void> apply(ChatWork step) {
        String room = ChatRoom.localpart(step.target());
        return switch (step.kind()) {
            case OPEN -> repository.room(step.target()).chain(found -> found.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : repository.operators().chain(operators -> bot.openRoom(room, members(found.get(), operators), true)));
            case POST -> bot.post(room, step.body());
            case CLOSE -> bot.close(room);
            case DIRECT -> bot.sendDirect(step.target(), step.body());
        };
    }

    static List<String> members(ChatRoom room, List<String> operators) {
        List<String> members = new ArrayList<>(List.of(room.customerId(), room.courierDeviceId()));
        operators.stream().filter(o -> !members.contains(o)).forEach(members::add);
        return members;
    }

    /** Runs {@code action} for each item in turn; stops at the first failure. */
    static <T> Uni<Void> each(List<T> items, java.util.function.Function<T, Uni<Void>> action) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (T item : items) {
            chain = chain.chain(() -> action.apply(item));
        }
        return chain;
    }
}
