package dev.dispatch.notification.support;

import java.util.concurrent.TimeUnit;

import dev.dispatch.testsupport.broker.ArtemisTestResource;
import dev.dispatch.testsupport.broker.TestBroker;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpSender;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * Publishes to the real broker over AMQP 1.0 with a plain Vert.x AMQP client, as order-service's relay does:
 * durable, the whole CloudEvent as a data section of content type application/cloudevents+json, message-id = event
 * id, subject = event type, group-id = the event's subject. Each send waits until the broker accepted it.
 */
public final class Broker implements AutoCloseable {

    public static final String CLOUDEVENTS_JSON = "application/cloudevents+json; charset=UTF-8";

    private final AmqpClient client;
    private final AmqpConnection connection;
    private final java.util.Map<String, AmqpSender> senders = new java.util.HashMap<>();

    private Broker(Vertx vertx) throws Exception {
        TestBroker broker = ArtemisTestResource.broker();
        client = AmqpClient.create(vertx, new AmqpClientOptions()
                .setHost(broker.host()).setPort(broker.amqpPort())
                .setUsername(broker.user()).setPassword(broker.password()));
        connection = await(client.connect().toCompletionStage().toCompletableFuture());
    }

    public static Broker connect(Vertx vertx) throws Exception {
        return new Broker(vertx);
    }

    /** Sends the event like order-service, with the broker's duplicate-detection id (a re-send is dropped by Artemis). */
    public void publish(String address, JsonObject event) throws Exception {
        send(address, message(event).applicationProperties(new JsonObject().put("_AMQ_DUPL_ID", event.getString("id"))).build());
    }

    /** Sends the event without a duplicate-detection id, as a redelivery or a replay from elsewhere would arrive. */
    public void publishAgain(String address, JsonObject event) throws Exception {
        send(address, message(event).build());
    }

    /** Sends an arbitrary body as a data section, e.g. a poison message. */
    public void publishRaw(String address, byte[] body, String contentType) throws Exception {
        send(address, AmqpMessage.create().durable(true).contentType(contentType).withBufferAsBody(Buffer.buffer(body)).build());
    }

    /** Sends a message whose body is an AMQP string value rather than a data section. */
    public void publishValue(String address, String value) throws Exception {
        send(address, AmqpMessage.create().durable(true).withBody(value).build());
    }

    private static io.vertx.amqp.AmqpMessageBuilder message(JsonObject event) {
        return AmqpMessage.create()
                .durable(true)
                .id(event.getString("id"))
                .subject(event.getString("type"))
                .groupId(event.getString("subject"))
                .contentType(CLOUDEVENTS_JSON)
                .withBufferAsBody(event.toBuffer());
    }

    private void send(String address, AmqpMessage message) throws Exception {
        AmqpSender sender = senders.get(address);
        if (sender == null) {
            sender = await(connection.createSender(address).toCompletionStage().toCompletableFuture());
            senders.put(address, sender);
        }
        await(sender.sendWithAck(message).toCompletionStage().toCompletableFuture());
    }

    @Override
    public void close() throws Exception {
        await(connection.close().toCompletionStage().toCompletableFuture());
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        return future.get(15, TimeUnit.SECONDS);
    }
}
