package dev.dispatch.notification.service;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import dev.dispatch.notification.model.Party;
import dev.dispatch.notification.model.RateWindow;
import io.smallrye.mutiny.Uni;

/**
 * One open signalling connection on this replica: who it is, its messages in (one at a time, in the order sent, within
 * the rate) and out (one write at a time, in the order the signals were committed, at most {@link #OUTGOING_BOUND}
 * waiting).
 */
public final class CallPeer {

    /** How the connection is written to and closed (the protocol adapter's side). */
    public interface Sink {
        Uni<Void> send(String text);

        /** It does not read what it is sent: close it. */
        void overflowed();
    }

    static final int OUTGOING_BOUND = 256;

    private final String connectionId;
    private final Party party;
    private final Sink sink;
    private final RateWindow rate;
    private final ArrayDeque<String> outgoing = new ArrayDeque<>(); // guarded by this
    private boolean writing; // guarded by this
    private boolean closed; // guarded by this
    private CompletableFuture<Void> lastIn = CompletableFuture.completedFuture(null); // guarded by this

    CallPeer(String connectionId, Party party, Sink sink, RateWindow rate) {
        this.connectionId = connectionId;
        this.party = party;
        this.sink = sink;
        this.rate = rate;
    }

    public String connectionId() {
        return connectionId;
    }

    public Party party() {
        return party;
    }

    /** Whether one more message is within this connection's rate (it counts if so). */
    boolean withinRate(long nowMillis) {
        return rate.tryAcquire(nowMillis);
    }

    /** Runs {@code work} after the work of every earlier message of this connection has finished. */
    Uni<Void> inTurn(Supplier<Uni<Void>> work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> previous;
        synchronized (this) {
            previous = lastIn;
            lastIn = done;
        }
        previous.whenComplete((ignored, alsoIgnored) -> work.get().subscribe()
                .with(ok -> done.complete(null), failure -> done.complete(null)));
        return Uni.createFrom().completionStage(done);
    }

    /** Queues a message; written after those queued before. */
    public void send(String text) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (outgoing.size() >= OUTGOING_BOUND) {
                closed = true;
                outgoing.clear();
            } else {
                outgoing.add(text);
                if (writing) {
                    return;
                }
                writing = true;
            }
        }
        if (isClosed()) {
            sink.overflowed();
            return;
        }
        writeNext();
    }

    void closed() {
        synchronized (this) {
            closed = true;
            outgoing.clear();
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private void writeNext() {
        String next;
        synchronized (this) {
            next = outgoing.poll();
            if (next == null) {
                writing = false;
                return;
            }
        }
        // A failed write means the connection is going; its close ends its calls.
        sink.send(next).subscribe().with(ok -> writeNext(), failure -> writeNext());
    }
}
