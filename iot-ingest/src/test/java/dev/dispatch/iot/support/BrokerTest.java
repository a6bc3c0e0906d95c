package dev.dispatch.iot.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import dev.dispatch.testsupport.amqp.AmqpTestClient;
import dev.dispatch.testsupport.amqp.BrokerConnected;
import dev.dispatch.testsupport.contracts.Contracts;
import io.vertx.amqp.AmqpMessage;
import io.vertx.core.json.JsonObject;

/**
 * A test that plays order-service on the broker: sends order events as its relay does, and reads what iot-ingest
 * published to delivery-events and device-alerts from queues of its own, subscribed before each test. Everything
 * that arrived there during the test is then checked against the contract: each event valid by its address's schema
 * ({@code contracts/events}), and the AMQP properties the relay sets (message-id = event id, subject = type, group-id
 * = subject, durable, CloudEvents content type).
 */
public abstract class BrokerTest extends BrokerConnected {

    public static final String ORDER_EVENTS = "order-events";
    public static final String DELIVERY_EVENTS = "delivery-events";
    public static final String DEVICE_ALERTS = "device-alerts";

    private List<AmqpMessage> deliveryEvents;
    private List<AmqpMessage> alerts;

    @BeforeEach
    void subscribeToWhatIngestPublishes() {
        deliveryEvents = broker.subscribe(DELIVERY_EVENTS);
        alerts = broker.subscribe(DEVICE_ALERTS);
    }

    @AfterEach
    void everythingPublishedKeepsTheContract() {
        assertKeepsTheContract(DELIVERY_EVENTS, deliveryEvents);
        assertKeepsTheContract(DEVICE_ALERTS, alerts);
    }

    /** Like order-service's relay: durable, the CloudEvent as a data section, message-id = event id, group-id = order. */
    protected void sendOrderEvent(JsonObject event) {
        broker.publish(ORDER_EVENTS, event);
    }

    /** The same event once more, as the broker redelivers it (without the duplicate-detection id a relay sets). */
    protected void sendOrderEventAgain(JsonObject event) {
        broker.publishAgain(ORDER_EVENTS, event);
    }

    protected void sendRaw(byte[] body) {
        broker.publishRaw(ORDER_EVENTS, body, AmqpTestClient.CLOUDEVENTS_JSON);
    }

    /** delivery-events messages about one order (group-id), in arrival order. */
    protected List<AmqpMessage> deliveryEvents(String orderId) {
        return AmqpTestClient.ofGroup(deliveryEvents, orderId);
    }

    /** device-alerts messages about one device (group-id), in arrival order. */
    protected List<AmqpMessage> alerts(String deviceId) {
        return AmqpTestClient.ofGroup(alerts, deviceId);
    }

    private static void assertKeepsTheContract(String address, List<AmqpMessage> messages) {
        for (AmqpMessage message : messages) {
            JsonObject event = AmqpTestClient.body(message);
            Contracts.assertValidEvent(address, event.encode());
            assertThat(message.id()).as("message-id of %s", event).isEqualTo(event.getString("id"));
            assertThat(message.subject()).as("subject of %s", event).isEqualTo(event.getString("type"));
            assertThat(message.groupId()).as("group-id of %s", event).isEqualTo(event.getString("subject"));
            assertThat(message.isDurable()).as("durable: %s", event).isTrue();
            assertThat(message.contentType()).isEqualTo(AmqpTestClient.CLOUDEVENTS_JSON);
        }
    }
}
