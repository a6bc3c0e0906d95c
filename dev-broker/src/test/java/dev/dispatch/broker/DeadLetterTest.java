package dev.dispatch.broker;

import static dev.dispatch.broker.TestBrokers.join;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiver;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.amqp.AmqpSender;
import io.vertx.core.Vertx;

/** A poison event is retried max-delivery-attempts times, then parked on the dead-letter queue. */
class DeadLetterTest {

    /** broker.xml's max-delivery-attempts for the event addresses. */
    private static final int MAX_DELIVERY_ATTEMPTS = 5;

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() throws Exception {
        join(vertx.close());
    }

    @Test
    void eventFailedByEveryDeliveryIsParkedOnTheDeadLetterQueue(@TempDir Path dataDir) throws Exception {
        try (EmbeddedBroker broker = TestBrokers.start(dataDir)) {
            AmqpClient client = TestBrokers.amqpClient(vertx, broker);
            try {
                AmqpConnection connection = join(client.connect());
                AtomicInteger deliveries = new AtomicInteger();
                AmqpReceiver failing = join(connection.createReceiver("order-events::order-events.iot-ingest",
                        new AmqpReceiverOptions().setAutoAcknowledgement(false)));
                failing.handler(message -> {
                    deliveries.incrementAndGet();
                    // What a consumer does when processing threw: "modified, delivery failed".
                    message.modified(true, false);
                });
                AmqpSender sender = join(connection.createSender("order-events"));

                join(sender.sendWithAck(AmqpMessage.create().withBody("poison").durable(true).build()));

                await().atMost(Duration.ofSeconds(30))
                        .until(() -> broker.messageCount("DLQ.order-events") == 1);
                assertEquals(MAX_DELIVERY_ATTEMPTS, deliveries.get());
                assertEquals(0, broker.messageCount("order-events.iot-ingest"));
                // The other subscriber's copy is untouched.
                assertEquals(1, broker.messageCount("order-events.notification-service"));

                Queue<String> parked = new ConcurrentLinkedQueue<>();
                AmqpReceiver deadLetters = join(connection.createReceiver("DLA::DLQ.order-events"));
                deadLetters.handler(message -> parked.add(message.bodyAsString()));
                await().atMost(Duration.ofSeconds(10))
                        .untilAsserted(() -> assertEquals(List.of("poison"), List.copyOf(parked)));
                assertEquals(MAX_DELIVERY_ATTEMPTS, deliveries.get());
            } finally {
                join(client.close());
            }
        }
    }
}
