package dev.dispatch.notification.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Client messages are parsed strictly: each mistake is a BadClientMessage with a code and a reason for the client. */
class ClientMessagesTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static ClientMessage parse(String text) throws BadClientMessage {
        return ClientMessages.parse(MAPPER, text);
    }

    static BadClientMessage bad(String text) {
        BadClientMessage bad = catchThrowableOfType(BadClientMessage.class, () -> parse(text));
        assertThat(bad).as(text).isNotNull();
        return bad;
    }

    @Test
    void theFourMessages() throws Exception {
        assertThat(parse("{\"type\":\"ack\",\"ids\":[\"41\",42]}")).isEqualTo(new ClientMessage.Ack(List.of(41L, 42L)));
        assertThat(parse("{\"type\":\"subscribe\",\"orderId\":\"o-1\"}")).isEqualTo(new ClientMessage.Subscribe("o-1"));
        assertThat(parse("{\"type\":\"unsubscribe\",\"orderId\":\"o-1\"}")).isEqualTo(new ClientMessage.Unsubscribe("o-1"));
        assertThat(parse("{\"type\":\"ping\"}")).isEqualTo(new ClientMessage.Ping());
        assertThat(parse("{\"type\":\"ping\",\"extra\":true}")).as("extra fields are ignored").isEqualTo(new ClientMessage.Ping());
    }

    @Test
    void aMessageMustBeAJsonObjectWithAStringType() {
        BadClientMessage notJson = bad("{not json");
        assertThat(notJson.code()).isEqualTo("malformed");
        assertThat(notJson).hasMessage("The message is not JSON");
        for (String text : new String[] { "[]", "\"ping\"", "42", "{}", "{\"type\":7}", "{\"type\":null}", "" }) {
            assertThat(bad(text).code()).as(text).isEqualTo("malformed");
        }
        assertThat(bad("{}")).hasMessage("A message is a JSON object with a string 'type'");
    }

    @Test
    void anUnknownTypeIsNamedAbbreviated() {
        BadClientMessage bad = bad("{\"type\":\"hello\"}");
        assertThat(bad.code()).isEqualTo("unknown-type");
        assertThat(bad).hasMessage("Unknown message type 'hello'; known: ack, subscribe, unsubscribe, ping");
        assertThat(bad("{\"type\":\"" + "x".repeat(100) + "\"}"))
                .hasMessage("Unknown message type '" + "x".repeat(40) + "…'; known: ack, subscribe, unsubscribe, ping");
        assertThat(bad("{\"type\":\"ACK\"}").code()).as("types are case-sensitive").isEqualTo("unknown-type");
    }

    @Test
    void anAckNeedsOneToFiveHundredIds() throws Exception {
        String rule = "ack needs 'ids': 1 to 500 notification ids";
        for (String text : new String[] { "{\"type\":\"ack\"}", "{\"type\":\"ack\",\"ids\":[]}", "{\"type\":\"ack\",\"ids\":\"41\"}",
                "{\"type\":\"ack\",\"ids\":null}" }) {
            BadClientMessage bad = bad(text);
            assertThat(bad.code()).as(text).isEqualTo("invalid");
            assertThat(bad).as(text).hasMessage(rule);
        }
        String ids = String.join(",", java.util.Collections.nCopies(ClientMessages.MAX_ACK_IDS, "\"1\""));
        assertThat(((ClientMessage.Ack) parse("{\"type\":\"ack\",\"ids\":[" + ids + "]}")).seqs()).hasSize(ClientMessages.MAX_ACK_IDS);
        assertThat(bad("{\"type\":\"ack\",\"ids\":[" + ids + ",\"2\"]}")).hasMessage(rule);
    }

    @Test
    void anIdIsAPositiveWholeNumberAsTextOrNumber() {
        for (String id : new String[] { "\"abc\"", "\"0\"", "0", "-3", "\"-3\"", "1.5", "\"1.5\"", "\"99999999999999999999\"", "null", "{}",
                "true", "\"\"" }) {
            BadClientMessage bad = bad("{\"type\":\"ack\",\"ids\":[\"1\"," + id + "]}");
            assertThat(bad.code()).as(id).isEqualTo("invalid");
            assertThat(bad.getMessage()).as(id).endsWith("' is not a notification id");
        }
        assertThat(bad("{\"type\":\"ack\",\"ids\":[\"abc\"]}")).hasMessage("'\"abc\"' is not a notification id");
    }

    @Test
    void subscribingNeedsAnOrderIdOfLimitedLength() throws Exception {
        for (String type : new String[] { "subscribe", "unsubscribe" }) {
            for (String orderId : new String[] { null, "\"\"", "\"  \"", "42", "[\"o-1\"]", "\"" + "o".repeat(101) + "\"" }) {
                String text = "{\"type\":\"" + type + "\"" + (orderId == null ? "" : ",\"orderId\":" + orderId) + "}";
                BadClientMessage bad = bad(text);
                assertThat(bad.code()).as(text).isEqualTo("invalid");
                assertThat(bad).as(text).hasMessage(type + " needs 'orderId': the id of an order");
            }
        }
        assertThat(parse("{\"type\":\"subscribe\",\"orderId\":\"" + "o".repeat(ClientMessages.MAX_ORDER_ID_LENGTH) + "\"}"))
                .isInstanceOf(ClientMessage.Subscribe.class);
    }
}
