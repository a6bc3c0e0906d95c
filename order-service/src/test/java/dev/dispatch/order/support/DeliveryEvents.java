package dev.dispatch.order.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
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

/** Publishes to the address delivery-events as iot-ingest does: structured CloudEvents over a plain AMQP connection. */
public final class DeliveryEvents implements AutoCloseable {

    private static final String CLOUDEVENTS_JSON = "application/cloudevents+json; charset=UTF-8";

    private final Vertx vertx = Vertx.vertx();
    private final AmqpConnection connection;
    private final AmqpSender sender;

    private DeliveryEvents() throws Exception {
        TestBroker broker = ArtemisTestResource.broker();
        AmqpClient client = AmqpClient.create(vertx, new AmqpClientOptions()
                .setHost(broker.host()).setPort(broker.amqpPort())
                .setUsername(broker.user()).setPassword(broker.password()));
        connection = client.connect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        sender = connection.createSender("delivery-events").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public static DeliveryEvents open() throws Exception {
        return new DeliveryEvents();
    }

    /** A delivery-completed event as iot-ingest writes it; returns its id. */
    public static JsonObject completed(String eventId, String orderId, String deviceId) {
        return envelope(eventId, "dispatch.delivery.completed", orderId, new JsonObject()
                .put("schemaVersion", 1).put("orderId", orderId).put("customerId", "someone").put("deviceId", deviceId)
                .put("latitude", 52.517).put("longitude", 13.3889).put("deliveredAt", Instant.now().toString()));
    }

    public static JsonObject progress(String orderId, String deviceId) {
        return envelope(UUID.randomUUID().toString(), "dispatch.delivery.progress", orderId, new JsonObject()
                .put("schemaVersion", 1).put("orderId", orderId).put("deviceId", deviceId).put("distanceMeters", 420.0));
    }

    public static JsonObject envelope(String id, String type, String subject, JsonObject data) {
        return new JsonObject().put("specversion", "1.0").put("id", id).put("source", "/iot-ingest").put("type", type)
                .put("subject", subject).put("time", Instant.now().toString()).put("datacontenttype", "application/json")
                .put("data", data);
    }

    public void publish(JsonObject event) throws Exception {
        publishRaw(event.encode());
    }

    public void publishRaw(String body) throws Exception {
        AmqpMessage message = AmqpMessage.create()
                .withBufferAsBody(Buffer.buffer(body.getBytes(StandardCharsets.UTF_8)))
                .contentType(CLOUDEVENTS_JSON)
                .durable(true)
                .build();
        sender.sendWithAck(message).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        try {
            connection.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
