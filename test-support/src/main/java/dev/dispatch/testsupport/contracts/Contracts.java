package dev.dispatch.testsupport.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The contracts of the top-level {@code contracts/} module, for producers' and consumers' tests: validate what was
 * published, or a fixture about to be consumed, against the JSON Schema the AsyncAPI document names for it.
 *
 * <pre>{@code
 * Contracts.assertValid("events/order-event.v1.json", body);          // by schema file
 * Contracts.assertValidEvent("order-events", body);                   // a CloudEvent as it is on that AMQP address
 * Contracts.assertValidMqtt("devices/courier-1/telemetry", payload);  // a device message on its topic
 * assertEquals(Set.of(...my types...), Contracts.messageNames("order-events"));
 * }</pre>
 *
 * Schema names are paths relative to the contracts folder ({@code events/order-event.v1.json},
 * {@code mqtt/telemetry.json}); they are read from the classpath under {@code contracts/}. Errors are the validator's
 * messages, e.g. {@code /data/status: must be the constant value 'PAID'}. Formats (uuid, date-time)
 * are asserted. Thread-safe; each schema is compiled once.
 */
public final class Contracts {

    /** The base of every schema's {@code $id}: a name, not a place to fetch from (.example is reserved). */
    public static final String BASE_URI = "https://dispatch.example/contracts/";
    /** Where the contracts module puts its files on the classpath. */
    public static final String CLASSPATH_ROOT = "contracts/";
    /** The MQTT contract's payload limit; iot-ingest rejects a larger payload as oversized. */
    public static final int MAX_MQTT_PAYLOAD_BYTES = 4096;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Contracts() {
    }

    /** What is wrong with the JSON by the schema; empty when it conforms (also "not JSON" when it is not). */
    public static List<String> errors(String schema, String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return List.of("not JSON: " + e.getOriginalMessage());
        }
        return errors(schema, node);
    }

    public static List<String> errors(String schema, JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return List.of("no JSON at all");
        }
        return SchemaStore.errors(schema, node);
    }

    /** @throws AssertionError listing every error, with the JSON, when it does not conform */
    public static void assertValid(String schema, String json) {
        failOn(errors(schema, json), schema, json);
    }

    public static void assertValid(String schema, JsonNode node) {
        failOn(errors(schema, node), schema, String.valueOf(node));
    }

    /**
     * A CloudEvent as published on the AMQP address: its {@code type} must be one of the address's messages in the
     * AsyncAPI document, and the event must conform to that message's payload schema.
     */
    public static List<String> eventErrors(String address, String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return List.of("not JSON: " + e.getOriginalMessage());
        }
        return eventErrors(address, node);
    }

    public static List<String> eventErrors(String address, JsonNode event) {
        Map<String, JsonNode> messages = AsyncApiDocument.messages(address);
        String type = event == null ? null : event.path("type").asText(null);
        JsonNode message = type == null ? null : messages.get(type);
        if (message == null) {
            return List.of("type " + type + " is not an event of " + address + " (" + String.join(", ", messages.keySet()) + ")");
        }
        return errors(AsyncApiDocument.payloadSchema(message), event);
    }

    public static void assertValidEvent(String address, String json) {
        failOn(eventErrors(address, json), address, json);
    }

    public static void assertValidEvent(String address, JsonNode event) {
        failOn(eventErrors(address, event), address, String.valueOf(event));
    }

    /**
     * A device message as it is on its MQTT topic: the topic is one of the contract, the payload at most
     * {@value #MAX_MQTT_PAYLOAD_BYTES} bytes, conforms to the schema of the topic's channel, and a {@code deviceId} in
     * it is the topic's (iot-ingest's unknown-topic, oversized, and device-id-mismatch checks, which no schema can make).
     */
    public static List<String> mqttErrors(String topic, byte[] payload) {
        MqttTopic parsed = MqttTopic.parse(topic);
        if (parsed == null) {
            return List.of("topic " + topic + " is not devices/{deviceId}/status|telemetry|events|commands with a valid deviceId");
        }
        if (payload.length > MAX_MQTT_PAYLOAD_BYTES) {
            return List.of("payload of " + payload.length + " bytes is over the limit of " + MAX_MQTT_PAYLOAD_BYTES);
        }
        JsonNode node;
        try {
            node = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            return List.of("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> errors = new ArrayList<>(errors(mqttSchema(parsed, node), node));
        JsonNode deviceId = node == null ? null : node.get("deviceId");
        if (deviceId != null && deviceId.isTextual() && !deviceId.asText().equals(parsed.deviceId())) {
            errors.add("/deviceId: " + deviceId.asText() + " is not the topic's " + parsed.deviceId());
        }
        return errors;
    }

    public static List<String> mqttErrors(String topic, String payload) {
        return mqttErrors(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    public static void assertValidMqtt(String topic, byte[] payload) {
        failOn(mqttErrors(topic, payload), topic, new String(payload, StandardCharsets.UTF_8));
    }

    public static void assertValidMqtt(String topic, String payload) {
        failOn(mqttErrors(topic, payload), topic, payload);
    }

    /** The AsyncAPI document (asyncapi.yaml), parsed; a copy, change it freely. */
    public static JsonNode asyncApi() {
        return AsyncApiDocument.root();
    }

    /**
     * The names of the messages on a channel, by its address: the CloudEvent types for an AMQP address
     * ({@code order-events}), the payload types for {@code devices/{deviceId}/events} and {@code .../commands}.
     * A producer's test can compare them with the types its code knows.
     */
    public static Set<String> messageNames(String address) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(AsyncApiDocument.messages(address).keySet()));
    }

    /** The payload schema files of a channel's messages, e.g. {@code [events/order-event.v1.json]}. */
    public static Set<String> schemasOf(String address) {
        Set<String> schemas = new LinkedHashSet<>();
        AsyncApiDocument.messages(address).values().forEach(message -> schemas.add(AsyncApiDocument.payloadSchema(message)));
        return Collections.unmodifiableSet(schemas);
    }

    /** The payload schema of one message of a channel, e.g. ("order-events", "dispatch.order.paid"). */
    public static String schemaOf(String address, String messageName) {
        JsonNode message = AsyncApiDocument.messages(address).get(messageName);
        if (message == null) {
            throw new IllegalArgumentException(address + " has no message " + messageName);
        }
        return AsyncApiDocument.payloadSchema(message);
    }

    /** Every schema file the AsyncAPI document refers to, directly or through another schema's $ref. */
    public static Set<String> referencedSchemas() {
        return AsyncApiDocument.referencedSchemas();
    }

    /** A file of the contracts folder as JSON, e.g. {@code mqtt/definitions.json}. */
    public static JsonNode readJson(String file) {
        try (InputStream in = Contracts.class.getClassLoader().getResourceAsStream(CLASSPATH_ROOT + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no " + CLASSPATH_ROOT + file + " on the classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    // The channel's one schema, or, where its messages have several, the one of the message the payload's type names.
    private static String mqttSchema(MqttTopic topic, JsonNode payload) {
        Set<String> schemas = schemasOf(topic.address());
        if (schemas.size() == 1) {
            return schemas.iterator().next();
        }
        String type = payload == null ? null : payload.path("type").asText(null);
        return schemaOf(topic.address(), type);
    }

    private static void failOn(List<String> errors, String against, String json) {
        if (!errors.isEmpty()) {
            throw new AssertionError("not valid by " + against + ":\n  " + String.join("\n  ", errors) + "\nin: " + json);
        }
    }
}
