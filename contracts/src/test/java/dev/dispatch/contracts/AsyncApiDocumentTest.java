package dev.dispatch.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * asyncapi.yaml holds together: the essentials of AsyncAPI 3.0 (the official JSON Schema of the specification is not
 * available offline, so its main rules are checked here), every $ref lands, every schema file is used, every message
 * has a producer and a consumer, and the messages' names are exactly the types their schemas allow.
 */
class AsyncApiDocumentTest {

    private static final JsonNode DOC = Documents.asyncApi();
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
    private static final Pattern COMPONENT_KEY = Pattern.compile("^[a-zA-Z0-9.\\-_]+$");

    @Test
    void isAnAsyncApi3Document() {
        assertThat(DOC.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(DOC.path("info").path("title").asText()).isNotBlank();
        assertThat(DOC.path("info").path("version").asText()).isNotBlank();
        assertThat(URI.create(DOC.path("id").asText()).isAbsolute()).isTrue();
        assertThat(DOC.path("defaultContentType").asText()).isEqualTo("application/json");
        Set<String> allowed = Set.of("asyncapi", "id", "info", "servers", "defaultContentType", "channels", "operations", "components");
        DOC.fieldNames().forEachRemaining(key -> assertThat(allowed).as("top-level key " + key).contains(key));
        for (String map : List.of("servers", "channels", "operations", "components")) {
            assertThat(DOC.path(map).isObject()).as(map).isTrue();
        }
        DOC.path("components").fields().forEachRemaining(section -> section.getValue().fieldNames()
                .forEachRemaining(key -> assertThat(key).as("components key").matches(COMPONENT_KEY)));
    }

    @Test
    void serversAreTheBrokersAmqpAndMqttWithTheLocalRunsPorts() {
        JsonNode amqp = DOC.at("/servers/amqp");
        JsonNode mqtt = DOC.at("/servers/mqtt");
        assertThat(amqp.path("protocol").asText()).isEqualTo("amqp");
        assertThat(amqp.path("protocolVersion").asText()).isEqualTo("1.0");
        assertThat(amqp.at("/variables/port/default").asText()).isEqualTo("5673");
        assertThat(mqtt.path("protocol").asText()).isEqualTo("mqtt");
        assertThat(mqtt.at("/variables/port/default").asText()).isEqualTo("1884");
        DOC.path("servers").fields().forEachRemaining(server -> {
            String host = server.getValue().path("host").asText();
            assertThat(host).as(server.getKey() + " host").isNotBlank();
            assertThat(server.getValue().path("protocol").asText()).as(server.getKey() + " protocol").isNotBlank();
            Set<String> used = variables(host);
            assertThat(names(server.getValue().path("variables"))).as(server.getKey() + " variables").isEqualTo(used);
            used.forEach(variable -> assertThat(server.getValue().at("/variables/" + variable + "/default").isTextual())
                    .as(server.getKey() + " variable " + variable + " has a default").isTrue());
        });
    }

    @Test
    void channelsHaveAnAddressTheirParametersAndKnownServers() {
        DOC.path("channels").fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            JsonNode channel = entry.getValue();
            String address = channel.path("address").asText();
            assertThat(address).as(name + " address").isNotBlank();
            assertThat(names(channel.path("parameters"))).as(name + " parameters").isEqualTo(variables(address));
            assertThat(channel.path("servers").size()).as(name + " servers").isPositive();
            for (JsonNode server : channel.path("servers")) {
                assertThat(server.path("$ref").asText()).as(name + " server").startsWith("#/servers/");
            }
            assertThat(channel.path("messages").size()).as(name + " messages").isPositive();
            channel.path("messages").forEach(message ->
                    assertThat(message.path("$ref").asText()).as(name + " message").startsWith("#/components/messages/"));
        });
    }

    @Test
    void operationsSendOrReceiveMessagesOfTheirChannelAndSayWhoDoesIt() {
        Set<String> services = new HashSet<>();
        DOC.at("/info/tags").forEach(tag -> services.add(tag.path("name").asText()));
        DOC.path("operations").fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            JsonNode operation = entry.getValue();
            assertThat(operation.path("action").asText()).as(name + " action").isIn("send", "receive");
            String channelRef = operation.at("/channel/$ref").asText();
            assertThat(channelRef).as(name + " channel").startsWith("#/channels/");
            assertThat(resolve(channelRef).isMissingNode()).as(name + " channel " + channelRef).isFalse();
            assertThat(operation.path("messages").size()).as(name + " messages").isPositive();
            for (JsonNode message : operation.path("messages")) {
                assertThat(message.path("$ref").asText()).as(name + " message").startsWith(channelRef + "/messages/");
            }
            JsonNode reply = operation.path("reply");
            if (!reply.isMissingNode()) {
                String replyChannel = reply.at("/channel/$ref").asText();
                reply.path("messages").forEach(message ->
                        assertThat(message.path("$ref").asText()).as(name + " reply").startsWith(replyChannel + "/messages/"));
            }
            assertThat(operation.path("tags").size()).as(name + " says who does it").isEqualTo(1);
            assertThat(services).as(name + " tag").contains(operation.at("/tags/0/name").asText());
            assertThat(name).as("the operation's id names its service").startsWith(operation.at("/tags/0/name").asText() + "-");
        });
    }

    @Test
    void everyInternalRefLands() {
        List<String> refs = new ArrayList<>();
        refs(DOC, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            if (ref.startsWith("#")) {
                assertThat(resolve(ref).isMissingNode()).as(ref).isFalse();
            }
        }
    }

    @Test
    void everyFileRefIsASchemaFileOfThisFolder() {
        for (String file : fileRefs(DOC, "asyncapi.yaml")) {
            assertThat(Documents.onClasspath(file)).as(file).isTrue();
        }
    }

    @Test
    void everySchemaFileIsUsedByTheDocument() {
        Set<String> reached = new TreeSet<>();
        List<String> pending = new ArrayList<>(fileRefs(DOC, "asyncapi.yaml"));
        while (!pending.isEmpty()) {
            String file = pending.remove(0);
            if (reached.add(file)) {
                pending.addAll(fileRefs(Documents.json(file), file));
            }
        }
        assertThat(reached).containsExactlyInAnyOrderElementsOf(Documents.sourceSchemaFiles());
    }

    @Test
    void everyMessageIsOnAChannelAndHasAProducerAndAConsumer() {
        Set<String> onChannels = new HashSet<>();
        Set<String> sent = new HashSet<>();
        Set<String> received = new HashSet<>();
        DOC.path("channels").forEach(channel -> channel.path("messages").forEach(m -> onChannels.add(m.path("$ref").asText())));
        DOC.path("operations").forEach(operation -> operation.path("messages").forEach(message -> {
            String component = resolveRef(message.path("$ref").asText()).path("$ref").asText();
            (operation.path("action").asText().equals("send") ? sent : received).add(component);
        }));
        Set<String> messages = new TreeSet<>();
        DOC.at("/components/messages").fieldNames().forEachRemaining(name -> messages.add("#/components/messages/" + name));
        assertThat(onChannels).as("messages on channels").isEqualTo(messages);
        assertThat(sent).as("messages someone sends").isEqualTo(messages);
        assertThat(received).as("messages someone receives").isEqualTo(messages);
    }

    @Test
    void messagesHaveANameAContentTypeAndASchemaFile() {
        for (String channelName : names(DOC.path("channels"))) {
            JsonNode channel = DOC.path("channels").path(channelName);
            String protocol = resolve(channel.at("/servers/0/$ref").asText()).path("protocol").asText();
            String contentType = protocol.equals("amqp") ? "application/cloudevents+json" : "application/json";
            channel.path("messages").forEach(reference -> {
                JsonNode message = resolve(reference.path("$ref").asText());
                String what = channelName + " " + reference.path("$ref").asText();
                assertThat(message.path("name").asText()).as(what + " name").isNotBlank();
                assertThat(message.path("contentType").asText()).as(what + " contentType").isEqualTo(contentType);
                assertThat(message.at("/payload/$ref").asText()).as(what + " payload").startsWith("./");
            });
        }
    }

    /** The CloudEvent types on each address (and the types of device events and commands) are the schemas' types. */
    @Test
    void messageNamesAreExactlyTheTypesTheirSchemasAllow() {
        Map<String, Set<String>> expected = Map.of(
                "order-events", Set.of("dispatch.order.placed", "dispatch.order.paid", "dispatch.order.payment-declined",
                        "dispatch.order.payment-failed", "dispatch.order.dispatched", "dispatch.order.delivered",
                        "dispatch.order.cancelled"),
                "delivery-events", Set.of("dispatch.delivery.progress", "dispatch.delivery.completed"),
                "device-alerts", Set.of("dispatch.device.alert.temperature", "dispatch.device.alert.battery",
                        "dispatch.device.alert.offline"),
                "devices/{deviceId}/events", Set.of("delivered", "door-opened", "door-closed", "command-ack"),
                "devices/{deviceId}/commands", Set.of("ping", "set-report-interval", "lock-cargo", "unlock-cargo", "assign-order"));
        expected.forEach((address, types) -> {
            JsonNode channel = channel(address);
            Set<String> names = new TreeSet<>();
            Set<String> schemaTypes = new TreeSet<>();
            channel.path("messages").forEach(reference -> {
                JsonNode message = resolve(reference.path("$ref").asText());
                names.add(message.path("name").asText());
                String schema = schemaFile(message);
                Documents.json(schema).at("/properties/type/enum").forEach(type -> schemaTypes.add(type.asText()));
            });
            assertThat(names).as(address + " messages").isEqualTo(new TreeSet<>(types));
            assertThat(schemaTypes).as(address + " schema types").isEqualTo(new TreeSet<>(types));
        });
    }

    @Test
    void examplesConformToTheirPayloadSchemaAndCarryTheirMessagesType() {
        int examples = 0;
        for (String name : names(DOC.at("/components/messages"))) {
            JsonNode message = DOC.at("/components/messages/" + name);
            String schema = schemaFile(message);
            boolean typed = !Documents.json(schema).at("/properties/type").isMissingNode();
            for (JsonNode example : message.path("examples")) {
                JsonNode payload = example.path("payload");
                assertThat(Documents.errors(schema, payload)).as(name + " example " + example.path("name").asText()).isEmpty();
                if (typed) {
                    assertThat(payload.path("type").asText()).as(name + " example type").isEqualTo(message.path("name").asText());
                }
                examples++;
            }
        }
        assertThat(examples).isGreaterThanOrEqualTo(20);
    }

    @Test
    void mqttChannelsAreTheDeviceTopicsWithTheirSchemas() {
        Map<String, String> topics = Map.of(
                "devices/{deviceId}/status", "mqtt/status.json",
                "devices/{deviceId}/telemetry", "mqtt/telemetry.json",
                "devices/{deviceId}/events", "mqtt/events.json",
                "devices/{deviceId}/commands", "mqtt/commands.json");
        topics.forEach((address, schema) -> {
            JsonNode channel = channel(address);
            assertThat(channel.at("/servers/0/$ref").asText()).isEqualTo("#/servers/mqtt");
            channel.path("messages").forEach(reference ->
                    assertThat(schemaFile(resolve(reference.path("$ref").asText()))).as(address).isEqualTo(schema));
        });
    }

    private static JsonNode channel(String address) {
        for (JsonNode channel : DOC.path("channels")) {
            if (channel.path("address").asText().equals(address)) {
                return channel;
            }
        }
        throw new AssertionError("no channel with the address " + address);
    }

    static String schemaFile(JsonNode message) {
        return relative(URI.create(Documents.BASE_URI + "asyncapi.yaml").resolve(message.at("/payload/$ref").asText()));
    }

    private static JsonNode resolve(String ref) {
        return resolveRef(ref).has("$ref") ? resolve(resolveRef(ref).path("$ref").asText()) : resolveRef(ref);
    }

    private static JsonNode resolveRef(String ref) {
        return DOC.at(ref.substring(1));
    }

    private static Set<String> variables(String template) {
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = VARIABLE.matcher(template);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new LinkedHashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void refs(JsonNode node, List<String> into) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                into.add(ref.asText());
            }
            node.elements().forEachRemaining(child -> refs(child, into));
        } else if (node.isArray()) {
            node.forEach(child -> refs(child, into));
        }
    }

    private static List<String> fileRefs(JsonNode document, String file) {
        List<String> refs = new ArrayList<>();
        refs(document, refs);
        URI base = URI.create(Documents.BASE_URI + file);
        return refs.stream().filter(ref -> !ref.startsWith("#")).map(ref -> relative(base.resolve(ref))).distinct().toList();
    }

    private static String relative(URI uri) {
        String file = uri.toString().replaceFirst("#.*$", "");
        assertThat(file).as("a $ref inside the contracts folder").startsWith(Documents.BASE_URI);
        return file.substring(Documents.BASE_URI.length());
    }
}
