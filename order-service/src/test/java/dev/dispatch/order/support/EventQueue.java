package dev.dispatch.order.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.dispatch.testsupport.broker.ArtemisTestResource;
import dev.dispatch.testsupport.broker.TestBroker;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.core.Vertx;

/**
 * A consumer of the broker independent of the service: a plain Vert.x AMQP client reading a queue
 * of its own on the address order-events (a fully qualified queue name, which Artemis creates on
 * first use, so the queue exists before anything is published to it).
 */
public final class EventQueue implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final AmqpClient client;
    private final AmqpConnection connection;
    private final List<AmqpMessage> received = new CopyOnWriteArrayList<>();

    private EventQueue(String queue) throws Exception {
        TestBroker broker = ArtemisTestResource.broker();
        client = AmqpClient.create(vertx, new AmqpClientOptions()
                .setHost(broker.host()).setPort(broker.amqpPort())
                .setUsername(broker.user()).setPassword(broker.password()));
        connection = client.connect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        connection.createReceiver("order-events::" + queue, new AmqpReceiverOptions().setDurable(true))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .handler(received::add);
    }

    /** A new queue of its own, seeing every event published from now on. */
    public static EventQueue open() throws Exception {
        return new EventQueue("test-" + UUID.randomUUID());
    }

    /** An existing queue, e.g. one configured in broker.xml, with what it holds already. */
    public static EventQueue attach(String queue) throws Exception {
        return new EventQueue(queue);
    }

    /** The messages about one order (AMQP subject of the CloudEvent is its type, group-id its order). */
    public List<AmqpMessage> of(String orderId) {
        List<AmqpMessage> mine = new ArrayList<>();
        for (AmqpMessage message : received) {
            if (orderId.equals(message.groupId())) {
                mine.add(message);
            }
        }
        return mine;
    }

    @Override
    public void close() throws Exception {
        try {
            connection.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    public static Duration timeout() {
        return Duration.ofSeconds(15);
    }
}
