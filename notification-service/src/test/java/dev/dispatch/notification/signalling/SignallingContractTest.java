package dev.dispatch.notification.signalling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import dev.dispatch.notification.support.CloudEvents;
import dev.dispatch.notification.support.Ids;
import dev.dispatch.notification.support.WsClient;
import dev.dispatch.testsupport.amqp.BrokerConnected;
import dev.dispatch.testsupport.contracts.Contracts;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/**
 * The server's side of the signalling contract (contracts/websocket/call-signal.v1.json, channel /ws/calls of
 * contracts/asyncapi.yaml), with real WebSocket clients: every message the server sends in real calls that end in
 * every way, and its errors, is a server message of the contract (by the schema's toClient definition, so that it
 * cannot pass for a client's); and the contract's example client messages, played as a real call, are all accepted.
 */
@QuarkusTest
class SignallingContractTest extends BrokerConnected {

    static final String SCHEMA = "websocket/call-signal.v1.json";
    static final String ADDRESS = "/ws/calls";
    private static final ObjectMapper JSON = new ObjectMapper();
    // Contracts validates whole files; one direction of the protocol is a definition inside the file.
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(Contracts.BASE_URI, "classpath:" + Contracts.CLASSPATH_ROOT)));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).locale(Locale.ROOT).build();
    private static final JsonSchema TO_CLIENT = definition("toClient");
    private static final JsonSchema TO_SERVER = definition("toServer");

    @Inject
    Pool pool;

    @Test
    void everyMessageTheServerSendsIsAServerMessageOfTheContract() throws Exception {
        Order order = dispatchedOrder();
        try (WsClient customer = WsClient.connectCalls(vertx, Tokens.customer(order.customer));
                WsClient phone = WsClient.connectCalls(vertx, Tokens.ofGroup(order.courier, "courier"));
                WsClient tablet = WsClient.connectCalls(vertx, Tokens.ofGroup(order.courier, "courier"));
                WsClient operator = WsClient.connectCalls(vertx, Tokens.operator(Ids.operator()));
                WsClient stranger = WsClient.connectCalls(vertx, Tokens.customer(Ids.customer()));
                WsClient flooder = WsClient.connectCalls(vertx, Tokens.customer(Ids.customer()))) {
            List<WsClient> everyone = List.of(customer, phone, tablet, operator, stranger, flooder);

            // Answered on one tab (the other is told), candidates both ways, hung up.
            String answered = UUID.randomUUID().toString();
            customer.send(call(answered, order.id, "video"));
            customer.send(message("offer", answered).put("sdp", "v=0 offer"));
            awaitMessage(tablet, "offer", answered);
            awaitMessage(phone, "offer", answered);
            phone.send(message("ringing", answered));
            phone.send(message("answer", answered).put("sdp", "v=0 answer"));
            awaitMessage(tablet, "hangup", answered);
            customer.send(candidate(answered, "from-the-customer"));
            phone.send(candidate(answered, "from-the-courier"));
            awaitMessage(customer, "candidate", answered);
            awaitMessage(phone, "candidate", answered);
            customer.send(message("hangup", answered));
            awaitMessage(phone, "hangup", answered);

            // The courier calls, the customer declines.
            String declined = UUID.randomUUID().toString();
            phone.send(call(declined, order.id, "audio"));
            awaitMessage(customer, "call", declined);
            customer.send(message("busy", declined));
            awaitMessage(phone, "hangup", declined);

            // Nobody answers (ring-timeout is 2 s in tests): the server ends it.
            String missed = UUID.randomUUID().toString();
            customer.send(call(missed, order.id, "audio"));
            awaitMessage(customer, "hangup", missed);
            awaitMessage(tablet, "hangup", missed);

            // An operator calls the courier; the answering tab's socket closes mid-call.
            String dropped = UUID.randomUUID().toString();
            operator.send(call(dropped, order.id, "video").put("to", "courier"));
            awaitMessage(tablet, "call", dropped);
            tablet.send(message("answer", dropped).put("sdp", "v=0 answer"));
            awaitMessage(operator, "answer", dropped);
            awaitMessage(phone, "hangup", dropped);
            tablet.close();
            awaitMessage(operator, "hangup", dropped);

            // Refusals.
            stranger.sendText("not json");
            stranger.send(call(UUID.randomUUID().toString(), order.id, "video"));
            stranger.send(message("hangup", UUID.randomUUID().toString()));
            stranger.send(call(UUID.randomUUID().toString(), Ids.order(), "video"));
            for (int i = 0; i < 60; i++) { // connectCalls sent one ping already: the 61st message in 10 s is refused
                flooder.send(new JsonObject().put("type", "ping"));
            }
            await().atMost(WsClient.WAIT).until(() -> stranger.ofType("error").size() == 4 && !flooder.ofType("error").isEmpty());
            for (WsClient client : List.of(customer, phone, operator, stranger)) {
                client.roundTrip();
            }

            List<JsonObject> sent = everyone.stream().flatMap(client -> client.received().stream()).toList();
            for (JsonObject message : sent) {
                assertThat(errors(TO_CLIENT, message)).as(message.encode()).isEmpty();
                assertThat(Contracts.errors(SCHEMA, message.encode())).as(message.encode()).isEmpty();
                assertThat(errors(TO_SERVER, message)).as("not a client's: " + message.encode()).isNotEmpty();
            }
            // and the calls above made the server send every kind of message there is
            assertThat(values(sent, "type")).isEqualTo(enumOf("toClient", "/properties/type/enum"));
            assertThat(values(ofType(sent, "hangup"), "reason")).isEqualTo(enumOf("ended", "/properties/reason/enum"));
            assertThat(values(ofType(sent, "error"), "code")).isEqualTo(without(enumOf("error", "/properties/code/enum"), "unavailable"));
            assertThat(sent.stream().filter(m -> m.containsKey("from")).map(m -> m.getJsonObject("from").getString("role")).distinct())
                    .containsExactlyInAnyOrder("customer", "courier", "operator");
            assertThat(ofType(sent, "hangup").stream().filter(m -> !m.containsKey("from")).map(m -> m.getString("reason")).distinct())
                    .as("only the server's own hang-ups have no from").containsExactly("timeout");
        }
    }

    /** The document's examples of what a page sends, with a real order and fresh call ids, are all relayed, none refused. */
    @Test
    void theContractsExampleClientMessagesAreAccepted() throws Exception {
        Map<String, List<JsonNode>> examples = Contracts.examples(ADDRESS);
        Set<String> fromPages = clientMessageNames();
        assertThat(fromPages).isEqualTo(enumOf("toServer", "/properties/type/enum"));
        Order order = dispatchedOrder();
        try (WsClient customer = WsClient.connectCalls(vertx, Tokens.customer(order.customer));
                WsClient courier = WsClient.connectCalls(vertx, Tokens.ofGroup(order.courier, "courier"));
                WsClient operator = WsClient.connectCalls(vertx, Tokens.operator(Ids.operator()))) {
            List<JsonObject> calls = examples.get("call").stream().map(example -> new JsonObject(example.toString())).toList();
            assertThat(calls).anyMatch(c -> !c.containsKey("to")).anyMatch(c -> c.containsKey("to"));

            // A call played from the examples: the customer's call and offer, the courier's ringing, answer and
            // candidate, the customer's candidate and hangup.
            String callId = UUID.randomUUID().toString();
            JsonObject customersCall = calls.stream().filter(c -> !c.containsKey("to")).findFirst().orElseThrow();
            customer.send(example(customersCall, callId, order.id));
            customer.send(example(examples, "offer", callId));
            assertThat(awaitMessage(courier, "call", callId).getString("orderId")).isEqualTo(order.id);
            assertThat(awaitMessage(courier, "offer", callId).getString("sdp")).isEqualTo(examples.get("offer").get(0).path("sdp").asText());
            courier.send(example(examples, "ringing", callId));
            courier.send(example(examples, "answer", callId));
            courier.send(example(examples, "candidate", callId));
            awaitMessage(customer, "ringing", callId);
            awaitMessage(customer, "answer", callId);
            assertThat(awaitMessage(customer, "candidate", callId).getJsonObject("candidate"))
                    .isEqualTo(new JsonObject(examples.get("candidate").get(0).path("candidate").toString()));
            customer.send(example(examples, "candidate", callId));
            awaitMessage(courier, "candidate", callId);
            customer.send(example(examples, "hangup", callId));
            assertThat(awaitMessage(courier, "hangup", callId).getString("reason")).isEqualTo("hangup");

            // The courier declines another call with busy; an operator's call says whom.
            String declined = UUID.randomUUID().toString();
            customer.send(example(customersCall, declined, order.id));
            awaitMessage(courier, "call", declined);
            courier.send(example(examples, "busy", declined));
            assertThat(awaitMessage(customer, "hangup", declined).getString("reason")).isEqualTo("busy");
            String operators = UUID.randomUUID().toString();
            operator.send(example(calls.stream().filter(c -> c.containsKey("to")).findFirst().orElseThrow(), operators, order.id));
            assertThat(awaitMessage(courier, "call", operators).getJsonObject("from").getString("role")).isEqualTo("operator");
            operator.send(example(examples, "hangup", operators));
            awaitMessage(courier, "hangup", operators);

            int pongs = customer.ofType("pong").size();
            customer.send(new JsonObject(examples.get("ping").get(0).toString()));
            customer.awaitType("pong", pongs + 1);
            for (WsClient client : List.of(customer, courier, operator)) {
                client.roundTrip();
                assertThat(client.ofType("error")).as("refused").isEmpty();
            }
        }
    }

    // --- helpers

    record Order(String id, String customer, String courier) {
    }

    /** An order dispatched to a courier of its own, once the service has recorded its parties. */
    private Order dispatchedOrder() {
        Order order = new Order(Ids.order(), Ids.customer(), "courier-" + UUID.randomUUID().toString().substring(0, 8));
        broker.publish("order-events", CloudEvents.dispatched(order.id, order.customer, order.courier));
        await().atMost(WsClient.WAIT).until(() -> pool.preparedQuery("SELECT 1 FROM order_party WHERE order_id = $1 AND dispatched_at IS NOT NULL")
                .execute(Tuple.of(order.id)).await().atMost(WsClient.WAIT).size() == 1);
        return order;
    }

    private static JsonObject awaitMessage(WsClient client, String type, String callId) {
        return await().atMost(WsClient.WAIT).until(() -> client.ofType(type).stream().filter(m -> callId.equals(m.getString("callId"))).findFirst(),
                Optional::isPresent).get();
    }

    /** The example with this call's id (and, for a call, this order's): ids that are unique per run. */
    private static JsonObject example(JsonObject example, String callId, String orderId) {
        JsonObject message = example.copy().put("callId", callId);
        return orderId == null ? message : message.put("orderId", orderId);
    }

    private static JsonObject example(Map<String, List<JsonNode>> examples, String name, String callId) {
        assertThat(examples.get(name)).as(name + " examples").isNotEmpty();
        return example(new JsonObject(examples.get(name).get(0).toString()), callId, null);
    }

    static JsonObject message(String type, String callId) {
        return new JsonObject().put("type", type).put("callId", callId);
    }

    static JsonObject call(String callId, String orderId, String media) {
        return message("call", callId).put("orderId", orderId).put("media", media);
    }

    static JsonObject candidate(String callId, String candidate) {
        return message("candidate", callId).put("candidate", new JsonObject().put("candidate", candidate).put("sdpMid", "0").put("sdpMLineIndex", 0));
    }

    /** The names of the channel's messages that pages send (payload: the toServer definition). */
    private static Set<String> clientMessageNames() {
        JsonNode doc = Contracts.asyncApi();
        Set<String> names = new TreeSet<>();
        for (JsonNode reference : doc.at("/operations/web-sends-call-signals/messages")) {
            JsonNode onChannel = doc.at(reference.path("$ref").asText().substring(1));
            JsonNode message = doc.at(onChannel.path("$ref").asText().substring(1));
            assertThat(message.at("/payload/$ref").asText()).endsWith(SCHEMA + "#/$defs/toServer");
            names.add(message.path("name").asText());
        }
        return names;
    }

    private static Set<String> enumOf(String definition, String pointer) {
        Set<String> values = new TreeSet<>();
        Contracts.readJson(SCHEMA).at("/$defs/" + definition + pointer).forEach(value -> values.add(value.asText()));
        assertThat(values).as(definition + pointer).isNotEmpty();
        return values;
    }

    private static Set<String> without(Set<String> values, String value) {
        Set<String> rest = new TreeSet<>(values);
        rest.remove(value);
        return rest;
    }

    private static List<JsonObject> ofType(List<JsonObject> messages, String type) {
        return messages.stream().filter(m -> type.equals(m.getString("type"))).toList();
    }

    private static Set<String> values(List<JsonObject> messages, String field) {
        Set<String> values = new TreeSet<>();
        messages.forEach(m -> values.add(m.getString(field)));
        return values;
    }

    private static JsonSchema definition(String name) {
        JsonSchema schema = FACTORY.getSchema(SchemaLocation.of(Contracts.BASE_URI + SCHEMA + "#/$defs/" + name), CONFIG);
        schema.initializeValidators();
        return schema;
    }

    private static List<String> errors(JsonSchema schema, JsonObject message) {
        try {
            return schema.validate(JSON.readTree(message.encode())).stream().map(ValidationMessage::getMessage).toList();
        } catch (JsonProcessingException e) {
            return new ArrayList<>(List.of("not JSON: " + e.getOriginalMessage()));
        }
    }
}
