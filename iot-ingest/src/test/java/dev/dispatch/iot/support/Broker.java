package dev.dispatch.iot.support;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.dispatch.testsupport.broker.ArtemisTestResource;
import dev.dispatch.testsupport.broker.TestBroker;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.amqp.AmqpSender;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * The broker over AMQP 1.0 as the tests use it, independent of the service's connector: sends order events as
 * order-service's relay does, and reads delivery-events and device-alerts from queues of its own (fully qualified
 * names, which Artemis creates on first use, so they see everything published from then on).
 */
public final class Broker implements AutoCloseable {

    public static final String CLOUDEVENTS_JSON = "application/cloudevents+json; charset=UTF-8";

    private final AmqpConnection connection;
    private final List<AmqpMessage> deliveryEvents = new CopyOnWriteArrayList<>();
    private final List<AmqpMessage> deviceAlerts = new CopyOnWriteArrayList<>();
    private AmqpSender orderEvents;

    private Broker(Vertx vertx) {
        TestBroker broker = ArtemisTestResource.broker();
        AmqpClient client = AmqpClient.create(vertx, new AmqpClientOptions()
                .setHost(broker.host()).setPort(broker.amqpPort())
                .setUsername(broker.user()).setPassword(broker.password()));
        connection = Wait.on(client.connect());
        String mine = "test-" + UUID.randomUUID();
        Wait.on(connection.createReceiver("delivery-events::" + mine + ".delivery", new AmqpReceiverOptions().setDurable(true))).handler(deliveryEvents::add);
        Wait.on(connection.createReceiver("device-alerts::" + mine + ".alerts", new AmqpReceiverOptions().setDurable(true))).handler(deviceAlerts::add);
        orderEvents = Wait.on(connection.createSender("order-events"));
    }

    public static Broker connect(Vertx vertx) {
        return new Broker(vertx);
    }

    /** Like order-service's relay: durable, the CloudEvent as a data section, message-id = event id, group-id = order. */
    public void sendOrderEvent(JsonObject event) {
        Wait.on(orderEvents.sendWithAck(AmqpMessage.create()
                .durable(true)
                .id(event.getString("id"))
                .subject(event.getString("type"))
                .groupId(event.getString("subject"))
                .contentType(CLOUDEVENTS_JSON)
                .withBufferAsBody(event.toBuffer())
                .build()));
    }

    public void sendRaw(byte[] body) {
        Wait.on(orderEvents.sendWithAck(AmqpMessage.create().durable(true).contentType(CLOUDEVENTS_JSON)
                .withBufferAsBody(Buffer.buffer(body)).build()));
    }

    /** delivery-events messages about one order (group-id), in arrival order. */
    public List<AmqpMessage> deliveryEvents(String orderId) {
        return of(deliveryEvents, orderId);
    }

    /** device-alerts messages about one device (group-id), in arrival order. */
    public List<AmqpMessage> alerts(String deviceId) {
        return of(deviceAlerts, deviceId);
    }

    private static List<AmqpMessage> of(List<AmqpMessage> messages, String groupId) {
        List<AmqpMessage> mine = new ArrayList<>();
        for (AmqpMessage m : messages) {
            if (groupId.equals(m.groupId())) {
                mine.add(m);
            }
        }
        return mine;
    }

    public static JsonObject body(AmqpMessage message) {
        return new JsonObject(message.bodyAsBinary());
    }

    @Override
    public void close() {
        Wait.on(connection.close());
    }
}
