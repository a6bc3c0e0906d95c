package dev.dispatch.testsupport.amqp;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.dispatch.testsupport.broker.ArtemisTestResource;
import dev.dispatch.testsupport.broker.TestBroker;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpMessageBuilder;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.amqp.AmqpSender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * The test broker over AMQP 1.0 as tests use it, independent of the services' connector: publishes CloudEvents the
 * way the services' outbox relays do (durable, the whole event as a data section of type
 * {@code application/cloudevents+json}, message-id = event id, subject = type, group-id = subject), and reads what
 * the services published from queues of its own. Every call waits until the broker answered.
 */
public final class AmqpTestClient implements AutoCloseable {

    public static final String CLOUDEVENTS_JSON = "application/cloudevents+json; charset=UTF-8";

    private final AmqpConnection connection;
    private final Map<String, AmqpSender> senders = new HashMap<>();

    private AmqpTestClient(Vertx vertx) {
        TestBroker broker = ArtemisTestResource.broker();
        AmqpClient client = AmqpClient.create(vertx, new AmqpClientOptions()
                .setHost(broker.host()).setPort(broker.amqpPort())
                .setUsername(broker.user()).setPassword(broker.password()));
        connection = await(client.connect());
    }

    public static AmqpTestClient connect(Vertx vertx) {
        return new AmqpTestClient(vertx);
    }

    /** Like a relay, with the broker's duplicate-detection id (a re-send of the same event is dropped by Artemis). */
    public void publish(String address, JsonObject cloudEvent) {
        send(address, cloudEvent(cloudEvent).applicationProperties(new JsonObject().put("_AMQ_DUPL_ID", cloudEvent.getString("id"))).build());
    }

    /** Without a duplicate-detection id, as a redelivery or a replay from elsewhere would arrive. */
    public void publishAgain(String address, JsonObject cloudEvent) {
        send(address, cloudEvent(cloudEvent).build());
    }

    /** An arbitrary body as a data section, e.g. a poison message. */
    public void publishRaw(String address, byte[] body, String contentType) {
        send(address, AmqpMessage.create().durable(true).contentType(contentType).withBufferAsBody(Buffer.buffer(body)).build());
    }

    /** A message whose body is an AMQP string value rather than a data section. */
    public void publishValue(String address, String value) {
        send(address, AmqpMessage.create().durable(true).withBody(value).build());
    }

    /**
     * Everything published to the address from now on, in arrival order: a durable queue of this client's own on the
     * address (a fully qualified name, which Artemis creates on first use). The list fills as messages arrive.
     */
    public List<AmqpMessage> subscribe(String address) {
        List<AmqpMessage> received = new CopyOnWriteArrayList<>();
        String queue = address + "::test-" + UUID.randomUUID();
        await(connection.createReceiver(queue, new AmqpReceiverOptions().setDurable(true))).handler(received::add);
        return received;
    }

    /**
     * What a queue the broker already has holds, and everything that reaches it from now on (the list fills as
     * messages arrive); {@code fullyQualifiedQueue} is {@code address::queue}, e.g. one of broker.xml's consumer queues.
     */
    public List<AmqpMessage> attach(String fullyQualifiedQueue) {
        List<AmqpMessage> received = new CopyOnWriteArrayList<>();
        await(connection.createReceiver(fullyQualifiedQueue, new AmqpReceiverOptions().setDurable(true))).handler(received::add);
        return received;
    }

    /** The CloudEvent a message carries (its data section as JSON). */
    public static JsonObject body(AmqpMessage message) {
        return new JsonObject(message.bodyAsBinary());
    }

    /** The messages of one aggregate (group-id), in arrival order. */
    public static List<AmqpMessage> ofGroup(List<AmqpMessage> messages, String groupId) {
        return messages.stream().filter(m -> groupId.equals(m.groupId())).toList();
    }

    @Override
    public void close() {
        await(connection.close());
    }

    private static AmqpMessageBuilder cloudEvent(JsonObject event) {
        return AmqpMessage.create()
                .durable(true)
                .id(event.getString("id"))
                .subject(event.getString("type"))
                .groupId(event.getString("subject"))
                .contentType(CLOUDEVENTS_JSON)
                .withBufferAsBody(event.toBuffer());
    }

    private void send(String address, AmqpMessage message) {
        AmqpSender sender = senders.computeIfAbsent(address, a -> await(connection.createSender(a)));
        await(sender.sendWithAck(message));
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("the broker did not answer: " + e, e);
        }
    }
}
