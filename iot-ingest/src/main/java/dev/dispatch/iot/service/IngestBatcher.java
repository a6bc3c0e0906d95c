package dev.dispatch.iot.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import dev.dispatch.iot.config.IngestConfig;
import dev.dispatch.iot.outbox.EventRelay;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Collects parsed device messages and commits them in batches: every {@code flush-every}, or at once when
 * {@code max-size} are waiting, one transaction per batch ({@link IngestTransaction}: it decides and writes), one
 * batch at a time so that what arrived first is committed first. Only after the commit are the messages acknowledged
 * to the broker (or rejected) and their readings sent to live watchers (WatchTelemetry, the board).
 * <p>
 * A batch whose commit fails is kept and tried again, never dropped. The buffer is bounded: when
 * {@code capacity} entries wait, the {@link Pressure} listener (the MQTT link) stops reading from the broker until half
 * of them are committed; the broker keeps the rest meanwhile.
 */
@ApplicationScoped
public class IngestBatcher {

    /** Told when the buffer is full and when it has room again. */
    public interface Pressure {
        void full();

        void drained();
    }

    private static final Logger LOG = Logger.getLogger(IngestBatcher.class);

    /** What follows a committed message (acknowledgement, rejection, live feeds, commands): {@link DeviceIngest}'s. */
    interface After {
        void run(IngestPlan.Outcome outcome);
    }

    private final IngestTransaction transaction;
    private final IngestMetrics metrics;
    private final EventRelay relay;
    private final IngestConfig config;
    private final Vertx vertx;
    private final Queue<IngestEntry> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final AtomicBoolean full = new AtomicBoolean();
    private volatile List<IngestEntry> retry;
    private volatile long retryNotBefore;
    private volatile boolean failing;
    private volatile Pressure pressure;
    private long timer = -1;

    private volatile After after = outcome -> {
    };

    IngestBatcher(IngestTransaction transaction, IngestMetrics metrics, EventRelay relay, IngestConfig config, Vertx vertx) {
        this.transaction = transaction;
        this.metrics = metrics;
        this.relay = relay;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent ignored) {
        timer = vertx.setPeriodic(config.batch().flushEvery().toMillis(), id -> flush());
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    void afterCommit(After listener) {
        this.after = listener;
    }

    public void onPressure(Pressure listener) {
        this.pressure = listener;
    }

    void offer(IngestEntry entry) {
        queue.add(entry);
        int now = waiting.incrementAndGet();
        if (now >= config.batch().capacity() && full.compareAndSet(false, true)) {
            LOG.warnf("%d device messages wait for the database; taking no more until half are stored", now);
            Pressure listener = pressure;
            if (listener != null) {
                listener.full();
            }
        }
        if (now >= config.batch().maxSize()) {
            vertx.runOnContext(v -> flush());
        }
    }

    /** How many accepted messages are not committed yet. */
    public int waiting() {
        return waiting.get();
    }

    void flush() {
        if (!flushing.compareAndSet(false, true)) {
            return;
        }
        List<IngestEntry> batch = retry;
        if (batch != null && System.currentTimeMillis() < retryNotBefore) {
            flushing.set(false);
            return;
        }
        if (batch == null) {
            batch = new ArrayList<>();
            IngestEntry entry;
            while (batch.size() < config.batch().maxSize() && (entry = queue.poll()) != null) {
                batch.add(entry);
            }
        }
        if (batch.isEmpty()) {
            flushing.set(false);
            return;
        }
        List<IngestEntry> taken = batch;
        transaction.commit(taken).subscribe().with(done -> committed(taken, done), failure -> failed(taken, failure));
    }

    private void committed(List<IngestEntry> batch, IngestTransaction.Committed committed) {
        retry = null;
        if (failing) {
            failing = false;
            LOG.infof("device messages are being stored again");
        }
        metrics.stored(committed.stored());
        for (IngestPlan.Outcome outcome : committed.plan().outcomes()) {
            try {
                after.run(outcome);
            } catch (RuntimeException e) {
                LOG.warnf("after commit of a device message: %s", e.toString());
            }
        }
        int left = waiting.addAndGet(-batch.size());
        if (committed.plan().hasEvents()) {
            relay.trigger();
        }
        if (left <= config.batch().capacity() / 2 && full.compareAndSet(true, false)) {
            LOG.infof("device messages caught up (%d waiting); taking messages again", left);
            Pressure listener = pressure;
            if (listener != null) {
                listener.drained();
            }
        }
        flushing.set(false);
        if (left >= config.batch().maxSize()) {
            vertx.runOnContext(v -> flush());
        }
    }

    private void failed(List<IngestEntry> batch, Throwable failure) {
        retry = batch;
        retryNotBefore = System.currentTimeMillis() + config.batch().retryEvery().toMillis();
        if (!failing) {
            failing = true;
            LOG.warnf("a batch of %d device messages could not be stored, retrying (none is acknowledged before it is): %s",
                    batch.size(), failure.toString());
        }
        flushing.set(false);
    }
}
