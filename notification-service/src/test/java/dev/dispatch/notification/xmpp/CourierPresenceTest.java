package dev.dispatch.notification.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import dev.dispatch.notification.support.CloudEvents;
import dev.dispatch.notification.support.Ids;
import dev.dispatch.notification.support.XmppClient;
import dev.dispatch.proto.chat.v1.ChatServiceGrpc;
import dev.dispatch.proto.chat.v1.ChatSession;
import dev.dispatch.proto.chat.v1.OpenChatSessionRequest;
import dev.dispatch.testsupport.amqp.AmqpTestClient;
import dev.dispatch.testsupport.amqp.BrokerConnected;
import dev.dispatch.testsupport.broker.ArtemisTestResource;
import dev.dispatch.testsupport.internal.InternalCallers;
import dev.dispatch.testsupport.xmpp.ProsodyTestResource;
import dev.dispatch.testsupport.xmpp.TestProsody;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/**
 * Couriers' presence over XMPP, end to end: courier-presence events on the real broker, the component on the real
 * Prosody, operators as plain Smack clients that add {@code <device>@devices.<domain>} to their roster.
 */
@QuarkusTest
class CourierPresenceTest extends BrokerConnected {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String AUDIENCE = "notification-service"; // of the internal tokens the gateway signs for users

    @GrpcClient("chat")
    ChatServiceGrpc.ChatServiceBlockingStub chat;

    @Inject
    DevicesComponent component;

    @Inject
    Pool pool;

    private final TestProsody prosody = ProsodyTestResource.prosody();

    @Test
    void anOperatorSeesACourierAvailableAwayAndOfflineAndTheCurrentStateAfterReconnecting() throws Exception {
        String courier = "courier-1@devices." + prosody.domain();
        String operator = Ids.operator();
        String order = Ids.order();
        String nextOrder = Ids.order();
        Instant t = Instant.now().minusSeconds(60);
        awaitComponent();

        try (XmppClient op = signIn(InternalCallers.operator(operator, AUDIENCE))) {
            subscribe(op, courier);
            await().atMost(WAIT).until(() -> has(op, courier, Presence.Type.subscribed));
            // Nothing reported yet: offline.
            await().atMost(WAIT).until(() -> last(op, courier) != null && last(op, courier).getType() == Presence.Type.unavailable);

            broker.publish(CloudEvents.COURIER_PRESENCE, CloudEvents.presence("courier-1", "available", null, t.plusSeconds(1)));
            await().atMost(WAIT).until(() -> isAvailable(last(op, courier), Presence.Mode.available));

            broker.publish(CloudEvents.COURIER_PRESENCE, CloudEvents.presence("courier-1", "away", order, t.plusSeconds(2)));
            await().atMost(WAIT).until(() -> isAvailable(last(op, courier), Presence.Mode.away));
            assertThat(last(op, courier).getStatus()).contains(order);

            broker.publish(CloudEvents.COURIER_PRESENCE, CloudEvents.presence("courier-1", "offline", null, t.plusSeconds(4)));
            await().atMost(WAIT).until(() -> last(op, courier).getType() == Presence.Type.unavailable);

            // An older event (late, e.g. redelivered) is taken in and changes nothing.
            var stale = CloudEvents.presence("courier-1", "available", null, t.plusSeconds(3));
            int seen = op.presencesFrom(courier).size();
            broker.publish(CloudEvents.COURIER_PRESENCE, stale);
            await().atMost(WAIT).until(() -> processed(stale.getString("id")));
            assertThat(stored("courier-1")).isEqualTo("OFFLINE");
            assertThat(op.presencesFrom(courier)).hasSize(seen);

            broker.publish(CloudEvents.COURIER_PRESENCE, CloudEvents.presence("courier-1", "away", nextOrder, t.plusSeconds(5)));
            await().atMost(WAIT).until(() -> isAvailable(last(op, courier), Presence.Mode.away));
        }

        // Signing in again: the server probes the roster's contacts, the component answers with the current presence.
        try (XmppClient op = signIn(InternalCallers.operator(operator, AUDIENCE))) {
            await().atMost(WAIT).until(() -> isAvailable(last(op, courier), Presence.Mode.away));
            assertThat(last(op, courier).getStatus()).contains(nextOrder);
        }
    }

    @Test
    void aCustomerCannotSubscribeToACourier() throws Exception {
        String courier = "courier-" + Ids.order().substring(0, 8) + "@devices." + prosody.domain();
        awaitComponent();
        try (XmppClient customer = signIn(InternalCallers.customer(Ids.customer(), AUDIENCE))) {
            subscribe(customer, courier);
            await().atMost(WAIT).until(() -> has(customer, courier, Presence.Type.unsubscribed));
            assertThat(customer.presencesFrom(courier)).noneMatch(p -> p.getType() == Presence.Type.subscribed);
        }
    }

    @Test
    void malformedPresenceEventsAreDeadLetteredAndTheNextOneIsTakenIn() {
        long deadBefore = ArtemisTestResource.broker().messageCount("DLQ.courier-presence");
        String device = "courier-" + Ids.order().substring(0, 8);
        var busy = CloudEvents.envelope("/iot-ingest", "dispatch.courier.presence.changed", device,
                new io.vertx.core.json.JsonObject().put("schemaVersion", 1).put("deviceId", device).put("presence", "busy")
                        .put("since", Instant.now().toString()));
        var awayWithoutOrder = CloudEvents.envelope("/iot-ingest", "dispatch.courier.presence.changed", device,
                new io.vertx.core.json.JsonObject().put("schemaVersion", 1).put("deviceId", device).put("presence", "away")
                        .put("since", Instant.now().toString()));
        broker.publishRaw(CloudEvents.COURIER_PRESENCE, "{not json".getBytes(StandardCharsets.UTF_8), AmqpTestClient.CLOUDEVENTS_JSON);
        broker.publish(CloudEvents.COURIER_PRESENCE, busy); // outside the contract on purpose
        broker.publish(CloudEvents.COURIER_PRESENCE, awayWithoutOrder); // outside the contract on purpose
        broker.publish(CloudEvents.COURIER_PRESENCE, CloudEvents.presence(device, "available", null, Instant.now()));

        await().atMost(WAIT).until(() -> "AVAILABLE".equals(stored(device)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ArtemisTestResource.broker().messageCount("DLQ.courier-presence") == deadBefore + 3);
    }

    @Test
    void theComponentReconnectsAfterAProsodyRestart() throws Exception {
        String device = "courier-" + Ids.order().substring(0, 8);
        String courier = device + "@devices." + prosody.domain();
        String operator = Ids.operator();
        awaitComponent();
        try (XmppClient op = signIn(InternalCallers.operator(operator, AUDIENCE))) {
            subscribe(op, courier);
            await().atMost(WAIT).until(() -> has(op, courier, Presence.Type.subscribed));
        }
        try {
            prosody.stop();
            await().atMost(WAIT).until(() -> !component.connected());
        } finally {
            prosody.start();
        }
        awaitComponent();
        try (XmppClient op = signIn(InternalCallers.operator(operator, AUDIENCE))) {
            broker.publish(CloudEvents.COURIER_PRESENCE, CloudEvents.presence(device, "available", null, Instant.now()));
            await().atMost(WAIT).until(() -> isAvailable(last(op, courier), Presence.Mode.available));
        }
    }

    private void awaitComponent() {
        await().atMost(WAIT).until(component::connected);
    }

    /** Signs in with the credentials of OpenChatSession for the user the internal token names. */
    private XmppClient signIn(String token) throws Exception {
        ChatSession session = InternalCallers.as(chat, token).openChatSession(OpenChatSessionRequest.getDefaultInstance());
        return XmppClient.signIn(prosody, session.getJid(), session.getPassword());
    }

    private static void subscribe(XmppClient client, String jid) throws Exception {
        Stanza subscribe = client.connection.getStanzaFactory().buildPresenceStanza()
                .ofType(Presence.Type.subscribe).to(JidCreate.bareFrom(jid)).build();
        client.connection.sendStanza(subscribe);
    }

    private static boolean has(XmppClient client, String jid, Presence.Type type) {
        return client.presencesFrom(jid).stream().anyMatch(p -> p.getType() == type);
    }

    /** The newest presence about availability (not subscription replies) from the JID, or null. */
    private static Presence last(XmppClient client, String jid) {
        List<Presence> all = client.presencesFrom(jid).stream()
                .filter(p -> p.getType() == Presence.Type.available || p.getType() == Presence.Type.unavailable).toList();
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    private static boolean isAvailable(Presence presence, Presence.Mode mode) {
        return presence != null && presence.getType() == Presence.Type.available && presence.getMode() == mode;
    }

    private boolean processed(String eventId) {
        return pool.preparedQuery("SELECT 1 FROM processed_event WHERE event_id = $1").execute(Tuple.of(eventId))
                .await().atMost(Duration.ofSeconds(5)).size() > 0;
    }

    private String stored(String deviceId) {
        var rows = pool.preparedQuery("SELECT presence FROM courier_presence WHERE device_id = $1").execute(Tuple.of(deviceId))
                .await().atMost(Duration.ofSeconds(5));
        return rows.size() == 0 ? null : rows.iterator().next().getString("presence");
    }
}
