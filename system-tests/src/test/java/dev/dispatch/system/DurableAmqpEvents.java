package dev.dispatch.system;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpReceiver;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * An independent AMQP 1.0 consumer of an event address that outlives broker crashes: a durable subscription of its
 * own (container id + link name, so the broker keeps its queue in the journal and fills it while nobody is attached),
 * attached again whenever the connection is lost. {@link AmqpEvents} does neither: it never reconnects, and its
 * auto-created queue is one the broker may delete while no consumer is attached.
 * What the broker delivers twice (an ack lost in a crash) is kept twice: at least once is what it promises.
 */
final class DurableAmqpEvents implements AutoCloseable {

    private static final long RECONNECT_CHECK_MS = 300;

    private final Vertx vertx = Vertx.vertx();
    private final List<JsonObject> received = new CopyOnWriteArrayList<>();
    private final AmqpClient client;
    private final String address;
    private final AtomicBoolean connecting = new AtomicBoolean();
    private final AtomicInteger attachments = new AtomicInteger();
    private final long watchdog;
    private volatile AmqpConnection connection;
    private volatile AmqpReceiver receiver;
    private volatile Context context;
    private volatile boolean closed;

    DurableAmqpEvents(DispatchSystem system, String address) throws Exception {
        this.address = address;
        client = AmqpClient.create(vertx, new AmqpClientOptions()
                .setHost(system.brokerHost()).setPort(system.amqpPort())
                .setUsername(system.brokerUser()).setPassword(system.brokerPassword())
                .setContainerId("systest-" + UUID.randomUUID()));
        connecting.set(true);
        attach().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        watchdog = vertx.setPeriodic(RECONNECT_CHECK_MS, tick -> reattachIfLost());
    }

    /** Every event received so far, in arrival order (duplicates included). */
    List<JsonObject> received() {
        return List.copyOf(received);
    }

    /** How often the subscription was attached (1 + the reconnects after the broker went away). */
    int attachments() {
        return attachments.get();
    }

    private void reattachIfLost() {
        AmqpConnection current = connection;
        if (!closed && (current == null || current.isDisconnected()) && connecting.compareAndSet(false, true)) {
            attach();
        }
    }

    private Future<Void> attach() {
        return client.connect()
                .compose(conn -> {
                    connection = conn;
                    return conn.createReceiver(address, new AmqpReceiverOptions()
                            .setLinkName("systest-subscription").setDurable(true).setAutoAcknowledgement(true));
                })
                .<Void>map(attached -> {
                    attached.handler(message -> received.add(AmqpEvents.json(message)));
                    receiver = attached;
                    context = Vertx.currentContext(); // the connection's: its links are handled there only
                    attachments.incrementAndGet();
                    return null;
                })
                .onComplete(done -> {
                    AmqpConnection failed = connection;
                    if (done.failed() && failed != null) {
                        connection = null; // the watchdog tries again on a fresh connection
                        if (!failed.isDisconnected()) {
                            failed.close();
                        }
                    }
                    connecting.set(false);
                });
    }

    /**
     * Closing the link, rather than detaching it (what {@link AmqpReceiver#close()} does with a durable one), ends the
     * subscription: the broker deletes its queue, which would otherwise collect every later event in the kept journal.
     */
    private void unsubscribe() throws Exception {
        CompletableFuture<Void> unsubscribed = new CompletableFuture<>();
        context.runOnContext(v -> receiver.unwrap().closeHandler(done -> unsubscribed.complete(null)).close());
        unsubscribed.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        closed = true;
        vertx.cancelTimer(watchdog);
        if (connection != null && !connection.isDisconnected()) {
            unsubscribe();
            connection.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
