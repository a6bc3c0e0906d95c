package dev.dispatch.broker;

import static dev.dispatch.broker.BoardStompClient.body;
import static dev.dispatch.broker.BoardStompClient.header;
import static dev.dispatch.broker.TestBrokers.join;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpSender;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * The web dispatch board's feed: STOMP over WebSocket straight from the broker, as the consume-only board user.
 * It sees the services' events as they are published without taking them from the services' durable queues,
 * and it can neither send nor reach anything else.
 */
class BoardFeedTest {

    private static final Duration DELIVERY = Duration.ofSeconds(15);
    private static final String EVENT = "{\"specversion\":\"1.0\",\"type\":\"dev.dispatch.order.paid.v1\",\"id\":\"e-1\"}";

    private static Vertx vertx;
    private EmbeddedBroker broker;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() throws Exception {
        join(vertx.close());
    }

    @BeforeEach
    void startBroker(@TempDir Path dataDir) throws Exception {
        broker = TestBrokers.start(dataDir);
    }

    @AfterEach
    void stopBroker() {
        try {
            await().atMost(DELIVERY).until(() -> broker.connectionCount() == 0);
        } finally {
            broker.close();
        }
    }

    @Test
    void theBoardWatchesEventsWithoutTakingThemFromTheServices() throws Exception {
        try (BoardStompClient board = connectedBoard()) {
            subscribe(board, "/topic/order-events");

            publishOverAmqp("order-events", EVENT);

            await().atMost(DELIVERY).until(() -> !board.frames("MESSAGE").isEmpty());
            String message = board.frames("MESSAGE").get(0);
            assertEquals(EVENT, body(message));
            // The destination header names the bare address; the subscription id says which subscription it is for.
            assertEquals("order-events", header(message, "destination").orElseThrow());
            assertEquals("/topic/order-events", header(message, "subscription").orElseThrow());
            // The services' durable queues still hold the event: the board had a copy of its own.
            assertEquals(1, broker.messageCount("order-events.notification-service"));
            assertEquals(1, broker.messageCount("order-events.iot-ingest"));
            disconnect(board);
        }
    }

    @Test
    void theBoardSubscribesToPositionsBeforeTheFirstIsPublished() throws Exception {
        try (BoardStompClient board = connectedBoard()) {
            subscribe(board, "/topic/board.positions");

            publishOverAmqp("board.positions", "{\"deviceId\":\"courier-1\"}");

            await().atMost(DELIVERY).until(() -> !board.frames("MESSAGE").isEmpty());
            assertEquals("{\"deviceId\":\"courier-1\"}", body(board.frames("MESSAGE").get(0)));
            disconnect(board);
        }
    }

    @Test
    void theBoardGetsEveryAddressItWatchesOnOneConnection() throws Exception {
        try (BoardStompClient board = connectedBoard()) {
            List<String> addresses = List.of("order-events", "delivery-events", "device-alerts", "board.positions");
            for (String address : addresses) {
                subscribe(board, "/topic/" + address);
            }
            for (String address : addresses) {
                publishOverAmqp(address, "{\"on\":\"" + address + "\"}");
            }
            await().atMost(DELIVERY).until(() -> board.frames("MESSAGE").size() == addresses.size());
            disconnect(board);
        }
    }

    @Test
    void theBoardCannotSend() throws Exception {
        try (BoardStompClient board = connectedBoard()) {
            subscribe(board, "/topic/order-events");

            board.sendWithBody("SEND", EVENT, "destination:/topic/order-events", "content-type:application/json", "receipt:sent");

            await().atMost(DELIVERY).until(() -> board.first("ERROR").isPresent());
            assertTrue(board.frames("RECEIPT").stream().noneMatch(frame -> frame.contains("receipt-id:sent")));
            assertTrue(board.frames("MESSAGE").isEmpty(), "nothing was routed");
            assertEquals(0, broker.messageCount("order-events.notification-service"));
            await().atMost(DELIVERY).until(board::isClosed);
        }
    }

    @Test
    void theBoardCannotConsumeFromAServicesDurableQueue() throws Exception {
        for (String queue : List.of("order-events::order-events.notification-service", "order-events::order-events.iot-ingest",
                "delivery-events::delivery-events.order-service", "device-alerts::device-alerts.notification-service")) {
            try (BoardStompClient board = connectedBoard()) {
                board.send("SUBSCRIBE", "id:steal", "destination:" + queue, "ack:auto", "receipt:subscribed");
                await().atMost(DELIVERY).until(() -> board.first("ERROR").isPresent());
                assertTrue(board.frames("RECEIPT").isEmpty(), queue);
                await().atMost(DELIVERY).until(board::isClosed);
            }
        }
    }

    @Test
    void theBoardSeesNothingElse() throws Exception {
        for (String destination : List.of("/topic/devices.courier-1.telemetry", "/queue/DLQ.order-events", "/topic/some-new-address")) {
            try (BoardStompClient board = connectedBoard()) {
                board.send("SUBSCRIBE", "id:peek", "destination:" + destination, "ack:auto", "receipt:subscribed");
                await().atMost(DELIVERY).until(() -> board.first("ERROR").isPresent());
                assertTrue(board.frames("RECEIPT").isEmpty(), destination);
                await().atMost(DELIVERY).until(board::isClosed);
            }
        }
    }

    @Test
    void aWrongBoardPasswordIsRefused() throws Exception {
        try (BoardStompClient board = BoardStompClient.open(vertx, broker)) {
            board.send("CONNECT", "accept-version:1.2", "host:localhost", "login:" + broker.settings().boardUser(),
                    "passcode:not-" + broker.settings().boardPassword());
            await().atMost(DELIVERY).until(() -> board.first("ERROR").isPresent());
            assertFalse(board.first("CONNECTED").isPresent());
            await().atMost(DELIVERY).until(board::isClosed);
        }
    }

    @Test
    void heartBeatsAreAgreed() throws Exception {
        try (BoardStompClient board = BoardStompClient.open(vertx, broker)) {
            board.send("CONNECT", "accept-version:1.2", "host:localhost", "login:" + broker.settings().boardUser(),
                    "passcode:" + broker.settings().boardPassword(), "heart-beat:1000,1000");
            await().atMost(DELIVERY).until(() -> board.first("CONNECTED").isPresent());
            String connected = board.first("CONNECTED").orElseThrow();
            String[] beats = header(connected, "heart-beat").orElseThrow(() -> new AssertionError(connected)).split(",");
            assertTrue(Integer.parseInt(beats[0]) > 0, "the broker sends heart-beats");
            assertTrue(Integer.parseInt(beats[1]) > 0, "the broker expects heart-beats");
            disconnect(board);
        }
    }

    private BoardStompClient connectedBoard() throws Exception {
        BoardStompClient board = BoardStompClient.open(vertx, broker);
        board.send("CONNECT", "accept-version:1.2", "host:localhost", "login:" + broker.settings().boardUser(),
                "passcode:" + broker.settings().boardPassword());
        await().atMost(DELIVERY).until(() -> board.first("CONNECTED").isPresent() || board.first("ERROR").isPresent());
        assertTrue(board.first("CONNECTED").isPresent(), () -> "not connected: " + board.first("ERROR"));
        return board;
    }

    private static void subscribe(BoardStompClient board, String destination) {
        String receipt = "sub-" + destination;
        board.send("SUBSCRIBE", "id:" + destination, "destination:" + destination, "ack:auto", "receipt:" + receipt);
        await().atMost(DELIVERY).until(() -> board.frames("RECEIPT").stream().anyMatch(f -> f.contains("receipt-id:" + receipt))
                || board.first("ERROR").isPresent());
        assertFalse(board.first("ERROR").isPresent(), () -> board.first("ERROR").orElse(""));
    }

    private static void disconnect(BoardStompClient board) {
        board.send("DISCONNECT", "receipt:bye");
        await().atMost(DELIVERY).until(board::isClosed);
    }

    private void publishOverAmqp(String address, String json) throws Exception {
        AmqpClient client = TestBrokers.amqpClient(vertx, broker);
        try {
            AmqpConnection connection = join(client.connect());
            AmqpSender sender = join(connection.createSender(address));
            // As the services' outbox relay sends: the JSON in a data section, durable.
            join(sender.sendWithAck(AmqpMessage.create().withBufferAsBody(Buffer.buffer(json))
                    .contentType("application/cloudevents+json").durable(true).build()));
        } finally {
            join(client.close());
        }
    }
}
