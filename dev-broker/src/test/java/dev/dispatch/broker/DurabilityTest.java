package dev.dispatch.broker;

import static dev.dispatch.broker.TestBrokers.join;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiver;
import io.vertx.core.Vertx;

/** Durable events are in the journal: they outlive the broker process. */
class DurabilityTest {

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
    void durableEventSurvivesABrokerRestartOnTheSameDataDir(@TempDir Path dataDir) throws Exception {
        try (EmbeddedBroker first = TestBrokers.start(dataDir)) {
            send(first, "order 7 paid");
        }
        // A new broker on the same directory, as after the process was restarted.
        try (EmbeddedBroker second = TestBrokers.start(dataDir)) {
            assertEquals(1, second.messageCount("order-events.iot-ingest"));
            assertEquals(List.of("order 7 paid"), receive(second, "order-events::order-events.iot-ingest", 1));
        }
    }

    @Test
    void restartedBrokerKeepsItsPortsAndItsMessages(@TempDir Path dataDir) throws Exception {
        try (EmbeddedBroker broker = TestBrokers.start(dataDir)) {
            Map<Protocol, Integer> ports = broker.ports();
            send(broker, "order 8 dispatched");

            broker.stop();
            broker.start();

            assertEquals(ports, broker.ports());
            assertEquals(List.of("order 8 dispatched"),
                    receive(broker, "order-events::order-events.notification-service", 1));
        }
    }

    private static void send(EmbeddedBroker broker, String body) throws Exception {
        AmqpClient client = TestBrokers.amqpClient(vertx, broker);
        try {
            AmqpConnection connection = join(client.connect());
            // Acknowledged by the broker only once it is in the journal.
            join(join(connection.createSender("order-events"))
                    .sendWithAck(AmqpMessage.create().withBody(body).durable(true).build()));
        } finally {
            join(client.close());
        }
    }

    private static List<String> receive(EmbeddedBroker broker, String queue, int count) throws Exception {
        AmqpClient client = TestBrokers.amqpClient(vertx, broker);
        try {
            AmqpConnection connection = join(client.connect());
            Queue<String> received = new ConcurrentLinkedQueue<>();
            AmqpReceiver receiver = join(connection.createReceiver(queue));
            receiver.handler(message -> received.add(message.bodyAsString()));
            await().atMost(Duration.ofSeconds(15)).until(() -> received.size() >= count);
            return List.copyOf(received);
        } finally {
            join(client.close());
        }
    }
}
