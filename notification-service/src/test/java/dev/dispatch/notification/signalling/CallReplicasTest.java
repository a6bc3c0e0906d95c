package dev.dispatch.notification.signalling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dispatch.notification.config.CallsConfig;
import dev.dispatch.notification.config.NotificationConfig;
import dev.dispatch.notification.model.Party;
import dev.dispatch.notification.model.PartyRole;
import dev.dispatch.notification.service.CallHistory;
import dev.dispatch.notification.support.CloudEvents;
import dev.dispatch.notification.support.Ids;
import dev.dispatch.notification.support.SecondCallReplica;
import dev.dispatch.notification.support.WsClient;
import dev.dispatch.testsupport.amqp.BrokerConnected;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/**
 * The two peers of a call on different replicas: the customer on the application's /ws/calls, the courier on a second
 * replica's call classes (own pool, own LISTEN connection, same database). Every message crosses, in order.
 */
@QuarkusTest
class CallReplicasTest extends BrokerConnected {

    @Inject
    io.vertx.mutiny.core.Vertx mutinyVertx;

    @Inject
    ObjectMapper mapper;

    @Inject
    NotificationConfig config;

    @Inject
    CallsConfig callsConfig;

    @Inject
    CallHistory history;

    @Inject
    Pool pool;

    SecondCallReplica replica;

    @BeforeEach
    void startReplica() {
        replica = new SecondCallReplica(mutinyVertx, mapper, config, callsConfig, history).start();
    }

    @AfterEach
    void stopReplica() {
        replica.close();
    }

    @Test
    void peersOnTwoReplicasReachEachOtherInOrder() throws Exception {
        String customerId = Ids.customer();
        String courierId = "courier-" + UUID.randomUUID().toString().substring(0, 8);
        String order = Ids.order();
        broker.publish("order-events", CloudEvents.dispatched(order, customerId, courierId));
        await().atMost(WsClient.WAIT).until(() -> pool.preparedQuery("SELECT 1 FROM order_party WHERE order_id = $1").execute(Tuple.of(order))
                .await().atMost(WsClient.WAIT).size() == 1);

        String callId = UUID.randomUUID().toString();
        try (WsClient customer = WsClient.connectCalls(vertx, Tokens.customer(customerId))) {
            SecondCallReplica.Peer courier = replica.connect(new Party(courierId, PartyRole.COURIER));

            customer.send(CallSignallingTest.call(callId, order, "video"));
            customer.send(CallSignallingTest.message("offer", callId).put("sdp", "v=0 offer"));
            assertThat(courier.awaitType("call", 1).getJsonObject("from").getString("id")).isEqualTo(customerId);
            assertThat(courier.awaitType("offer", 1).getString("sdp")).isEqualTo("v=0 offer");

            courier.send(CallSignallingTest.message("answer", callId).put("sdp", "v=0 answer"));
            assertThat(customer.awaitType("answer").getString("sdp")).isEqualTo("v=0 answer");

            for (int i = 0; i < 10; i++) {
                customer.send(CallSignallingTest.candidate(callId, "a" + i));
                courier.send(CallSignallingTest.candidate(callId, "b" + i));
            }
            courier.awaitType("candidate", 10);
            customer.awaitType("candidate", 10);
            assertThat(candidates(courier.ofType("candidate"))).containsExactly(IntStream.range(0, 10).mapToObj(i -> "a" + i).toArray(String[]::new));
            assertThat(candidates(customer.ofType("candidate"))).containsExactly(IntStream.range(0, 10).mapToObj(i -> "b" + i).toArray(String[]::new));

            // The courier's replica loses the connection: the customer, on the other replica, is told.
            courier.disconnect();
            JsonObject hangup = customer.awaitType("hangup");
            assertThat(hangup.getString("reason")).isEqualTo("disconnected");
            assertThat(hangup.getJsonObject("from").getString("role")).isEqualTo("courier");
        }
    }

    private static List<String> candidates(List<JsonObject> messages) {
        return messages.stream().map(m -> m.getJsonObject("candidate").getString("candidate")).toList();
    }
}
