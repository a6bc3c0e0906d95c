package dev.dispatch.simulator.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;

/**
 * The sensor's payloads on the wire, in JSON (50) or CBOR (60) with the same field names. Encoding never fails;
 * reading a configuration never throws (a bad one is an error message). Thread-safe.
 */
public final class CoapPayloads {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

    private CoapPayloads() {
    }

    /** One reading, as a single object. */
    public static byte[] encode(SensorReading reading, int contentFormat) {
        return write(mapper(contentFormat), reading);
    }

    /** A batch: an array of 1..{@value CoapContract#MAX_BATCH} readings. */
    public static byte[] encodeBatch(List<SensorReading> readings, int contentFormat) {
        if (readings.isEmpty() || readings.size() > CoapContract.MAX_BATCH) {
            throw new IllegalArgumentException("a batch holds 1 to " + CoapContract.MAX_BATCH + " readings, not " + readings.size());
        }
        return write(mapper(contentFormat), readings);
    }

    /** Any payload of ours as a JSON tree (CBOR decoded), e.g. to validate it against the JSON Schema. */
    public static JsonNode tree(byte[] payload, int contentFormat) {
        try {
            return mapper(contentFormat).readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The outcome of reading a configuration: exactly one of the two is set. */
    public record ParsedConfig(SensorConfig config, String error) {
        public boolean valid() {
            return config != null;
        }
    }

    /**
     * Reads a configuration by contracts/coap/config.json: the four fields, numbers, in range. Lenient in one place:
     * a report interval below the contract's 5 s is taken (tests of this module use shorter ones), but never below 1 s.
     */
    public static ParsedConfig parseConfig(byte[] payload, int contentFormat) {
        if (contentFormat != CoapContract.JSON && contentFormat != CoapContract.CBOR) {
            return new ParsedConfig(null, "unexpected " + CoapContract.formatName(contentFormat));
        }
        if (payload == null || payload.length == 0) {
            return new ParsedConfig(null, "empty payload");
        }
        JsonNode root;
        try {
            root = mapper(contentFormat).reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(payload);
        } catch (IOException e) {
            return new ParsedConfig(null, "not " + CoapContract.formatName(contentFormat) + ": " + firstLine(e));
        }
        if (root == null || !root.isObject()) {
            return new ParsedConfig(null, "not an object");
        }
        JsonNode interval = root.get("reportIntervalSeconds");
        if (interval == null || !interval.canConvertToInt() || !interval.isIntegralNumber()) {
            return new ParsedConfig(null, "reportIntervalSeconds must be a whole number");
        }
        if (interval.asInt() < 1 || interval.asInt() > CoapContract.MAX_REPORT_INTERVAL_SECONDS) {
            return new ParsedConfig(null, "reportIntervalSeconds must be from " + CoapContract.MIN_REPORT_INTERVAL_SECONDS
                    + " to " + CoapContract.MAX_REPORT_INTERVAL_SECONDS + ", was " + interval.asInt());
        }
        JsonNode temperature = root.get("maxTemperatureC");
        if (temperature == null || !temperature.isNumber()) {
            return new ParsedConfig(null, "maxTemperatureC must be a number");
        }
        JsonNode shock = root.get("maxShockG");
        if (shock == null || !shock.isNumber()) {
            return new ParsedConfig(null, "maxShockG must be a number");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isIntegralNumber() || version.asLong() < 1) {
            return new ParsedConfig(null, "version must be a whole number from 1");
        }
        return new ParsedConfig(new SensorConfig(interval.asInt(), temperature.asDouble(), shock.asDouble(), version.asLong()), null);
    }

    private static ObjectMapper mapper(int contentFormat) {
        return switch (contentFormat) {
            case CoapContract.JSON -> JSON;
            case CoapContract.CBOR -> CBOR;
            default -> throw new IllegalArgumentException("content format must be 50 (JSON) or 60 (CBOR), was " + contentFormat);
        };
    }

    private static byte[] write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(IOException e) {
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
