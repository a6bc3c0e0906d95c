package dev.dispatch.system;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.message.Message;

import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * An independent AMQP 1.0 consumer of an event address: it attaches its own queue
 * ({@code address::systest-<uuid>}) before anything is published, so it sees every event after that,
 * exactly as the broker delivers them.
 */
final class AmqpEvents implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final List<JsonObject> received = new CopyOnWriteArrayList<>();
    private final AmqpClient client;
    private final AmqpConnection connection;

    AmqpEvents(DispatchSystem system, String address) throws Exception {
        client = AmqpClient.create(vertx, new AmqpClientOptions()
                .setHost(system.brokerHost()).setPort(system.amqpPort())
                .setUsername(system.brokerUser()).setPassword(system.brokerPassword()));
        connection = client.connect().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        String queue = address + "::systest-" + UUID.randomUUID();
        connection.createReceiver(queue, new AmqpReceiverOptions().setAutoAcknowledgement(true))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
                .handler(message -> received.add(json(message)));
    }

    /** Every event received so far, in arrival order. */
    List<JsonObject> received() {
        return List.copyOf(received);
    }

    /** The events of one subject (an order id), in arrival order. */
    List<JsonObject> about(String subject) {
        return received.stream().filter(e -> subject.equals(e.getString("subject"))).toList();
    }

    List<String> typesAbout(String subject) {
        return about(subject).stream().map(e -> e.getString("type")).toList();
    }

    static Duration timeout() {
        return Duration.ofSeconds(30);
    }

    @Override
    public void close() throws Exception {
        connection.close();
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** An event's JSON body, whether sent as data or as an AMQP string value. */
    static JsonObject json(AmqpMessage message) {
        Message proton = message.unwrap();
        Object body = proton.getBody();
        if (body instanceof Data data) {
            Binary bytes = data.getValue();
            return new JsonObject(new String(bytes.getArray(), bytes.getArrayOffset(), bytes.getLength(), StandardCharsets.UTF_8));
        }
        if (body instanceof AmqpValue value && value.getValue() instanceof String text) {
            return new JsonObject(text);
        }
        throw new IllegalStateException("not a JSON event body: " + body);
    }
}
