package dev.dispatch.testsupport.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;

/**
 * The contracts of the top-level {@code contracts/} module, for producers' and consumers' tests: validate what was
 * published, or a fixture about to be consumed, against the JSON Schema the AsyncAPI document names for it.
 *
 * <pre>{@code
 * Contracts.assertValid("events/order-event.v1.json", body);          // by schema file
 * Contracts.assertValidEvent("order-events", body);                   // a CloudEvent as it is on that AMQP address
 * Contracts.assertValidMqtt("devices/courier-1/telemetry", payload);  // a device message on its topic
 * Contracts.assertValidCoap("sensors/tag-1/readings", json);          // a CoAP body on its resource (JSON)
 * Contracts.assertValidCoap("sensors/tag-1/config", Contracts.COAP_CBOR, cbor);
 * assertEquals(Set.of(...my types...), Contracts.messageNames("order-events"));
 * Contracts.examples("sensors/{sensorId}/readings");                 // message name -> the document's example payloads
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
    /** The CoAP contract's body limit (iot-ingest's MAX_RESOURCE_BODY_SIZE); a larger body is 4.13 Request Entity Too Large. */
    public static final int MAX_COAP_BODY_BYTES = 16 * 1024;
    /** CoAP Content-Format {@code application/json}. */
    public static final int COAP_JSON = 50;
    /** CoAP Content-Format {@code application/cbor}. */
    public static final int COAP_CBOR = 60;

    private static final ObjectMapper JSON = new ObjectMapper();
    // A CoAP body is one value: whatever follows it makes it malformed.
    private static final ObjectMapper COAP_JSON_READER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectMapper COAP_CBOR_READER = CBORMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final Map<Integer, String> COAP_MEDIA_TYPES = Map.of(COAP_JSON, "application/json", COAP_CBOR, "application/cbor");

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

    /**
     * A JSON body (Content-Format 50) as it is on its CoAP resource; see {@link #coapErrors(String, int, byte[])}.
     * The path is {@code sensors/{sensorId}/readings} or {@code .../config}, with or without a leading slash, or a whole
     * {@code coap://} or {@code coaps://} URI.
     */
    public static List<String> coapErrors(String path, byte[] json) {
        return coapErrors(path, COAP_JSON, json);
    }

    public static List<String> coapErrors(String path, String json) {
        return coapErrors(path, COAP_JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A body as it is on its CoAP resource, in the Content-Format it is sent with ({@link #COAP_JSON} or
     * {@link #COAP_CBOR}): the path is one of the contract ({@code sensors/{valid id}/readings|config}; iot-ingest's
     * 4.04), the body at most {@value #MAX_COAP_BODY_BYTES} bytes (4.13), the format one of the resource's (4.15), and
     * the body one JSON value or one CBOR data item (a CBOR map with text keys) that conforms to the payload schema of
     * the resource's message of that content type (4.00). What no schema can say (a reading's time within 24 h back
     * and 5 min ahead) is not checked.
     */
    public static List<String> coapErrors(String path, int contentFormat, byte[] payload) {
        CoapPath parsed = CoapPath.parse(path);
        if (parsed == null) {
            return List.of("path " + path + " is not sensors/{sensorId}/readings|config with a valid sensorId");
        }
        byte[] body = payload == null ? new byte[0] : payload;
        if (body.length > MAX_COAP_BODY_BYTES) {
            return List.of("body of " + body.length + " bytes is over the limit of " + MAX_COAP_BODY_BYTES);
        }
        Map<String, String> schemaByType = new LinkedHashMap<>();
        AsyncApiDocument.messages(parsed.address()).values()
                .forEach(message -> schemaByType.putIfAbsent(AsyncApiDocument.contentType(message), AsyncApiDocument.payloadSchema(message)));
        String mediaType = COAP_MEDIA_TYPES.get(contentFormat);
        String schema = mediaType == null ? null : schemaByType.get(mediaType);
        if (schema == null) {
            return List.of("Content-Format " + contentFormat + " is not one of " + parsed.address() + "'s (" + formats(schemaByType.keySet()) + ")");
        }
        if (body.length == 0) {
            return List.of("empty body: " + parsed.address() + " takes one " + mediaType + " value");
        }
        JsonNode node;
        try {
            node = (contentFormat == COAP_CBOR ? COAP_CBOR_READER : COAP_JSON_READER).readTree(body);
        } catch (IOException e) {
            String what = contentFormat == COAP_CBOR ? "not CBOR: " : "not JSON: ";
            return List.of(what + (e instanceof JsonProcessingException processing ? processing.getOriginalMessage() : e.getMessage()));
        }
        return errors(schema, node);
    }

    public static void assertValidCoap(String path, byte[] json) {
        failOn(coapErrors(path, json), path, new String(json, StandardCharsets.UTF_8));
    }

    public static void assertValidCoap(String path, String json) {
        failOn(coapErrors(path, json), path, json);
    }

    public static void assertValidCoap(String path, int contentFormat, byte[] payload) {
        failOn(coapErrors(path, contentFormat, payload), path + " (Content-Format " + contentFormat + ")", describe(contentFormat, payload));
    }

    /**
     * The example payloads of each message of a channel, by message name, in the document's order (a message without
     * examples has an empty list): e.g. for {@code sensors/{sensorId}/readings}, {@code reading} (JSON) and
     * {@code reading-cbor} (CBOR, shown decoded) with a single reading and a batch. Copies, change them freely.
     */
    public static Map<String, List<JsonNode>> examples(String address) {
        return Collections.unmodifiableMap(AsyncApiDocument.examples(address));
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

    private static String formats(Set<String> mediaTypes) {
        List<String> formats = new ArrayList<>();
        COAP_MEDIA_TYPES.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .filter(format -> mediaTypes.contains(format.getValue()))
                .forEach(format -> formats.add(format.getKey() + " " + format.getValue()));
        return String.join(", ", formats);
    }

    private static String describe(int contentFormat, byte[] payload) {
        if (payload == null) {
            return "no body";
        }
        if (contentFormat != COAP_CBOR) {
            return new String(payload, StandardCharsets.UTF_8);
        }
        try {
            return "CBOR " + COAP_CBOR_READER.readTree(payload);
        } catch (IOException notCbor) {
            return "bytes " + HexFormat.of().formatHex(payload, 0, Math.min(payload.length, 256));
        }
    }

    private static void failOn(List<String> errors, String against, String json) {
        if (!errors.isEmpty()) {
            throw new AssertionError("not valid by " + against + ":\n  " + String.join("\n  ", errors) + "\nin: " + json);
        }
    }
}
