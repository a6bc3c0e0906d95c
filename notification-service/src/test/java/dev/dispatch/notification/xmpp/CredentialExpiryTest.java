package dev.dispatch.notification.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jivesoftware.smack.sasl.SASLErrorException;
import org.junit.jupiter.api.Test;

import dev.dispatch.notification.support.Ids;
import dev.dispatch.notification.support.XmppClient;
import dev.dispatch.proto.chat.v1.ChatServiceGrpc;
import dev.dispatch.proto.chat.v1.ChatSession;
import dev.dispatch.proto.chat.v1.OpenChatSessionRequest;
import dev.dispatch.testsupport.amqp.BrokerConnected;
import dev.dispatch.testsupport.internal.InternalCallers;
import dev.dispatch.testsupport.xmpp.ProsodyTestResource;
import dev.dispatch.testsupport.xmpp.TestProsody;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * OpenChatSession's password is short-lived: once its time is up the account is re-keyed to a password nobody knows,
 * so it no longer signs in, and Prosody closes the session opened with it in time (it does so on a password change).
 */
@QuarkusTest
@TestProfile(CredentialExpiryTest.ShortLived.class)
class CredentialExpiryTest extends BrokerConnected {

    public static class ShortLived implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dispatch.xmpp.credential-ttl", "3s");
        }
    }

    @GrpcClient("chat")
    ChatServiceGrpc.ChatServiceBlockingStub chat;

    private final TestProsody prosody = ProsodyTestResource.prosody();

    @Test
    void anExpiredPasswordNoLongerSignsInAndItsSessionIsClosed() throws Exception {
        ChatSession session = InternalCallers.as(chat, InternalCallers.customer(Ids.customer(), "notification-service"))
                .openChatSession(OpenChatSessionRequest.getDefaultInstance());
        Instant expiresAt = Instant.ofEpochSecond(session.getExpiresAt().getSeconds(), session.getExpiresAt().getNanos());
        assertThat(expiresAt).isBetween(Instant.now(), Instant.now().plusSeconds(4));

        try (XmppClient inTime = XmppClient.signIn(prosody, session.getJid(), session.getPassword())) {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThatThrownBy(() -> XmppClient.signIn(prosody, session.getJid(), session.getPassword()).close())
                            .isInstanceOf(SASLErrorException.class).hasMessageContaining("not-authorized"));
            assertThat(Instant.now()).isAfter(expiresAt);
            await().atMost(Duration.ofSeconds(10)).until(() -> !inTime.connection.isAuthenticated());
        }
    }
}
