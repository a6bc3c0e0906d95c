package dev.dispatch.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
    void coapServersArePlainForTheDemoAndDtlsWithAPreSharedKey() {
        JsonNode coap = DOC.at("/servers/coap");
        JsonNode coaps = DOC.at("/servers/coaps");
        assertThat(coap.path("protocol").asText()).isEqualTo("coap");
        assertThat(coap.at("/variables/port/default").asText()).isEqualTo("5683");
        assertThat(coap.path("security").isMissingNode()).as("plain coap has no security").isTrue();
        assertThat(coaps.path("protocol").asText()).isEqualTo("coaps");
        assertThat(coaps.at("/variables/port/default").asText()).isEqualTo("5684");
        assertThat(coaps.path("security").size()).isEqualTo(1);
        JsonNode scheme = resolve(coaps.at("/security/0/$ref").asText());
        assertThat(scheme.path("type").asText()).as("a pre-shared key is a symmetric key").isEqualTo("symmetricEncryption");
        assertThat(scheme.path("description").asText()).contains("DTLS 1.2", "identity is the sensor id");
        assertThat(coaps.path("description").asText()).contains("TLS_PSK_WITH_AES_128_CCM_8", "TLS_PSK_WITH_AES_128_GCM_SHA256");
    }

    /** The security scheme types of AsyncAPI 3.0 (its JSON Schema is not available offline), and every server's land. */
    @Test
    void securitySchemesAreAsyncApi3SchemesAndEveryServersSecurityLands() {
        Set<String> types = Set.of("userPassword", "apiKey", "X509", "symmetricEncryption", "asymmetricEncryption", "httpApiKey",
                "http", "oauth2", "openIdConnect", "plain", "scramSha256", "scramSha512", "gssapi");
        JsonNode schemes = DOC.at("/components/securitySchemes");
        assertThat(schemes.size()).isPositive();
        schemes.fields().forEachRemaining(scheme -> {
            assertThat(scheme.getValue().path("type").asText()).as(scheme.getKey() + " type").isIn(types);
            assertThat(scheme.getValue().path("description").asText()).as(scheme.getKey() + " description").isNotBlank();
        });
        DOC.path("servers").fields().forEachRemaining(server -> server.getValue().path("security").forEach(requirement ->
                assertThat(requirement.path("$ref").asText()).as(server.getKey() + " security")
                        .startsWith("#/components/securitySchemes/")
                        .satisfies(ref -> assertThat(resolve(ref).isMissingNode()).as(ref).isFalse())));
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
            Set<String> contentTypes = switch (protocol) {
                case "amqp" -> Set.of("application/cloudevents+json");
                case "coap", "coaps" -> Set.of("application/json", "application/cbor");  // Content-Format 50 and 60
                // The board's STOMP subscriptions carry the services' CloudEvents as they are, and positions as JSON.
                case "stomp" -> Set.of("application/json", "application/cloudevents+json");
                default -> Set.of("application/json");
            };
            Set<String> names = new HashSet<>();
            channel.path("messages").forEach(reference -> {
                JsonNode message = resolve(reference.path("$ref").asText());
                String what = channelName + " " + reference.path("$ref").asText();
                assertThat(message.path("name").asText()).as(what + " name").isNotBlank();
                assertThat(names.add(message.path("name").asText())).as(what + " name is unique on its channel").isTrue();
                assertThat(message.path("contentType").asText()).as(what + " contentType").isIn(contentTypes);
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
                        "dispatch.device.alert.offline", "dispatch.sensor.alert.temperature", "dispatch.sensor.alert.shock",
                        "dispatch.sensor.alert.battery"),
                "courier-presence", Set.of("dispatch.courier.presence.changed"),
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

    /** Each channel's producers and consumers, by the tag of their operations. */
    @Test
    void eachChannelIsSentAndReceivedByWhomItShouldBe() {
        Map<String, List<Set<String>>> expected = Map.ofEntries(
                Map.entry("order-events", List.of(Set.of("order-service"), Set.of("iot-ingest", "notification-service"))),
                Map.entry("delivery-events", List.of(Set.of("iot-ingest"), Set.of("order-service", "notification-service"))),
                Map.entry("device-alerts", List.of(Set.of("iot-ingest"), Set.of("notification-service"))),
                Map.entry("courier-presence", List.of(Set.of("iot-ingest"), Set.of("notification-service"))),
                Map.entry("board.positions", List.of(Set.of("iot-ingest"), Set.of("web"))),
                Map.entry("/topic/order-events", List.of(Set.<String>of(), Set.of("web"))),
                Map.entry("/topic/delivery-events", List.of(Set.<String>of(), Set.of("web"))),
                Map.entry("/topic/device-alerts", List.of(Set.<String>of(), Set.of("web"))),
                Map.entry("devices/{deviceId}/status", List.of(Set.of("device"), Set.of("iot-ingest"))),
                Map.entry("devices/{deviceId}/telemetry", List.of(Set.of("device"), Set.of("iot-ingest"))),
                Map.entry("devices/{deviceId}/events", List.of(Set.of("device"), Set.of("iot-ingest"))),
                Map.entry("devices/{deviceId}/commands", List.of(Set.of("iot-ingest"), Set.of("device"))),
                Map.entry("sensors/{sensorId}/readings", List.of(Set.of("sensor"), Set.of("iot-ingest"))),
                Map.entry("sensors/{sensorId}/config", List.of(Set.of("iot-ingest"), Set.of("sensor"))),
                // Both ways: the pages send their signals, notification-service relays them (CallSignalSchemaTest: which).
                Map.entry("/ws/calls", List.of(Set.of("web", "notification-service"), Set.of("notification-service", "web"))));
        Set<String> addresses = new TreeSet<>();
        DOC.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
        assertThat(addresses).isEqualTo(new TreeSet<>(expected.keySet()));
        expected.forEach((address, who) -> {
            assertThat(performers(address, "send")).as(address + " senders").isEqualTo(who.get(0));
            assertThat(performers(address, "receive")).as(address + " receivers").isEqualTo(who.get(1));
        });
    }

    /** iot-ingest sends every sensor alert on device-alerts, and notification-service takes every one of them. */
    @Test
    void sensorAlertsGoFromIotIngestToNotificationService() {
        Set<String> sensorAlerts = Set.of("#/channels/deviceAlerts/messages/sensorTemperatureAlert",
                "#/channels/deviceAlerts/messages/sensorShockAlert", "#/channels/deviceAlerts/messages/sensorBatteryAlert");
        assertThat(operationMessages("iot-ingest-sends-device-alerts")).containsAll(sensorAlerts);
        assertThat(operationMessages("notification-service-receives-device-alerts")).containsAll(sensorAlerts);
        for (String reference : sensorAlerts) {
            JsonNode message = resolve(reference);
            assertThat(schemaFile(message)).as(reference).isEqualTo("events/sensor-alert.v1.json");
            assertThat(message.path("examples").size()).as(reference + " examples").isPositive();
        }
    }

    /**
     * The CoAP resources: on both servers, a JSON and a CBOR message each (Content-Format 50 and 60) with the same
     * payload schema, and a channel description that says the method, every response code and block-wise transfer.
     */
    @Test
    void coapChannelsAreTheSensorResourcesWithTheirSchemas() {
        Map<String, String> resources = Map.of(
                "sensors/{sensorId}/readings", "coap/readings.json",
                "sensors/{sensorId}/config", "coap/config.json");
        Map<String, List<String>> described = Map.of(
                "sensors/{sensorId}/readings", List.of("POST", "CON", "NON", "RFC 7959", "Block1", "2.04", "4.00", "4.03", "4.04",
                        "4.13", "4.15", "4.29", "5.03", "Max-Age", "16 KiB"),
                "sensors/{sensorId}/config", List.of("GET", "RFC 7641", "Observe", "Block2", "2.05", "4.03", "4.04", "4.06",
                        "Accept", "/.well-known/core"));
        resources.forEach((address, schema) -> {
            JsonNode channel = channel(address);
            List<String> servers = new ArrayList<>();
            channel.path("servers").forEach(server -> servers.add(server.path("$ref").asText()));
            assertThat(servers).as(address).containsExactlyInAnyOrder("#/servers/coap", "#/servers/coaps");
            assertThat(names(channel.path("parameters"))).containsExactly("sensorId");
            Map<String, String> schemaByContentType = new TreeMap<>();
            channel.path("messages").forEach(reference -> {
                JsonNode message = resolve(reference.path("$ref").asText());
                assertThat(schemaByContentType.put(message.path("contentType").asText(), schemaFile(message)))
                        .as(address + " one message per content type").isNull();
            });
            assertThat(schemaByContentType).as(address)
                    .isEqualTo(Map.of("application/json", schema, "application/cbor", schema));
            assertThat(channel.path("description").asText()).as(address + " description").contains(described.get(address));
        });
        assertThat(DOC.at("/components/parameters/sensorId/examples/0").asText()).matches("^[A-Za-z0-9._:-]{1,64}$");
    }

    @Test
    void theCoapPlaceholderIsGone() {
        String description = DOC.at("/info/description").asText();
        assertThat(description).doesNotContain("CoAP resources** (devices over CoAP): PLACEHOLDER").contains("**CoAP**");
    }

    private static Set<String> performers(String address, String action) {
        String channelRef = "#/channels/" + channelName(address);
        Set<String> who = new TreeSet<>();
        DOC.path("operations").forEach(operation -> {
            if (operation.path("action").asText().equals(action) && operation.at("/channel/$ref").asText().equals(channelRef)) {
                who.add(operation.at("/tags/0/name").asText());
            }
        });
        return who;
    }

    private static Set<String> operationMessages(String operation) {
        Set<String> refs = new TreeSet<>();
        DOC.at("/operations/" + operation + "/messages").forEach(message -> refs.add(message.path("$ref").asText()));
        assertThat(refs).as(operation).isNotEmpty();
        return refs;
    }

    private static String channelName(String address) {
        for (String name : names(DOC.path("channels"))) {
            if (DOC.path("channels").path(name).path("address").asText().equals(address)) {
                return name;
            }
        }
        throw new AssertionError("no channel with the address " + address);
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
