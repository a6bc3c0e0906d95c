package dev.dispatch.loadgen.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ws-fanout's sockets against a stand-in /ws/notifications: one user each, bounded connects, acks, all closed. */
class NotificationSocketsTest {

    private static final int CLIENTS = 30;
    private static final int AT_ONCE = 5;

    private final Map<Integer, List<String>> received = new ConcurrentHashMap<>();
    private StandInNotificationServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void eachSocketIsAUserOfItsOwnGetsEveryNotificationAndAcknowledgesIt() throws Exception {
        server = new StandInNotificationServer(Set.of());

        try (NotificationSockets sockets = open()) {
            assertThat(server.welcomed()).containsExactlyInAnyOrderElementsOf(
                    IntStream.range(0, CLIENTS).mapToObj(i -> "token-" + i).toList());
            assertThat(server.mostAwaitingWelcome()).isBetween(2, AT_ONCE);
            assertThat(sockets.connectTimes().getTotalCount()).isEqualTo(CLIENTS);

            server.broadcast("{\"id\":\"41\",\"type\":\"dispatch.order.paid\",\"orderId\":\"order-1\"}");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(received).hasSize(CLIENTS)
                    .allSatisfy((client, ids) -> assertThat(ids).containsExactly("41")));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(server.acked()).hasSize(CLIENTS)
                    .allSatisfy((token, ids) -> assertThat(ids).containsExactly("41")));
            assertThat(sockets.failures()).isEmpty();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> server.openSockets() == 0);
    }

    @Test
    void aSocketThatIsRefusedFailsTheOpeningSaysWhichAndWhyAndClosesTheOthers() throws Exception {
        server = new StandInNotificationServer(Set.of("token-7"));

        assertThatThrownBy(this::open).isInstanceOf(IOException.class)
                .hasMessageContaining("of " + CLIENTS + " WebSockets opened, then socket 7: refused: http 401");

        await().atMost(Duration.ofSeconds(10)).until(() -> server.openSockets() == 0);
    }

    private NotificationSockets open() throws Exception {
        return NotificationSockets.open(server.uri(), CLIENTS, i -> "token-" + i, AT_ONCE, Duration.ofMillis(50),
                (notification, client) -> received.computeIfAbsent(client, c -> new CopyOnWriteArrayList<>())
                        .add(notification.path("id").asText()),
                line -> { });
    }
}
