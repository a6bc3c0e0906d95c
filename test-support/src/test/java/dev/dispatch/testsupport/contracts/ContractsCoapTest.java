package dev.dispatch.testsupport.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;

/** Contracts' CoAP side (coapErrors, assertValidCoap), its examples, and sensor alerts on device-alerts. */
class ContractsCoapTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CBORMapper CBOR = new CBORMapper();
    private static final String READINGS = "sensors/tag-1/readings";
    private static final String CONFIG = "sensors/tag-1/config";
    private static final String READING = """
            {"time":"2026-12-02T10:15:30Z","temperatureC":4.5,"humidityPercent":61.0,"shockG":0.3,"batteryPercent":87.5}""";
    private static final String DEFAULTS = """
            {"reportIntervalSeconds":300,"maxTemperatureC":8.0,"maxShockG":4.0,"version":1}""";

    @Test
    void aReadingOrABatchInJsonOnItsResource() throws Exception {
        assertThat(Contracts.coapErrors(READINGS, READING)).isEmpty();
        assertThat(Contracts.coapErrors("/sensors/tag-1/readings", READING.getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(Contracts.coapErrors("coaps://127.0.0.1:5684/sensors/tag-1/readings", READING)).isEmpty();
        assertThat(Contracts.coapErrors("coap://[::1]:5683/sensors/a.b_c:d-9/readings", READING)).isEmpty();
        assertThat(Contracts.coapErrors(READINGS, Contracts.COAP_JSON, batch(100).getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(Contracts.coapErrors(CONFIG, DEFAULTS)).isEmpty();
        assertThatCode(() -> Contracts.assertValidCoap(READINGS, READING)).doesNotThrowAnyException();
        assertThatCode(() -> Contracts.assertValidCoap(CONFIG, DEFAULTS.getBytes(StandardCharsets.UTF_8))).doesNotThrowAnyException();
    }

    @Test
    void theSameInCbor() throws Exception {
        byte[] reading = CBOR.writeValueAsBytes(JSON.readTree(READING));
        assertThat(Contracts.coapErrors(READINGS, Contracts.COAP_CBOR, reading)).isEmpty();
        // integers where JSON has decimals are numbers too
        byte[] ints = CBOR.writeValueAsBytes(Map.of("temperatureC", 4, "humidityPercent", 61, "shockG", 0, "batteryPercent", 88));
        assertThat(Contracts.coapErrors(READINGS, Contracts.COAP_CBOR, ints)).isEmpty();
        byte[] floats = CBOR.writeValueAsBytes(Map.of("temperatureC", 4.5f, "humidityPercent", 61.25f, "shockG", 0.5f, "batteryPercent", 87.5f));
        assertThat(Contracts.coapErrors(READINGS, Contracts.COAP_CBOR, floats)).isEmpty();
        assertThat(Contracts.coapErrors(READINGS, Contracts.COAP_CBOR, CBOR.writeValueAsBytes(JSON.readTree(batch(3))))).isEmpty();
        assertThat(Contracts.coapErrors(CONFIG, Contracts.COAP_CBOR, CBOR.writeValueAsBytes(JSON.readTree(DEFAULTS)))).isEmpty();
        assertThatCode(() -> Contracts.assertValidCoap(READINGS, Contracts.COAP_CBOR, reading)).doesNotThrowAnyException();
    }

    @Test
    void aPathOutsideTheContract() {
        for (String path : new String[] {"sensors/tag 1/readings", "sensors/tag-1/firmware", "sensors//readings", "sensors/tag-1",
                "devices/courier-1/telemetry", "sensors/" + "x".repeat(65) + "/readings", "sensors/tag-1/readings/", "",
                "http://host/sensors/tag-1/readings", "sensors/tag-1/readings?x=1"}) {
            assertThat(Contracts.coapErrors(path, READING)).as(path).singleElement().asString().contains("is not sensors/{sensorId}");
        }
        assertThat(Contracts.coapErrors(null, Contracts.COAP_JSON, READING.getBytes(StandardCharsets.UTF_8))).hasSize(1);
        assertThat(Contracts.coapErrors("sensors/" + "x".repeat(64) + "/readings", READING)).isEmpty();
    }

    @Test
    void aBodyOverSixteenKibIsRefusedWhateverItHolds() {
        String exactly = READING + " ".repeat(Contracts.MAX_COAP_BODY_BYTES - READING.length());
        assertThat(exactly.getBytes(StandardCharsets.UTF_8)).hasSize(Contracts.MAX_COAP_BODY_BYTES);
        assertThat(Contracts.coapErrors(READINGS, exactly)).isEmpty();
        assertThat(Contracts.coapErrors(READINGS, exactly + " ")).containsExactly("body of 16385 bytes is over the limit of 16384");
    }

    @Test
    void aContentFormatOtherThanJsonOrCbor() {
        byte[] body = READING.getBytes(StandardCharsets.UTF_8);
        for (int format : new int[] {0, 42, 110, 112, -1}) {
            assertThat(Contracts.coapErrors(READINGS, format, body)).as("format " + format)
                    .containsExactly("Content-Format " + format + " is not one of sensors/{sensorId}/readings's (50 application/json, 60 application/cbor)");
        }
    }

    @Test
    void aBodyThatIsNotOneValue() throws Exception {
        assertThat(Contracts.coapErrors(READINGS, "")).singleElement().asString().startsWith("empty body");
        assertThat(Contracts.coapErrors(READINGS, Contracts.COAP_CBOR, new byte[0])).singleElement().asString().startsWith("empty body");
        assertThat(Contracts.coapErrors(READINGS, Contracts.COAP_CBOR, null)).singleElement().asString().startsWith("empty body");
        assertThat(Contracts.coapErrors(READINGS, "{\"temperatureC\":")).singleElement().asString().startsWith("not JSON");
        assertThat(Contracts.coapErrors(READINGS, READING + "{}")).as("trailing data").singleElement().asString().startsWith("not JSON");
        assertThat(Contracts.coapErrors(READINGS, Contracts.COAP_CBOR, READING.getBytes(StandardCharsets.UTF_8)))
                .as("JSON sent as CBOR").singleElement().asString().startsWith("not CBOR");
        byte[] reading = CBOR.writeValueAsBytes(JSON.readTree(READING));
        assertThat(Contracts.coapErrors(READINGS, Contracts.COAP_CBOR, Arrays.copyOf(reading, reading.length - 3)))
                .as("truncated").singleElement().asString().startsWith("not CBOR");
        assertThat(Contracts.coapErrors(READINGS, Contracts.COAP_JSON, reading)).as("CBOR sent as JSON").isNotEmpty();
    }

    @Test
    void aBodyThatBreaksTheSchemaNamesTheField() throws Exception {
        ObjectNode hot = (ObjectNode) JSON.readTree(READING);
        hot.put("temperatureC", 85.5);
        assertThat(Contracts.coapErrors(READINGS, hot.toString())).anyMatch(error -> error.contains("temperatureC"));
        ObjectNode missing = (ObjectNode) JSON.readTree(READING);
        missing.remove("batteryPercent");
        assertThat(Contracts.coapErrors(READINGS, Contracts.COAP_CBOR, CBOR.writeValueAsBytes(missing)))
                .anyMatch(error -> error.contains("batteryPercent"));
        assertThat(Contracts.coapErrors(READINGS, "[]")).isNotEmpty();
        ArrayNode tooMany = (ArrayNode) JSON.readTree(batch(101));
        assertThat(Contracts.coapErrors(READINGS, tooMany.toString())).anyMatch(error -> error.contains("100"));
        assertThat(Contracts.coapErrors(CONFIG, DEFAULTS.replace("300", "4"))).anyMatch(error -> error.contains("reportIntervalSeconds"));
        assertThat(Contracts.coapErrors(CONFIG, READING)).as("a reading is not a configuration").isNotEmpty();
        assertThatThrownBy(() -> Contracts.assertValidCoap(READINGS, hot.toString()))
                .isInstanceOf(AssertionError.class).hasMessageContaining(READINGS).hasMessageContaining("temperatureC");
        assertThatThrownBy(() -> Contracts.assertValidCoap(READINGS, Contracts.COAP_CBOR, CBOR.writeValueAsBytes(missing)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Content-Format 60").hasMessageContaining("CBOR {");
    }

    @Test
    void theExamplesOfAChannelByMessageNameAreValidCopies() throws Exception {
        Map<String, List<JsonNode>> readings = Contracts.examples("sensors/{sensorId}/readings");
        assertThat(readings.keySet()).containsExactly("reading", "reading-cbor");
        assertThat(readings.get("reading")).hasSizeGreaterThanOrEqualTo(2).anyMatch(JsonNode::isArray).anyMatch(JsonNode::isObject);
        for (JsonNode example : readings.get("reading")) {
            assertThat(Contracts.coapErrors(READINGS, example.toString())).as(example.toString()).isEmpty();
        }
        for (JsonNode example : readings.get("reading-cbor")) {
            assertThat(Contracts.coapErrors(READINGS, Contracts.COAP_CBOR, CBOR.writeValueAsBytes(example))).isEmpty();
        }
        Map<String, List<JsonNode>> config = Contracts.examples("sensors/{sensorId}/config");
        assertThat(config.keySet()).containsExactly("config", "config-cbor");
        config.get("config").forEach(example -> assertThat(Contracts.coapErrors(CONFIG, example.toString())).isEmpty());

        Map<String, List<JsonNode>> alerts = Contracts.examples("device-alerts");
        assertThat(alerts.keySet()).isEqualTo(Contracts.messageNames("device-alerts"));
        alerts.values().forEach(examples -> examples.forEach(
                example -> assertThat(Contracts.eventErrors("device-alerts", example)).as(example.toString()).isEmpty()));
        assertThat(Contracts.examples("order-events").get("dispatch.order.paid"))
                .as("a message without examples").isEmpty();

        ((ObjectNode) readings.get("reading").get(0)).put("temperatureC", 1000);
        assertThat(Contracts.examples("sensors/{sensorId}/readings").get("reading").get(0).get("temperatureC").asDouble())
                .as("a copy").isNotEqualTo(1000);
        assertThatThrownBy(() -> Contracts.examples("sensors/tag-1/readings")).as("the channel's address, not a path")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sensorAlertsAreEventsOfDeviceAlertsByTheirOwnSchema() throws Exception {
        assertThat(Contracts.messageNames("device-alerts")).contains("dispatch.sensor.alert.temperature", "dispatch.sensor.alert.shock",
                "dispatch.sensor.alert.battery");
        assertThat(Contracts.schemaOf("device-alerts", "dispatch.sensor.alert.shock")).isEqualTo("events/sensor-alert.v1.json");
        assertThat(Contracts.schemasOf("device-alerts")).containsExactlyInAnyOrder("events/device-alert.v1.json", "events/sensor-alert.v1.json");
        ObjectNode alert = (ObjectNode) Contracts.examples("device-alerts").get("dispatch.sensor.alert.temperature").get(0);
        assertThat(Contracts.eventErrors("device-alerts", alert)).isEmpty();
        ((ObjectNode) alert.get("data")).remove("customerId");
        assertThat(Contracts.eventErrors("device-alerts", alert)).anyMatch(error -> error.contains("customerId"));
        assertThat(Contracts.referencedSchemas()).contains("events/sensor-alert.v1.json", "coap/readings.json", "coap/reading.json",
                "coap/config.json");
    }

    private static String batch(int size) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            json.append(i == 0 ? "" : ",").append(READING.replace("10:15:30", String.format("%02d:%02d:30", 10 + i / 60, i % 60)));
        }
        return json.append(']').toString();
    }
}
