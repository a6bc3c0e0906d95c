package dev.dispatch.iot.coap;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.eclipse.californium.core.coap.MediaTypeRegistry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;

import dev.dispatch.iot.model.InvalidReading;
import dev.dispatch.iot.model.SensorConfig;
import dev.dispatch.iot.model.SensorReading;

/**
 * The CoAP payloads (contracts/coap): readings in, the configuration out, in JSON (Content-Format 50) or CBOR (60)
 * with the same field names. Reading a payload gives validated readings or an {@link InvalidReading} whose message
 * names the first field that is wrong (the 4.00 diagnostic), never another exception.
 */
public final class SensorPayloads {

    /** How much a request may hold, and how far a reading's time may be from the server's clock. */
    public record Limits(int maxReadings, Duration maxAge, Duration maxAhead) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectMapper CBOR = new CBORMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    // RFC 3339 with seconds (fraction optional) and an offset: what the contract's reading.json allows.
    private static final Pattern RFC3339 = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");

    private SensorPayloads() {
    }

    public static boolean isSupported(int contentFormat) {
        return contentFormat == MediaTypeRegistry.APPLICATION_JSON || contentFormat == MediaTypeRegistry.APPLICATION_CBOR;
    }

    /** One reading (an object) or an array of 1..maxReadings; a reading without time was taken now. */
    public static List<SensorReading> readings(String sensorId, byte[] payload, int contentFormat, Instant now, Limits limits) {
        JsonNode root = parse(payload, contentFormat);
        Instant received = now.truncatedTo(ChronoUnit.MICROS);
        if (root.isObject()) {
            return List.of(reading(sensorId, root, "", received, limits));
        }
        if (!root.isArray()) {
            throw new InvalidReading(InvalidReading.Kind.MALFORMED, "the payload must be a reading (an object) or an array of 1.."
                    + limits.maxReadings() + " readings");
        }
        if (root.isEmpty() || root.size() > limits.maxReadings()) {
            throw new InvalidReading(InvalidReading.Kind.MALFORMED, "an array of 1.." + limits.maxReadings() + " readings, not " + root.size());
        }
        List<SensorReading> readings = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode element = root.get(i);
            if (!element.isObject()) {
                throw new InvalidReading(InvalidReading.Kind.MALFORMED, "readings[" + i + "] is not a reading (an object)");
            }
            readings.add(reading(sensorId, element, "readings[" + i + "].", received, limits));
        }
        return readings;
    }

    /** The configuration as the sensor observes it: {"reportIntervalSeconds","maxTemperatureC","maxShockG","version"}. */
    public static byte[] config(SensorConfig config, int contentFormat) {
        ObjectNode node = JSON.createObjectNode()
                .put("reportIntervalSeconds", config.reportIntervalSeconds())
                .put("maxTemperatureC", config.maxTemperatureC())
                .put("maxShockG", config.maxShockG())
                .put("version", config.version());
        try {
            return (contentFormat == MediaTypeRegistry.APPLICATION_CBOR ? CBOR : JSON).writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a sensor configuration", e);
        }
    }

    private static JsonNode parse(byte[] payload, int contentFormat) {
        boolean cbor = contentFormat == MediaTypeRegistry.APPLICATION_CBOR;
        if (payload == null || payload.length == 0) {
            throw new InvalidReading(InvalidReading.Kind.MALFORMED, "the payload is empty");
        }
        JsonNode root;
        try {
            root = (cbor ? CBOR : JSON).readTree(payload);
        } catch (IOException | RuntimeException e) {
            throw new InvalidReading(InvalidReading.Kind.MALFORMED, "the payload is not " + (cbor ? "CBOR" : "JSON"));
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidReading(InvalidReading.Kind.MALFORMED, "the payload is empty");
        }
        return root;
    }

    private static SensorReading reading(String sensorId, JsonNode node, String at, Instant received, Limits limits) {
        Instant time = time(node, at, received, limits);
        return new SensorReading(sensorId, time, received,
                number(node, at, "temperatureC", -40, 85),
                number(node, at, "humidityPercent", 0, 100),
                number(node, at, "shockG", 0, 200),
                number(node, at, "batteryPercent", 0, 100),
                null);
    }

    private static Instant time(JsonNode node, String at, Instant received, Limits limits) {
        JsonNode value = node.get("time");
        if (value == null || value.isNull()) {
            return received;
        }
        String name = at + "time";
        if (!value.isTextual() || !RFC3339.matcher(value.asText()).matches()) {
            throw new InvalidReading(InvalidReading.Kind.INVALID_FIELD, name + " must be an RFC 3339 date-time with seconds and an offset "
                    + "(2026-12-02T10:15:30Z)");
        }
        Instant time;
        try {
            time = OffsetDateTime.parse(value.asText()).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw new InvalidReading(InvalidReading.Kind.INVALID_FIELD, name + " '" + value.asText() + "' is not a valid date-time");
        }
        if (time.isBefore(received.minus(limits.maxAge()))) {
            throw new InvalidReading(InvalidReading.Kind.INVALID_FIELD, name + " " + time + " is more than " + hours(limits.maxAge())
                    + " in the past");
        }
        if (time.isAfter(received.plus(limits.maxAhead()))) {
            throw new InvalidReading(InvalidReading.Kind.INVALID_FIELD, name + " " + time + " is more than " + hours(limits.maxAhead())
                    + " ahead of the server's clock");
        }
        return time;
    }

    private static double number(JsonNode node, String at, String field, double min, double max) {
        JsonNode value = node.get(field);
        String name = at + field;
        if (value == null || value.isNull()) {
            throw new InvalidReading(InvalidReading.Kind.INVALID_FIELD, name + " is missing");
        }
        if (!value.isNumber()) {
            throw new InvalidReading(InvalidReading.Kind.INVALID_FIELD, name + " must be a number");
        }
        double number = value.asDouble();
        if (!Double.isFinite(number) || number < min || number > max) {
            throw new InvalidReading(InvalidReading.Kind.INVALID_FIELD, name + " " + value.asText() + " is outside " + plain(min) + ".." + plain(max));
        }
        return number;
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String hours(Duration duration) {
        return duration.toMinutes() % 60 == 0 ? duration.toHours() + " h" : duration.toMinutes() + " min";
    }
}
