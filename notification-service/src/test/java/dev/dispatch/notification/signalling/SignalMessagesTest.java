package dev.dispatch.notification.signalling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dispatch.notification.model.ClientSignal;
import dev.dispatch.notification.model.Media;
import dev.dispatch.notification.model.PartyRole;

/** What a client may send on /ws/calls, and the errors for what it may not. */
class SignalMessagesTest {

    final ObjectMapper mapper = new ObjectMapper();
    final String callId = UUID.randomUUID().toString();

    @Test
    void eachTypeWithItsFields() throws Exception {
        ClientSignal call = parse("{\"type\":\"call\",\"callId\":\"" + callId + "\",\"orderId\":\"o-1\",\"to\":\"courier\",\"media\":\"video\"}");
        assertThat(call.type()).isEqualTo(ClientSignal.Type.CALL);
        assertThat(call.callId()).hasToString(callId);
        assertThat(call.orderId()).isEqualTo("o-1");
        assertThat(call.to()).isEqualTo(PartyRole.COURIER);
        assertThat(call.media()).isEqualTo(Media.VIDEO);
        assertThat(parse("{\"type\":\"call\",\"callId\":\"" + callId + "\",\"orderId\":\"o-1\",\"media\":\"audio\"}").to()).isNull();
        assertThat(parse("{\"type\":\"offer\",\"callId\":\"" + callId + "\",\"sdp\":\"v=0\"}").sdp()).isEqualTo("v=0");
        assertThat(parse("{\"type\":\"answer\",\"callId\":\"" + callId + "\",\"sdp\":\"v=0\"}").type()).isEqualTo(ClientSignal.Type.ANSWER);
        assertThat(parse("{\"type\":\"candidate\",\"callId\":\"" + callId
                + "\",\"candidate\":{\"candidate\":\"candidate:1 1 udp 1 10.0.0.1 5000 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}")
                .candidate().path("sdpMid").asText()).isEqualTo("0");
        assertThat(parse("{\"type\":\"candidate\",\"callId\":\"" + callId + "\",\"candidate\":{\"candidate\":\"\"}}").candidate()).isNotNull();
        for (String type : new String[] { "ringing", "busy", "hangup" }) {
            assertThat(parse("{\"type\":\"" + type + "\",\"callId\":\"" + callId + "\"}").type().key()).isEqualTo(type);
        }
        assertThat(parse("{\"type\":\"ping\"}").type()).isEqualTo(ClientSignal.Type.PING);
    }

    @Test
    void whatIsNotAMessageOfTheProtocolSaysWhy() {
        assertBad("not json", "not JSON");
        assertBad("[1]", "JSON object");
        assertBad("{\"callId\":\"" + callId + "\"}", "'type'");
        assertBad("{\"type\":\"dance\",\"callId\":\"" + callId + "\"}", "Unknown message type 'dance'");
        assertBad("{\"type\":\"hangup\"}", "callId");
        assertBad("{\"type\":\"hangup\",\"callId\":\"42\"}", "callId");
        assertBad("{\"type\":\"call\",\"callId\":\"" + callId + "\",\"media\":\"video\"}", "orderId");
        assertBad("{\"type\":\"call\",\"callId\":\"" + callId + "\",\"orderId\":\"o-1\"}", "media");
        assertBad("{\"type\":\"call\",\"callId\":\"" + callId + "\",\"orderId\":\"o-1\",\"media\":\"smell\"}", "media");
        assertBad("{\"type\":\"call\",\"callId\":\"" + callId + "\",\"orderId\":\"o-1\",\"media\":\"audio\",\"to\":\"operator\"}", "'to'");
        assertBad("{\"type\":\"offer\",\"callId\":\"" + callId + "\"}", "sdp");
        assertBad("{\"type\":\"answer\",\"callId\":\"" + callId + "\",\"sdp\":7}", "sdp");
        assertBad("{\"type\":\"candidate\",\"callId\":\"" + callId + "\",\"candidate\":\"x\"}", "candidate");
        assertBad("{\"type\":\"candidate\",\"callId\":\"" + callId + "\"}", "candidate");
    }

    private ClientSignal parse(String text) throws SignalMessages.BadSignal {
        return SignalMessages.parse(mapper, text);
    }

    private void assertBad(String text, String says) {
        assertThatThrownBy(() -> parse(text)).as(text).isInstanceOf(SignalMessages.BadSignal.class).hasMessageContaining(says);
    }
}
