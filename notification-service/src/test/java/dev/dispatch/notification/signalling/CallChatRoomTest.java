package dev.dispatch.notification.signalling;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.dispatch.notification.support.CloudEvents;
import dev.dispatch.notification.support.Ids;
import dev.dispatch.notification.support.WsClient;
import dev.dispatch.notification.support.XmppClient;
import dev.dispatch.proto.chat.v1.ChatServiceGrpc;
import dev.dispatch.proto.chat.v1.ChatSession;
import dev.dispatch.proto.chat.v1.OpenChatSessionRequest;
import dev.dispatch.testsupport.amqp.BrokerConnected;
import dev.dispatch.testsupport.internal.InternalCallers;
import dev.dispatch.testsupport.jwt.Tokens;
import dev.dispatch.testsupport.xmpp.ProsodyTestResource;
import dev.dispatch.testsupport.xmpp.TestProsody;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;

/** With XMPP on (the real Prosody of the tests), an ended call is also a line in the order's chat room, posted by the bot. */
@QuarkusTest
class CallChatRoomTest extends BrokerConnected {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @GrpcClient("chat")
    ChatServiceGrpc.ChatServiceBlockingStub chat;

    private final TestProsody prosody = ProsodyTestResource.prosody();

    @Test
    void anEndedCallIsPostedInTheOrdersRoom() throws Exception {
        String customerId = Ids.customer();
        String courierId = "courier-" + UUID.randomUUID().toString().substring(0, 8);
        String order = Ids.order();
        String room = "order-" + order + "@" + prosody.roomDomain();
        broker.publish("order-events", CloudEvents.dispatched(order, customerId, courierId));
        var customerChat = InternalCallers.as(chat, InternalCallers.customer(customerId, "notification-service"));
        ChatSession session = await().atMost(WAIT).ignoreExceptions()
                .until(() -> customerChat.openChatSession(OpenChatSessionRequest.getDefaultInstance()),
                        s -> s.getRoomsList().stream().anyMatch(r -> r.getOrderId().equals(order)));

        String callId = UUID.randomUUID().toString();
        try (WsClient customer = WsClient.connectCalls(vertx, Tokens.customer(customerId));
                WsClient courier = WsClient.connectCalls(vertx, Tokens.ofGroup(courierId, "courier"))) {
            courier.send(CallSignallingTest.call(callId, order, "audio"));
            customer.awaitType("call");
            customer.send(CallSignallingTest.message("busy", callId));
            courier.awaitType("hangup");
        }

        try (XmppClient member = XmppClient.signIn(prosody, session.getJid(), session.getPassword())) {
            await().atMost(WAIT).ignoreExceptions().until(() -> member.enter(room, "customer"), r -> true);
            await().atMost(WAIT).until(() -> member.bodiesFrom(room),
                    bodies -> bodies.contains("Audio call from the courier to the customer: busy."));
        }
    }
}
