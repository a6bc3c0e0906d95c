package dev.dispatch.iot.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;

import dev.dispatch.iot.model.InvalidReading;
import dev.dispatch.iot.model.SensorConfig;
import dev.dispatch.iot.model.SensorReading;
import dev.dispatch.testsupport.contracts.Contracts;

/** The CoAP payloads in both formats: what is accepted is valid by contracts/coap, and what is refused names its field. */
class SensorPayloadsTest {

    private static final int JSON = MediaTypeRegistry.APPLICATION_JSON;
    private static final int CBOR = MediaTypeRegistry.APPLICATION_CBOR;
    private static final Instant NOW = Instant.parse("2026-12-02T10:20:00.123456789Z");
    private static final SensorPayloads.Limits LIMITS = new SensorPayloads.Limits(100, Duration.ofHours(24), Duration.ofMinutes(5));
    private static final ObjectMapper CBOR_MAPPER = new CBORMapper();

    @Test
    void oneJsonReadingWithItsTime() {
        String json = """
                {"time":"2026-12-02T10:15:30.5+01:00","temperatureC":4.5,"humidityPercent":61,"shockG":0.3,"batteryPercent":87.5,"firmware":"1.2"}""";
        Contracts.assertValid("coap/readings.json", json);

        assertThat(read(json, JSON)).containsExactly(new SensorReading("tag-1", Instant.parse("2026-12-02T09:15:30.5Z"),
                Instant.parse("2026-12-02T10:20:00.123456Z"), 4.5, 61, 0.3, 87.5, null));
    }

    @Test
    void aReadingWithoutTimeWasTakenWhenItArrived() {
        String json = "{\"temperatureC\":-3,\"humidityPercent\":0,\"shockG\":0,\"batteryPercent\":100}";
        Contracts.assertValid("coap/readings.json", json);

        SensorReading reading = read(json, JSON).get(0);
        assertThat(reading.sensorTime()).isEqualTo(reading.receivedAt()).isEqualTo(Instant.parse("2026-12-02T10:20:00.123456Z"));
    }

    @Test
    void anArrayOfBufferedReadings() {
        String json = """
                [{"time":"2026-12-01T10:21:00Z","temperatureC":4,"humidityPercent":50,"shockG":0.1,"batteryPercent":90},
                 {"time":"2026-12-02T10:25:00Z","temperatureC":85,"humidityPercent":100,"shockG":200,"batteryPercent":0}]""";
        Contracts.assertValid("coap/readings.json", json);

        List<SensorReading> readings = read(json, JSON);
        assertThat(readings).extracting(SensorReading::sensorTime)
                .containsExactly(Instant.parse("2026-12-01T10:21:00Z"), Instant.parse("2026-12-02T10:25:00Z"));
        assertThat(readings.get(1).shockG()).isEqualTo(200);
    }

    @Test
    void cborWithTheSameFieldsAndAnyKindOfNumber() throws Exception {
        byte[] cbor = CBOR_MAPPER.writeValueAsBytes(List.of(Map.of("time", "2026-12-02T10:15:30Z", "temperatureC", 4.5, "humidityPercent", 61,
                "shockG", 0.3f, "batteryPercent", 87.5)));
        assertThat(read(cbor, CBOR)).containsExactly(new SensorReading("tag-1", Instant.parse("2026-12-02T10:15:30Z"),
                Instant.parse("2026-12-02T10:20:00.123456Z"), 4.5, 61, 0.30000001192092896, 87.5, null));

        // Written by hand, as a small C library would: a half-precision 4.5, an unsigned 61, a single 0.3, a double 87.5.
        byte[] handmade = cborMap(
                "temperatureC", "f94480",
                "humidityPercent", "183d",
                "shockG", "fa3e99999a",
                "batteryPercent", "fb4055e00000000000");
        SensorReading reading = read(handmade, CBOR).get(0);
        assertThat(reading.temperatureC()).isEqualTo(4.5);
        assertThat(reading.humidityPercent()).isEqualTo(61);
        assertThat(reading.batteryPercent()).isEqualTo(87.5);
    }

    @Test
    void whatIsNoReadingIsMalformed() {
        assertMalformed("{", JSON, "not JSON");
        assertMalformed("{} {}", JSON, "not JSON");
        assertMalformed("", JSON, "empty");
        assertMalformed("42", JSON, "a reading (an object) or an array");
        assertMalformed("\"reading\"", JSON, "a reading (an object) or an array");
        assertMalformed("[]", JSON, "an array of 1..100 readings, not 0");
        assertMalformed("[" + "{},".repeat(100) + "{}]", JSON, "not 101");
        assertMalformed("[{\"temperatureC\":1,\"humidityPercent\":1,\"shockG\":1,\"batteryPercent\":1}, 7]", JSON, "readings[1] is not a reading");
        assertMalformed(HexFormat.of().parseHex("a1ff"), CBOR, "not CBOR");
        assertMalformed("{\"temperatureC\":1}".getBytes(StandardCharsets.UTF_8), CBOR, "not CBOR");
    }

    @Test
    void aFieldMissingOfTheWrongTypeOrOutOfRangeIsNamed() {
        String ok = "\"humidityPercent\":50,\"shockG\":0.5,\"batteryPercent\":80";
        assertInvalid("{" + ok + "}", "temperatureC is missing");
        assertInvalid("{\"temperatureC\":null," + ok + "}", "temperatureC is missing");
        assertInvalid("{\"temperatureC\":\"4.5\"," + ok + "}", "temperatureC must be a number");
        assertInvalid("{\"temperatureC\":85.5," + ok + "}", "temperatureC 85.5 is outside -40..85");
        assertInvalid("{\"temperatureC\":-41," + ok + "}", "temperatureC -41 is outside -40..85");
        assertInvalid("{\"temperatureC\":5,\"humidityPercent\":101,\"shockG\":0.5,\"batteryPercent\":80}", "humidityPercent 101 is outside 0..100");
        assertInvalid("[{\"temperatureC\":5," + ok + "},{\"temperatureC\":5,\"humidityPercent\":50,\"shockG\":201,\"batteryPercent\":80}]",
                "readings[1].shockG 201 is outside 0..200");
        assertInvalid("{\"temperatureC\":5,\"humidityPercent\":50,\"shockG\":0.5,\"batteryPercent\":-1}", "batteryPercent -1 is outside 0..100");
        // NaN is a number in CBOR (a half-precision float here), never a reading.
        assertThatThrownBy(() -> read(cborMap("temperatureC", "f97e00", "humidityPercent", "01", "shockG", "01", "batteryPercent", "01"), CBOR))
                .isInstanceOfSatisfying(InvalidReading.class, e -> assertThat(e).hasMessageContaining("temperatureC"));
    }

    @Test
    void theTimeIsRfc3339WithSecondsWithinADayBackAndFiveMinutesAhead() {
        String fields = ",\"temperatureC\":5,\"humidityPercent\":50,\"shockG\":0.5,\"batteryPercent\":80}";
        assertInvalid("{\"time\":\"2026-12-02T10:15Z\"" + fields, "time must be an RFC 3339 date-time");
        assertInvalid("{\"time\":\"2026-12-02 10:15:30Z\"" + fields, "time must be an RFC 3339 date-time");
        assertInvalid("{\"time\":\"2026-12-02T10:15:30\"" + fields, "time must be an RFC 3339 date-time");
        assertInvalid("{\"time\":1764670530" + fields, "time must be an RFC 3339 date-time");
        assertInvalid("{\"time\":\"2026-02-30T10:15:30Z\"" + fields, "time '2026-02-30T10:15:30Z' is not a valid date-time");
        // Which no schema can say: the contract's words only.
        assertInvalidOnlyHere("{\"time\":\"2026-12-01T10:20:00Z\"" + fields, "is more than 24 h in the past");
        assertInvalidOnlyHere("{\"time\":\"2026-12-02T10:25:01Z\"" + fields, "is more than 5 min ahead");
        assertThat(read("{\"time\":\"2026-12-01T10:20:01Z\"" + fields, JSON)).hasSize(1);
        assertThat(read("{\"time\":\"2026-12-02T10:25:00Z\"" + fields, JSON)).hasSize(1);
    }

    @Test
    void theConfigurationInJsonAndCbor() throws Exception {
        SensorConfig config = new SensorConfig(300, 8.0, 4.0, 1);

        String json = new String(SensorPayloads.config(config, JSON), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"reportIntervalSeconds\":300,\"maxTemperatureC\":8.0,\"maxShockG\":4.0,\"version\":1}");
        Contracts.assertValid("coap/config.json", json);

        JsonNode cbor = CBOR_MAPPER.readTree(SensorPayloads.config(new SensorConfig(60, -2.5, 0.5, 7), CBOR));
        assertThat(cbor.get("reportIntervalSeconds").asInt()).isEqualTo(60);
        assertThat(cbor.get("maxTemperatureC").asDouble()).isEqualTo(-2.5);
        assertThat(cbor.get("maxShockG").asDouble()).isEqualTo(0.5);
        assertThat(cbor.get("version").asLong()).isEqualTo(7);
        Contracts.assertValid("coap/config.json", cbor);
    }

    private static List<SensorReading> read(String payload, int format) {
        return read(payload.getBytes(StandardCharsets.UTF_8), format);
    }

    private static List<SensorReading> read(byte[] payload, int format) {
        return SensorPayloads.readings("tag-1", payload, format, NOW, LIMITS);
    }

    private static void assertMalformed(String payload, int format, String message) {
        assertMalformed(payload.getBytes(StandardCharsets.UTF_8), format, message);
    }

    private static void assertMalformed(byte[] payload, int format, String message) {
        assertThatThrownBy(() -> read(payload, format)).isInstanceOfSatisfying(InvalidReading.class, e -> {
            assertThat(e.kind()).isEqualTo(InvalidReading.Kind.MALFORMED);
            assertThat(e).hasMessageContaining(message);
        });
    }

    private static void assertInvalid(String json, String message) {
        assertThat(Contracts.errors("coap/readings.json", json)).as("the contract refuses %s too", json).isNotEmpty();
        assertInvalidOnlyHere(json, message);
    }

    private static void assertInvalidOnlyHere(String json, String message) {
        assertThatThrownBy(() -> read(json, JSON)).isInstanceOfSatisfying(InvalidReading.class, e -> {
            assertThat(e.kind()).isEqualTo(InvalidReading.Kind.INVALID_FIELD);
            assertThat(e).hasMessageContaining(message);
        });
    }

    /** A CBOR map of text keys to values given as hex. */
    private static byte[] cborMap(String... keysAndHexValues) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xa0 + keysAndHexValues.length / 2);
        for (int i = 0; i < keysAndHexValues.length; i += 2) {
            byte[] key = keysAndHexValues[i].getBytes(StandardCharsets.UTF_8);
            out.write(0x60 + key.length);
            out.writeBytes(key);
            out.writeBytes(HexFormat.of().parseHex(keysAndHexValues[i + 1]));
        }
        return out.toByteArray();
    }
}
