package dev.dispatch.contracts;

import static dev.dispatch.contracts.EventSchemasTest.assertInvalid;
import static dev.dispatch.contracts.Json.with;
import static dev.dispatch.contracts.Json.without;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The calls' signalling on notification-service's /ws/calls (websocket/call-signal.v1.json and its channel): every
 * message a page sends and every one the server sends, as the README of notification-service describes them, and what
 * is outside the protocol. A message is tested by its direction's definition, so that a page's message cannot pass
 * for the server's or the other way round.
 */
class CallSignalSchemaTest {

    static final String FILE = "websocket/call-signal.v1.json";
    static final String TO_SERVER = FILE + "#/$defs/toServer";
    static final String TO_CLIENT = FILE + "#/$defs/toClient";
    private static final String CALL_ID = "0b6f3c1a-2d4e-4f5a-8b9c-0d1e2f3a4b5c";
    private static final String ORDER_ID = "3f2a9c1e-5b7d-4c8e-9f01-23456789abcd";

    // As js/calls.js writes them.
    static final Map<String, ObjectNode> FROM_PAGE = Map.of(
            "call", Json.object("{'type':'call','callId':'" + CALL_ID + "','orderId':'" + ORDER_ID + "','media':'video'}"),
            "offer", Json.object("{'type':'offer','sdp':'v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\n','callId':'" + CALL_ID + "'}"),
            "answer", Json.object("{'type':'answer','sdp':'v=0\\r\\n','callId':'" + CALL_ID + "'}"),
            "candidate", Json.object("{'type':'candidate','callId':'" + CALL_ID + "','candidate':"
                    + "{'candidate':'candidate:1 1 udp 2122260223 192.0.2.20 50000 typ host','sdpMid':'0','sdpMLineIndex':0}}"),
            "ringing", Json.object("{'type':'ringing','callId':'" + CALL_ID + "'}"),
            "busy", Json.object("{'type':'busy','callId':'" + CALL_ID + "'}"),
            "hangup", Json.object("{'type':'hangup','callId':'" + CALL_ID + "'}"),
            "ping", Json.object("{'type':'ping'}"));

    // As notification-service's CallMessages writes them.
    private static final String FROM = "'from':{'id':'alice','role':'customer'}";
    static final Map<String, ObjectNode> FROM_SERVER = Map.of(
            "call", Json.object("{'type':'call','callId':'" + CALL_ID + "'," + FROM + ",'orderId':'" + ORDER_ID + "','media':'audio'}"),
            "offer", Json.object("{'type':'offer','callId':'" + CALL_ID + "'," + FROM + ",'sdp':'v=0'}"),
            "answer", Json.object("{'type':'answer','callId':'" + CALL_ID + "'," + FROM + ",'sdp':'v=0'}"),
            "candidate", Json.object("{'type':'candidate','callId':'" + CALL_ID + "'," + FROM + ",'candidate':{'candidate':'candidate:1','sdpMid':'0','sdpMLineIndex':0}}"),
            "ringing", Json.object("{'type':'ringing','callId':'" + CALL_ID + "'," + FROM + "}"),
            "hangup", Json.object("{'type':'hangup','callId':'" + CALL_ID + "'," + FROM + ",'reason':'busy'}"),
            "error", Json.object("{'type':'error','code':'no-such-call','message':'Call " + CALL_ID + " is over','callId':'" + CALL_ID + "'}"),
            "pong", Json.object("{'type':'pong'}"));

    @Test
    void everyMessageAPageSendsIsAClientMessageAndNoServerOne() {
        assertThat(FROM_PAGE.keySet()).isEqualTo(types(TO_SERVER));
        FROM_PAGE.forEach((type, message) -> {
            assertThat(Documents.errors(TO_SERVER, message)).as(type).isEmpty();
            assertThat(Documents.errors(FILE, message)).as(type + " by the whole file").isEmpty();
            assertThat(Documents.errors(TO_CLIENT, message)).as(type + " is not the server's").isNotEmpty();
        });
        // An operator says whom; a candidate may have no mid and index (RTCIceCandidateInit), upper-case ids are UUIDs too.
        assertThat(Documents.errors(TO_SERVER, with(FROM_PAGE.get("call"), "/to", "courier"))).isEmpty();
        assertThat(Documents.errors(TO_SERVER, with(FROM_PAGE.get("call"), "/to", "customer"))).isEmpty();
        assertThat(Documents.errors(TO_SERVER, with(with(FROM_PAGE.get("candidate"), "/candidate/sdpMid", null),
                "/candidate/sdpMLineIndex", null))).isEmpty();
        assertThat(Documents.errors(TO_SERVER, with(FROM_PAGE.get("hangup"), "/callId", CALL_ID.toUpperCase()))).isEmpty();
    }

    @Test
    void everyMessageTheServerSendsIsAServerMessageAndNoClientOne() {
        assertThat(FROM_SERVER.keySet()).isEqualTo(types(TO_CLIENT));
        FROM_SERVER.forEach((type, message) -> {
            assertThat(Documents.errors(TO_CLIENT, message)).as(type).isEmpty();
            assertThat(Documents.errors(FILE, message)).as(type + " by the whole file").isEmpty();
            assertThat(Documents.errors(TO_SERVER, message)).as(type + " is not a page's").isNotEmpty();
        });
        ObjectNode hangup = FROM_SERVER.get("hangup");
        for (String reason : List.of("hangup", "busy", "timeout", "disconnected", "answered-elsewhere")) {
            assertThat(Documents.errors(TO_CLIENT, with(hangup, "/reason", reason))).as(reason).isEmpty();
        }
        assertThat(Documents.errors(TO_CLIENT, without(with(hangup, "/reason", "timeout"), "/from"))).as("the server ended it").isEmpty();
        for (String code : List.of("bad-message", "not-a-party", "no-such-call", "order-not-callable", "rate-limited", "unavailable")) {
            assertThat(Documents.errors(TO_CLIENT, with(FROM_SERVER.get("error"), "/code", code))).as(code).isEmpty();
        }
        assertThat(Documents.errors(TO_CLIENT, without(FROM_SERVER.get("error"), "/callId"))).as("an error of no call").isEmpty();
        for (String role : List.of("customer", "courier", "operator")) {
            assertThat(Documents.errors(TO_CLIENT, with(FROM_SERVER.get("call"), "/from/role", role))).as(role).isEmpty();
        }
    }

    @Test
    void aPagesMessageTheServerRefusesAsABadMessage() {
        for (String type : List.of("call", "offer", "answer", "candidate", "ringing", "busy", "hangup")) {
            assertInvalid(TO_SERVER, without(FROM_PAGE.get(type), "/callId"), "callId");
            assertInvalid(TO_SERVER, with(FROM_PAGE.get(type), "/callId", "call-1"), "uuid");
            assertInvalid(TO_SERVER, with(FROM_PAGE.get(type), "/callId", 7), "callId");
            // A page cannot say who it is: the server does, from the token.
            assertInvalid(TO_SERVER, with(FROM_PAGE.get(type), "/from", Json.object("{'id':'bob','role':'operator'}")), "from");
        }
        assertInvalid(TO_SERVER, with(FROM_PAGE.get("hangup"), "/type", "dance"), "type");
        assertInvalid(FILE, with(FROM_PAGE.get("hangup"), "/type", "dance"), "type");
        assertInvalid(TO_SERVER, without(FROM_PAGE.get("hangup"), "/type"), "type");
        assertInvalid(TO_SERVER, with(FROM_PAGE.get("hangup"), "/type", 1), "type");
        assertInvalid(TO_SERVER, Documents.parse("[]"), "object");
        ObjectNode call = FROM_PAGE.get("call");
        assertInvalid(TO_SERVER, without(call, "/orderId"), "orderId");
        assertInvalid(TO_SERVER, with(call, "/orderId", "  "), "orderId");
        assertInvalid(TO_SERVER, with(call, "/orderId", "o".repeat(101)), "orderId");
        assertInvalid(TO_SERVER, without(call, "/media"), "media");
        assertInvalid(TO_SERVER, with(call, "/media", "screen"), "media");
        assertInvalid(TO_SERVER, with(call, "/to", "operator"), "to");
        for (String type : List.of("offer", "answer")) {
            assertInvalid(TO_SERVER, without(FROM_PAGE.get(type), "/sdp"), "sdp");
            assertInvalid(TO_SERVER, with(FROM_PAGE.get(type), "/sdp", ""), "sdp");
            assertInvalid(TO_SERVER, with(FROM_PAGE.get(type), "/sdp", " \r\n"), "sdp");
        }
        ObjectNode candidate = FROM_PAGE.get("candidate");
        assertInvalid(TO_SERVER, with(candidate, "/candidate", 5), "candidate");
        assertInvalid(TO_SERVER, without(candidate, "/candidate/candidate"), "candidate");
        assertInvalid(TO_SERVER, with(candidate, "/candidate/sdpMLineIndex", -1), "sdpMLineIndex");
    }

    /** No frame is longer than 16 KiB (the server closes the socket with 1009), so neither is an sdp or a candidate. */
    @Test
    void anSdpOrCandidateLongerThanAFrameIsOutside() {
        assertThat(Documents.errors(TO_SERVER, with(FROM_PAGE.get("offer"), "/sdp", "v".repeat(16 * 1024)))).isEmpty();
        assertInvalid(TO_SERVER, with(FROM_PAGE.get("offer"), "/sdp", "v".repeat(16 * 1024 + 1)), "at most");
        assertInvalid(TO_CLIENT, with(FROM_SERVER.get("answer"), "/sdp", "v".repeat(16 * 1024 + 1)), "at most");
        assertInvalid(TO_SERVER, with(FROM_PAGE.get("candidate"), "/candidate/candidate", "c".repeat(16 * 1024 + 1)), "at most");
    }

    @Test
    void aServerMessageOutsideTheProtocol() {
        ObjectNode hangup = FROM_SERVER.get("hangup");
        assertInvalid(TO_CLIENT, with(hangup, "/reason", "cancelled"), "reason");
        assertInvalid(TO_CLIENT, without(hangup, "/reason"), "reason");
        assertInvalid(TO_CLIENT, without(hangup, "/callId"), "callId");
        for (String type : List.of("call", "offer", "answer", "candidate", "ringing")) {
            assertInvalid(TO_CLIENT, without(FROM_SERVER.get(type), "/from"), "from");
            assertInvalid(TO_CLIENT, without(FROM_SERVER.get(type), "/callId"), "callId");
        }
        assertInvalid(TO_CLIENT, with(FROM_SERVER.get("ringing"), "/from/role", "admin"), "role");
        assertInvalid(TO_CLIENT, without(FROM_SERVER.get("ringing"), "/from/id"), "id");
        assertInvalid(TO_CLIENT, without(FROM_SERVER.get("call"), "/orderId"), "orderId");
        assertInvalid(TO_CLIENT, without(FROM_SERVER.get("call"), "/media"), "media");
        assertInvalid(TO_CLIENT, with(FROM_SERVER.get("error"), "/code", "oops"), "code");
        assertInvalid(TO_CLIENT, without(FROM_SERVER.get("error"), "/message"), "message");
        assertInvalid(TO_CLIENT, Json.object("{'type':'busy','callId':'" + CALL_ID + "'," + FROM + "}"), "type");  // busy reaches the caller as hangup
        assertInvalid(TO_CLIENT, Json.object("{'type':'welcome'}"), "type");
    }

    /**
     * The channel: a page's messages (named by their type) are sent by web and received by notification-service, the
     * server's the other way round; each direction's messages are exactly the types its definition allows, and every
     * example is valid by its message's own definition.
     */
    @Test
    void theChannelSaysWhoSendsWhichMessages() {
        JsonNode doc = Documents.asyncApi();
        JsonNode channel = doc.at("/channels/callSignals");
        assertThat(channel.path("address").asText()).isEqualTo("/ws/calls");
        assertThat(channel.at("/servers/0/$ref").asText()).isEqualTo("#/servers/notification-ws");
        assertThat(doc.at("/servers/notification-ws/protocol").asText()).isEqualTo("ws");
        assertThat(doc.at("/components/securitySchemes/accessTokenQuery/name").asText()).isEqualTo("access_token");
        assertThat(doc.at("/components/securitySchemes/accessTokenQuery/in").asText()).isEqualTo("query");

        Set<String> toServerTypes = new TreeSet<>();
        Set<String> toClientTypes = new TreeSet<>();
        Set<String> pageNames = new TreeSet<>();
        Set<String> serverNames = new TreeSet<>();
        channel.path("messages").forEach(reference -> {
            JsonNode message = doc.at(reference.path("$ref").asText().substring(1));
            String payload = message.at("/payload/$ref").asText();
            String name = message.path("name").asText();
            String schema = switch (payload) {
                case "./" + TO_SERVER -> TO_SERVER;
                case "./" + TO_CLIENT -> TO_CLIENT;
                default -> throw new AssertionError(name + ": the payload is one direction's definition, not " + payload);
            };
            (schema.equals(TO_SERVER) ? pageNames : serverNames).add(name);
            assertThat(message.path("examples").size()).as(name + " examples").isPositive();
            for (JsonNode example : message.path("examples")) {
                assertThat(Documents.errors(schema, example.path("payload"))).as(name + " example " + example.path("name").asText()).isEmpty();
                String type = example.at("/payload/type").asText();
                if (schema.equals(TO_SERVER)) {
                    assertThat(type).as(name + ": a page's message is named by its type").isEqualTo(name);
                    toServerTypes.add(type);
                } else {
                    toClientTypes.add(type);
                }
            }
        });
        assertThat(toServerTypes).isEqualTo(types(TO_SERVER));
        assertThat(toClientTypes).isEqualTo(types(TO_CLIENT));
        assertThat(operationMessageNames(doc, "web-sends-call-signals")).isEqualTo(pageNames);
        assertThat(operationMessageNames(doc, "notification-service-receives-call-signals")).isEqualTo(pageNames);
        assertThat(operationMessageNames(doc, "notification-service-sends-call-signals")).isEqualTo(serverNames);
        assertThat(operationMessageNames(doc, "web-receives-call-signals")).isEqualTo(serverNames);
    }

    private static Set<String> types(String definition) {
        String pointer = definition.substring(definition.indexOf('#') + 1);
        Set<String> types = new TreeSet<>();
        Documents.json(FILE).at(pointer + "/properties/type/enum").forEach(type -> types.add(type.asText()));
        assertThat(types).as(definition).isNotEmpty();
        return types;
    }

    private static Set<String> operationMessageNames(JsonNode doc, String operation) {
        List<String> names = new ArrayList<>();
        doc.at("/operations/" + operation + "/messages").forEach(reference -> {
            JsonNode onChannel = doc.at(reference.path("$ref").asText().substring(1));
            names.add(doc.at(onChannel.path("$ref").asText().substring(1)).path("name").asText());
        });
        assertThat(names).as(operation).isNotEmpty().doesNotHaveDuplicates();
        return new TreeSet<>(names);
    }
}
