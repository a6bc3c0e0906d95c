package dev.dispatch.notification.xmpp;

import static dev.dispatch.testsupport.internal.InternalCallers.courier;
import static dev.dispatch.testsupport.internal.InternalCallers.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smackx.muc.MUCRole;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.junit.jupiter.api.Test;

import dev.dispatch.notification.support.CloudEvents;
import dev.dispatch.notification.support.Ids;
import dev.dispatch.notification.support.XmppClient;
import dev.dispatch.proto.chat.v1.ChatServiceGrpc;
import dev.dispatch.proto.chat.v1.ChatSession;
import dev.dispatch.proto.chat.v1.ListChatRoomsRequest;
import dev.dispatch.proto.chat.v1.OpenChatSessionRequest;
import dev.dispatch.testsupport.amqp.BrokerConnected;
import dev.dispatch.testsupport.internal.InternalCallers;
import dev.dispatch.testsupport.xmpp.ProsodyTestResource;
import dev.dispatch.testsupport.xmpp.TestProsody;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Order rooms on the real Prosody: opened on dispatch with the customer and the courier as members, the bot's status
 * posts, plain XMPP clients (Smack, signed in with OpenChatSession's credentials) chatting, closing, and the bot coming
 * back after a Prosody restart.
 */
@QuarkusTest
class ChatRoomTest extends BrokerConnected {

    private static final String COURIER = "courier-7"; // the device CloudEvents.order puts on a dispatched event
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String AUDIENCE = "notification-service"; // of the internal tokens the gateway signs for users

    @GrpcClient("chat")
    ChatServiceGrpc.ChatServiceBlockingStub chat;

    private final TestProsody prosody = ProsodyTestResource.prosody();

    @Test
    void aDispatchedOrderGetsARoomWhereItsCustomerAndCourierChatAndTheBotPostsStatus() throws Exception {
        String alice = Ids.customer();
        String order = Ids.order();
        String room = "order-" + order + "@" + prosody.roomDomain();
        broker.publish("order-events", CloudEvents.order("paid", order, alice));
        broker.publish("order-events", CloudEvents.order("dispatched", order, alice));

        ChatSession aliceSession = awaitRoomListed(customer(alice, AUDIENCE), order);
        assertThat(aliceSession.getJid()).isEqualTo(alice + "@" + prosody.domain());
        assertThat(aliceSession.getRoomsList()).singleElement().satisfies(r -> {
            assertThat(r.getJid()).isEqualTo(room);
            assertThat(r.getOpen()).isTrue();
            assertThat(r.getCourierDeviceId()).isEqualTo(COURIER);
        });
        ChatSession courierSession = open(courier(COURIER, AUDIENCE));

        try (XmppClient customer = XmppClient.signIn(prosody, aliceSession.getJid(), aliceSession.getPassword());
                XmppClient courier = XmppClient.signIn(prosody, courierSession.getJid(), courierSession.getPassword())) {
            MultiUserChat customerRoom = await().atMost(WAIT).ignoreExceptions().until(() -> customer.enter(room, "alice"), r -> true);
            MultiUserChat courierRoom = courier.enter(room, "courier");
            // The bot's post of the dispatch is in the room's history.
            await().atMost(WAIT).until(() -> customer.bodiesFrom(room), bodies -> bodies.stream().anyMatch(b -> b.contains("courier-7")));

            customerRoom.sendMessage("Please ring twice.");
            await().atMost(WAIT).until(() -> courier.bodiesFrom(room), bodies -> bodies.contains("Please ring twice."));
            courierRoom.sendMessage("On my way.");
            await().atMost(WAIT).until(() -> customer.bodiesFrom(room), bodies -> bodies.contains("On my way."));

            // Delivered: the bot posts it and closes the room; the members stay, can read, but no longer speak.
            broker.publish("order-events", CloudEvents.order("delivered", order, alice));
            await().atMost(WAIT).until(() -> customer.bodiesFrom(room), bodies -> bodies.stream().anyMatch(b -> b.contains("delivered")));
            await().atMost(WAIT).until(() -> ownRole(customerRoom) == MUCRole.visitor);
            int errorsBefore = errors(customer);
            customerRoom.sendMessage("Thanks!");
            await().atMost(WAIT).until(() -> errors(customer) > errorsBefore);
            assertThat(lastError(customer).getCondition()).isEqualTo(StanzaError.Condition.forbidden);
        }

        // Rejoining the closed room: history still there, still no voice.
        ChatSession again = open(customer(alice, AUDIENCE));
        assertThat(again.getRoomsList()).singleElement().satisfies(r -> assertThat(r.getOpen()).isFalse());
        try (XmppClient customer = XmppClient.signIn(prosody, again.getJid(), again.getPassword())) {
            MultiUserChat closed = customer.enter(room, "alice");
            await().atMost(WAIT).until(() -> customer.bodiesFrom(room), bodies -> bodies.contains("Please ring twice.")
                    && bodies.contains("On my way."));
            await().atMost(WAIT).until(() -> ownRole(closed) == MUCRole.visitor);
        }
    }

    @Test
    void aRedeliveredOrResentDispatchOpensOneRoomAndPostsOnce() throws Exception {
        String bob = Ids.customer();
        String order = Ids.order();
        String room = "order-" + order + "@" + prosody.roomDomain();
        var dispatched = CloudEvents.order("dispatched", order, bob);
        broker.publish("order-events", dispatched);
        broker.publish("order-events", dispatched); // the same event again (a redelivery)
        broker.publish("order-events", CloudEvents.order("dispatched", order, bob)); // re-sent with a new id

        ChatSession session = awaitRoomListed(customer(bob, AUDIENCE), order);
        assertThat(session.getRoomsList()).hasSize(1);
        try (XmppClient customer = XmppClient.signIn(prosody, session.getJid(), session.getPassword())) {
            await().atMost(WAIT).ignoreExceptions().until(() -> customer.enter(room, "bob"), r -> true);
            await().atMost(WAIT).until(() -> customer.bodiesFrom(room), bodies -> !bodies.isEmpty());
            // A later marker proves everything before it arrived: the dispatch was posted once.
            broker.publish("order-events", CloudEvents.order("cancelled", order, bob));
            await().atMost(WAIT).until(() -> customer.bodiesFrom(room), bodies -> bodies.size() >= 2);
            assertThat(customer.bodiesFrom(room)).filteredOn(b -> b.contains("courier-7")).hasSize(1);
        }
    }

    @Test
    void aCustomerOfAnotherOrderCannotEnterTheRoom() throws Exception {
        String owner = Ids.customer();
        String stranger = Ids.customer();
        String order = Ids.order();
        broker.publish("order-events", CloudEvents.order("dispatched", order, owner));
        awaitRoomListed(customer(owner, AUDIENCE), order);
        // The room exists on the server (the bot entered it) before the stranger tries.
        await().atMost(WAIT).until(() -> InternalCallers.as(chat, customer(owner, AUDIENCE))
                .listChatRooms(ListChatRoomsRequest.getDefaultInstance()).getRoomsCount() == 1);

        ChatSession session = open(customer(stranger, AUDIENCE));
        assertThat(session.getRoomsList()).isEmpty();
        try (XmppClient client = XmppClient.signIn(prosody, session.getJid(), session.getPassword())) {
            String room = "order-" + order + "@" + prosody.roomDomain();
            await().atMost(WAIT).untilAsserted(() -> assertThatThrownBy(() -> client.enter(room, "mallory"))
                    .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, e ->
                            assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.registration_required)));
            // A room that does not exist cannot be made by a user either (only the bot creates rooms).
            assertThatThrownBy(() -> client.enter("order-" + Ids.order() + "@" + prosody.roomDomain(), "mallory"))
                    .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, e ->
                            assertThat(e.getStanzaError().getCondition()).isIn(StanzaError.Condition.not_allowed,
                                    StanzaError.Condition.item_not_found, StanzaError.Condition.forbidden));
        }
    }

    @Test
    void aWrongOrExpiredPasswordIsRefused() throws Exception {
        String carol = Ids.customer();
        ChatSession session = open(customer(carol, AUDIENCE));
        assertThatThrownBy(() -> XmppClient.signIn(prosody, session.getJid(), session.getPassword() + "x"))
                .isInstanceOfSatisfying(SASLErrorException.class, e -> assertThat(e.getMechanism()).isEqualTo("SCRAM-SHA-1"))
                .hasMessageContaining("not-authorized");
        // A new session re-keys the account: the previous password no longer works.
        ChatSession next = open(customer(carol, AUDIENCE));
        assertThat(next.getPassword()).isNotEqualTo(session.getPassword()).hasSizeGreaterThanOrEqualTo(22);
        assertThatThrownBy(() -> XmppClient.signIn(prosody, session.getJid(), session.getPassword()))
                .isInstanceOf(SASLErrorException.class);
        try (XmppClient ok = XmppClient.signIn(prosody, next.getJid(), next.getPassword())) {
            assertThat(ok.connection.isAuthenticated()).isTrue();
        }
    }

    @Test
    void anOversizedStanzaEndsOnlyItsSendersStream() throws Exception {
        ChatSession session = open(customer(Ids.customer(), AUDIENCE));
        ChatSession other = open(customer(Ids.customer(), AUDIENCE));
        try (XmppClient big = XmppClient.signIn(prosody, session.getJid(), session.getPassword());
                XmppClient bystander = XmppClient.signIn(prosody, other.getJid(), other.getPassword())) {
            big.connection.sendStanza(big.connection.getStanzaFactory().buildMessageStanza()
                    .to(org.jxmpp.jid.impl.JidCreate.entityBareFrom(other.getJid())).ofType(Message.Type.chat)
                    .setBody("x".repeat(prosody.stanzaLimit() * 2)).build());
            await().atMost(WAIT).until(() -> !big.connection.isConnected());
            assertThat(bystander.received).isEmpty();
            assertThat(bystander.connection.isAuthenticated()).isTrue();
        }
    }

    @Test
    void aFloodingClientIsSlowedDownWhileOthersGoOnAsBefore() throws Exception {
        ChatSession flooding = open(customer(Ids.customer(), AUDIENCE));
        ChatSession listening = open(customer(Ids.customer(), AUDIENCE));
        ChatSession other = open(customer(Ids.customer(), AUDIENCE));
        try (XmppClient flooder = XmppClient.signIn(prosody, flooding.getJid(), flooding.getPassword());
                XmppClient listener = XmppClient.signIn(prosody, listening.getJid(), listening.getPassword());
                XmppClient bystander = XmppClient.signIn(prosody, other.getJid(), other.getPassword())) {
            var to = org.jxmpp.jid.impl.JidCreate.entityBareFrom(listening.getJid());
            // 100 KiB at once: far beyond what Prosody's mod_limits lets one client send (4 KiB/s, 2 s of burst here).
            for (int i = 0; i < 100; i++) {
                flooder.connection.sendStanza(flooder.connection.getStanzaFactory().buildMessageStanza().to(to)
                        .ofType(Message.Type.chat).setBody(i + " " + "x".repeat(1000)).build());
            }
            bystander.connection.sendStanza(bystander.connection.getStanzaFactory().buildMessageStanza().to(to)
                    .ofType(Message.Type.chat).setBody("unhurried").build());

            // The bystander's one message gets through at once, while the flood still trickles in.
            await().atMost(Duration.ofSeconds(3)).until(() -> listener.received.stream().anyMatch(m -> "unhurried".equals(m.getBody())));
            long flooded = listener.received.stream().filter(m -> m.getBody() != null && m.getBody().endsWith("xxx")).count();
            assertThat(flooded).as("flood messages through when the bystander's arrived").isLessThan(50);
            assertThat(flooder.connection.isConnected()).as("slowed down, not cut off").isTrue();
        }
    }

    @Test
    void afterAProsodyRestartTheBotSignsInAgainReentersItsRoomsAndPosts() throws Exception {
        String dave = Ids.customer();
        String order = Ids.order();
        String room = "order-" + order + "@" + prosody.roomDomain();
        broker.publish("order-events", CloudEvents.order("dispatched", order, dave));
        awaitRoomListed(customer(dave, AUDIENCE), order);

        prosody.stop();
        try {
            broker.publish("order-events", CloudEvents.order("delivered", order, dave)); // waits in the chat outbox
        } finally {
            prosody.start();
        }
        ChatSession session = await().atMost(WAIT).ignoreExceptions()
                .until(() -> open(customer(dave, AUDIENCE)), s -> true);
        try (XmppClient customer = XmppClient.signIn(prosody, session.getJid(), session.getPassword())) {
            customer.enter(room, "dave");
            await().atMost(WAIT).until(() -> customer.bodiesFrom(room), bodies -> bodies.stream().anyMatch(b -> b.contains("delivered")));
        }
    }

    @Test
    void aCustomerWhoChoseTheXmppChannelGetsNotificationsAsChatMessagesFromTheBot() throws Exception {
        String erin = Ids.customer();
        io.restassured.RestAssured.given().auth().oauth2(dev.dispatch.testsupport.jwt.Tokens.customer(erin))
                .contentType(io.restassured.http.ContentType.JSON)
                .body("{\"types\":{\"dispatch.order.paid\":{\"xmpp\":true}}}")
                .when().put("/api/notifications/preferences").then().statusCode(200);
        ChatSession session = open(customer(erin, AUDIENCE));
        try (XmppClient client = XmppClient.signIn(prosody, session.getJid(), session.getPassword())) {
            String order = Ids.order();
            broker.publish("order-events", CloudEvents.order("placed", order, erin)); // xmpp off for this type
            broker.publish("order-events", CloudEvents.order("paid", order, erin));
            await().atMost(WAIT).until(() -> client.received.stream().anyMatch(m -> m.getType() == Message.Type.chat));
            assertThat(client.received).filteredOn(m -> m.getType() == Message.Type.chat).singleElement().satisfies(m -> {
                assertThat(m.getFrom().asBareJid().toString()).isEqualTo("dispatch-bot@" + prosody.domain());
                assertThat(m.getBody()).startsWith("Payment received for order");
            });
        }
    }

    private ChatSession awaitRoomListed(String token, String order) {
        return await().atMost(WAIT).ignoreExceptions().until(() -> open(token),
                s -> s.getRoomsList().stream().anyMatch(r -> r.getOrderId().equals(order)));
    }

    /** OpenChatSession for the user the internal token names, as the gateway calls it. */
    private ChatSession open(String token) {
        return InternalCallers.as(chat, token).openChatSession(OpenChatSessionRequest.getDefaultInstance());
    }

    private static MUCRole ownRole(MultiUserChat room) throws Exception {
        var occupant = room.getOccupant(org.jxmpp.jid.impl.JidCreate.entityFullFrom(room.getRoom(), room.getNickname()));
        return occupant == null ? null : occupant.getRole();
    }

    private static int errors(XmppClient client) {
        return (int) client.received.stream().filter(m -> m.getType() == Message.Type.error).count();
    }

    private static StanzaError lastError(XmppClient client) {
        return client.received.stream().filter(m -> m.getType() == Message.Type.error).reduce((a, b) -> b).orElseThrow().getError();
    }
}
