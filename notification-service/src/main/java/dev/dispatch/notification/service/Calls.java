package dev.dispatch.notification.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.dispatch.notification.config.CallsConfig;
import dev.dispatch.notification.model.Call;
import dev.dispatch.notification.model.CallSignal;
import dev.dispatch.notification.model.CallState;
import dev.dispatch.notification.model.ClientSignal;
import dev.dispatch.notification.model.EndReason;
import dev.dispatch.notification.model.OrderParties;
import dev.dispatch.notification.model.Party;
import dev.dispatch.notification.model.PartyRole;
import dev.dispatch.notification.repository.CallRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The calls' use cases: placing a call on an order (only its parties, or an operator), relaying each message to the
 * other party (only from the connections bound to the call), answering (the call binds to the answering connection,
 * the callee's other connections get {@code answered-elsewhere}), ending it (hang-up, busy, a ring that times out, a
 * connection that closes) and recording it in the order's history.
 * <p>
 * Each message is one transaction under the signal lock: the call's state is read and changed and the messages it
 * causes are stored together; every replica then delivers them to its own connections in commit order
 * ({@link CallSignalFeed}). Nothing is relayed for a message that is refused.
 */
@ApplicationScoped
public class Calls {

    private static final Logger LOG = Logger.getLogger(Calls.class);
    /** A call still open after this long lost both its connections with their replica: ended by the sweep. */
    static final Duration STALE = Duration.ofHours(12);
    static final Duration SIGNALS_KEPT = Duration.ofMinutes(5);

    private final CallRepository repository;
    private final CallConnections connections;
    private final CallMessages messages;
    private final CallHistory history;
    private final CallsConfig config;
    private final Vertx vertx;
    private long sweeper = -1;

    public Calls(CallRepository repository, CallConnections connections, CallMessages messages, CallHistory history, CallsConfig config,
            Vertx vertx) {
        this.repository = repository;
        this.connections = connections;
        this.messages = messages;
        this.history = history;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        // A ring whose replica went away (its own timer with it) still times out, at most one ring-timeout late.
        sweeper = vertx.setPeriodic(config.ringTimeout().toMillis(), id -> expireRinging());
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweeper >= 0) {
            vertx.cancelTimer(sweeper);
        }
    }

    /** A new signalling connection of {@code party}; {@code sink} writes to it. */
    public CallPeer connected(String connectionId, Party party, CallPeer.Sink sink) {
        return connections.open(connectionId, party, sink);
    }

    /**
     * A message from {@code peer}, handled after its earlier ones; a refusal is answered to it with an {@code error}.
     * Beyond the rate the message is dropped with {@code rate-limited}.
     */
    public Uni<Void> received(CallPeer peer, ClientSignal signal) {
        if (!peer.withinRate(System.currentTimeMillis())) {
            return refused(peer, new CallRefused(CallRefused.RATE_LIMITED, "More than " + CallConnections.RATE_LIMIT
                    + " messages in " + CallConnections.RATE_WINDOW_MILLIS / 1000 + " s; this one was dropped"), signal.callId());
        }
        return peer.inTurn(() -> handle(peer, signal)
                .onFailure(CallRefused.class).recoverWithUni(refused -> refused(peer, (CallRefused) refused, signal.callId()))
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("could not handle a %s message: %s", signal.type().key(), failure.toString());
                    peer.send(messages.error("unavailable", "Could not do that now; try again", signal.callId()));
                    return Uni.createFrom().voidItem();
                }));
    }

    /** A message that was not even well-formed: answered in turn, after the connection's earlier ones. */
    public Uni<Void> malformed(CallPeer peer, String message) {
        if (!peer.withinRate(System.currentTimeMillis())) {
            return refused(peer, new CallRefused(CallRefused.RATE_LIMITED, "Too many messages; this one was dropped"), null);
        }
        return peer.inTurn(() -> refused(peer, new CallRefused(CallRefused.BAD_MESSAGE, message), null));
    }

    /** The connection closed: every call bound to it ends, the other side gets {@code hangup} {@code disconnected}. */
    public Uni<Void> disconnected(CallPeer peer) {
        connections.close(peer);
        return repository.inCallTransaction(tx -> repository.endAllOf(tx, peer.connectionId(), EndReason.DISCONNECTED)
                        .call(ended -> repository.send(tx, ended.stream().flatMap(call -> toOtherSide(call, peer.party(), peer.connectionId(),
                                messages.hangup(call.callId(), EndReason.DISCONNECTED.key(), peer.party())).stream()).toList())))
                .call(this::recordAll)
                .onFailure().invoke(failure -> LOG.warnf("calls of a closed connection not ended: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Ends every call that rang longer than the ring timeout: both sides get {@code hangup} {@code timeout}. */
    public Uni<Void> expireRinging() {
        return repository.inCallTransaction(tx -> repository.expireRinging(tx, config.ringTimeout())
                        .call(expired -> repository.send(tx, expired.stream().flatMap(call -> List.of(
                                CallSignal.toConnection(call.callId(), call.caller(), call.callerConnection(),
                                        messages.hangup(call.callId(), EndReason.TIMEOUT.key(), null)),
                                CallSignal.toEvery(call.callId(), call.callee(), null, messages.hangup(call.callId(), EndReason.TIMEOUT.key(), null)))
                                .stream()).toList())))
                .call(this::recordAll)
                .onFailure().invoke(failure -> LOG.debugf("ringing calls not expired now: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Housekeeping: signals every replica has long read, and calls whose connections all went away with their replica. */
    public Uni<Integer> clean() {
        return repository.forgetSignalsBefore(SIGNALS_KEPT)
                .chain(forgotten -> repository.inCallTransaction(tx -> repository.endStale(tx, STALE))
                        .call(this::recordAll)
                        .map(stale -> forgotten + stale.size()));
    }

    private Uni<Void> handle(CallPeer peer, ClientSignal signal) {
        return switch (signal.type()) {
            case PING -> {
                peer.send(messages.pong());
                yield Uni.createFrom().voidItem();
            }
            case CALL -> place(peer, signal);
            default -> onCall(peer, signal);
        };
    }

    private Uni<Void> place(CallPeer peer, ClientSignal signal) {
        Party caller = peer.party();
        if (caller.role() == PartyRole.OPERATOR && signal.to() == null) {
            return Uni.createFrom().failure(new CallRefused(CallRefused.BAD_MESSAGE, "An operator says whom to call: 'to' customer or courier"));
        }
        return repository.inCallTransaction(tx -> repository.parties(tx, signal.orderId()).chain(found -> {
            Optional<OrderParties> parties = found.filter(OrderParties::callable);
            if (parties.isEmpty()) {
                return refuse(CallRefused.ORDER_NOT_CALLABLE, "Order " + signal.orderId()
                        + " cannot be called about: unknown, not dispatched, or delivered or cancelled");
            }
            Optional<Party> callee = parties.get().calleeFor(caller, signal.to());
            if (callee.isEmpty()) {
                return refuse(CallRefused.NOT_A_PARTY, "You cannot call " + (signal.to() == null ? "anyone" : "the " + signal.to().key())
                        + " about order " + signal.orderId());
            }
            Call call = new Call(signal.callId(), signal.orderId(), caller, peer.connectionId(), callee.get(), null, signal.media(),
                    CallState.RINGING, Instant.now(), null, null, null);
            return repository.insert(tx, call).chain(inserted -> inserted
                    ? repository.send(tx, List.of(CallSignal.toEvery(call.callId(), call.callee(), null, messages.call(call))))
                    : refuse(CallRefused.BAD_MESSAGE, "callId " + call.callId() + " is taken; make a new one"));
        })).invoke(() -> vertx.setTimer(config.ringTimeout().toMillis() + 50, id -> expireRinging().subscribe().with(ok -> { })));
    }

    private Uni<Void> onCall(CallPeer peer, ClientSignal signal) {
        Party me = peer.party();
        String connection = peer.connectionId();
        List<Call> ended = new ArrayList<>();
        return repository.inCallTransaction(tx -> repository.find(tx, signal.callId()).chain(found -> {
            if (found.isEmpty()) {
                return refuse(CallRefused.NO_SUCH_CALL, "No call " + signal.callId());
            }
            Call call = found.get();
            if (!call.caller().equals(me) && !call.callee().equals(me)) {
                return refuse(CallRefused.NOT_A_PARTY, "You are not a party of call " + signal.callId());
            }
            if (call.state() == CallState.ENDED) {
                // What a peer sends while the end is on its way to it (a second hang-up, the trickled candidates and the
                // offer that follow a call the callee declined at once) is normal, not an error: an error would race
                // the hangup and reach the page first. Only an answer or a decline comes too late to be ignored.
                return switch (signal.type()) {
                    case HANGUP, CANDIDATE, OFFER, RINGING -> Uni.createFrom().voidItem();
                    default -> refuse(CallRefused.NO_SUCH_CALL, "Call " + signal.callId() + " has ended");
                };
            }
            boolean caller = call.isCaller(me, connection);
            if (!caller && !call.isCallee(me, connection)) {
                return refuse(CallRefused.NO_SUCH_CALL, "Call " + signal.callId() + " is on another connection of yours");
            }
            return switch (signal.type()) {
                case OFFER -> caller ? relay(tx, call, signal, me, connection) : wrongSide("offer", "caller");
                case RINGING -> caller ? wrongSide("ringing", "callee")
                        : call.state() != CallState.RINGING ? refuse(CallRefused.BAD_MESSAGE, "Call " + call.callId() + " is answered")
                        : relay(tx, call, signal, me, connection);
                case CANDIDATE -> relay(tx, call, signal, me, connection);
                case ANSWER -> caller ? wrongSide("answer", "callee") : answer(tx, call, signal, me, connection);
                case BUSY -> caller ? wrongSide("busy", "callee")
                        : call.state() != CallState.RINGING ? refuse(CallRefused.BAD_MESSAGE, "Call " + call.callId() + " is answered; hang up instead")
                        : end(tx, call, EndReason.BUSY, me, connection, ended);
                case HANGUP -> end(tx, call, EndReason.HANGUP, me, connection, ended);
                default -> refuse(CallRefused.BAD_MESSAGE, "Unexpected " + signal.type().key());
            };
        })).call(() -> recordAll(ended));
    }

    private Uni<Void> relay(SqlClient tx, Call call, ClientSignal signal, Party from, String connection) {
        return repository.send(tx, toOtherSide(call, from, connection, messages.relay(signal, from)));
    }

    private Uni<Void> answer(SqlClient tx, Call call, ClientSignal signal, Party callee, String connection) {
        return repository.answer(tx, call.callId(), connection).chain(answered -> answered.isEmpty()
                ? refuse(CallRefused.NO_SUCH_CALL, "Call " + call.callId() + " was answered elsewhere")
                : repository.send(tx, List.of(
                        CallSignal.toConnection(call.callId(), call.caller(), call.callerConnection(), messages.relay(signal, callee)),
                        CallSignal.toEvery(call.callId(), callee, connection,
                                messages.hangup(call.callId(), "answered-elsewhere", callee)))));
    }

    private Uni<Void> end(SqlClient tx, Call call, EndReason reason, Party by, String connection, List<Call> ended) {
        return repository.end(tx, call.callId(), reason).chain(done -> {
            if (done.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            ended.add(done.get());
            String hangup = messages.hangup(call.callId(), reason.key(), by);
            List<CallSignal> signals = new ArrayList<>(toOtherSide(call, by, connection, hangup));
            if (!call.caller().equals(by) && call.calleeConnection() == null) {
                // The callee declined on one connection while it rang on others: those stop ringing too.
                signals.add(CallSignal.toEvery(call.callId(), call.callee(), connection, hangup));
            }
            return repository.send(tx, signals);
        });
    }

    /** To the caller's connection, or to the callee's (all of them while it rings). */
    private static List<CallSignal> toOtherSide(Call call, Party from, String connection, String body) {
        if (call.isCaller(from, connection)) {
            return List.of(call.calleeConnection() == null
                    ? CallSignal.toEvery(call.callId(), call.callee(), null, body)
                    : CallSignal.toConnection(call.callId(), call.callee(), call.calleeConnection(), body));
        }
        return List.of(CallSignal.toConnection(call.callId(), call.caller(), call.callerConnection(), body));
    }

    private Uni<Void> recordAll(List<Call> ended) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Call call : ended) {
            chain = chain.call(() -> history.record(call).onFailure().recoverWithNull());
        }
        return chain;
    }

    private static Uni<Void> wrongSide(String type, String side) {
        return refuse(CallRefused.BAD_MESSAGE, "Only the " + side + " sends '" + type + "'");
    }

    private static <T> Uni<T> refuse(String code, String message) {
        return Uni.createFrom().failure(new CallRefused(code, message));
    }

    private Uni<Void> refused(CallPeer peer, CallRefused refused, java.util.UUID callId) {
        peer.send(messages.error(refused.code(), refused.getMessage(), callId));
        return Uni.createFrom().voidItem();
    }
}
