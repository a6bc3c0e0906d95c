package dev.dispatch.simulator.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import dev.dispatch.simulator.device.SensorSettings;
import dev.dispatch.simulator.device.SimulatedSensor;
import dev.dispatch.simulator.support.MutableClock;
import dev.dispatch.testsupport.contracts.Contracts;

/**
 * The simulator's own copy of the CoAP contract ({@link CoapContract}, {@link CoapPayloads}) against the normative
 * one, contracts/asyncapi.yaml and its coap/ schemas: every reading and batch a tag sends conforms, in JSON and in
 * CBOR, at the ranges' limits too; the configurations the contract shows are read as it means them.
 */
class CoapContractConformanceTest {

    private static final String READINGS = "sensors/tag-1/readings";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:15:30Z"));

    @Test
    void everyReadingATagTakesConformsInJsonAndInCbor() {
        SimulatedSensor sensor = new SimulatedSensor("tag-1", SensorSettings.defaults().withTemperature(4, true), clock);
        for (int i = 0; i < 200; i++) {
            if (i % 17 == 0) {
                sensor.doorEvent(i % 2 == 0);
            }
            SensorReading reading = sensor.reading();
            clock.advance(Duration.ofSeconds(10));
            byte[] json = CoapPayloads.encode(reading, CoapContract.JSON);
            Contracts.assertValid("coap/reading.json", new String(json, StandardCharsets.UTF_8));
            Contracts.assertValidCoap(READINGS, json);
            Contracts.assertValidCoap(READINGS, Contracts.COAP_CBOR, CoapPayloads.encode(reading, CoapContract.CBOR));
        }
    }

    @Test
    void readingsAtTheLimitsOfTheRangesConform() {
        SimulatedSensor hot = new SimulatedSensor("tag-1", SensorSettings.defaults().withTemperature(85, true).withBattery(0), clock);
        SimulatedSensor cold = new SimulatedSensor("tag-2", SensorSettings.defaults().withTemperature(-40, false), clock);
        hot.shock(10_000);
        for (SensorReading reading : List.of(hot.reading(), hot.reading(), cold.reading(), cold.reading())) {
            assertThat(reading.temperatureC()).isBetween(CoapContract.MIN_TEMPERATURE_C, CoapContract.MAX_TEMPERATURE_C);
            Contracts.assertValidCoap(READINGS, CoapPayloads.encode(reading, CoapContract.JSON));
        }
        assertThat(hot.reading().batteryPercent()).isZero();
    }

    @Test
    void aBatchOfOneToAHundredConformsAndFitsTheBodyLimitAHundredAndOneIsNeverMade() {
        SimulatedSensor sensor = new SimulatedSensor("tag-1", SensorSettings.defaults(), clock);
        List<SensorReading> readings = new ArrayList<>();
        for (int i = 0; i < CoapContract.MAX_BATCH + 1; i++) {
            readings.add(sensor.reading());
            clock.advance(Duration.ofSeconds(1));
        }
        for (int size : new int[] {1, 2, CoapContract.MAX_BATCH}) {
            byte[] json = CoapPayloads.encodeBatch(readings.subList(0, size), CoapContract.JSON);
            Contracts.assertValid("coap/readings.json", new String(json, StandardCharsets.UTF_8));
            Contracts.assertValidCoap(READINGS, json);
            Contracts.assertValidCoap(READINGS, Contracts.COAP_CBOR, CoapPayloads.encodeBatch(readings.subList(0, size), CoapContract.CBOR));
            assertThat(json.length).isLessThanOrEqualTo(CoapContract.MAX_BODY_BYTES);
        }
        assertThatThrownBy(() -> CoapPayloads.encodeBatch(readings, CoapContract.JSON))
                .hasMessage("a batch holds 1 to 100 readings, not 101");
        assertThatThrownBy(() -> CoapPayloads.encodeBatch(List.of(), CoapContract.JSON)).hasMessageContaining("not 0");
        // The contract's own limits are the client's.
        assertThat(Contracts.errors("coap/readings.json", new String(
                CoapPayloads.encodeBatch(readings.subList(0, 100), CoapContract.JSON), StandardCharsets.UTF_8))).isEmpty();
        assertThat(CoapContract.MAX_BODY_BYTES).isEqualTo(Contracts.MAX_COAP_BODY_BYTES);
        assertThat(CoapContract.JSON).isEqualTo(Contracts.COAP_JSON);
        assertThat(CoapContract.CBOR).isEqualTo(Contracts.COAP_CBOR);
    }

    @Test
    void aReadingWithoutTimeLeavesItOutAndStillConforms() {
        byte[] json = CoapPayloads.encode(new SensorReading(null, 4.5, 61, 0.3, 87.5), CoapContract.JSON);

        assertThat(new String(json, StandardCharsets.UTF_8))
                .isEqualTo("{\"temperatureC\":4.5,\"humidityPercent\":61.0,\"shockG\":0.3,\"batteryPercent\":87.5}");
        Contracts.assertValidCoap(READINGS, json);
    }

    @Test
    void theContractsConfigurationExamplesAreReadAsTheyMeanIt() {
        Map<String, List<JsonNode>> examples = Contracts.examples("sensors/{sensorId}/config");
        List<JsonNode> all = examples.values().stream().flatMap(List::stream).toList();
        assertThat(all).isNotEmpty();
        for (JsonNode example : all) {
            CoapPayloads.ParsedConfig parsed = CoapPayloads.parseConfig(example.toString().getBytes(StandardCharsets.UTF_8), CoapContract.JSON);
            assertThat(parsed.error()).as(example.toString()).isNull();
            assertThat(parsed.config().reportIntervalSeconds()).isEqualTo(example.get("reportIntervalSeconds").asInt());
            assertThat(parsed.config().maxTemperatureC()).isEqualTo(example.get("maxTemperatureC").asDouble());
            assertThat(parsed.config().version()).isEqualTo(example.get("version").asLong());
        }
    }

    @Test
    void aConfigurationInCborIsReadLikeJson() {
        byte[] cbor = CoapPayloads.encodeBatch(List.of(new SensorReading(null, 1, 1, 1, 1)), CoapContract.CBOR); // any CBOR
        assertThat(CoapPayloads.parseConfig(cbor, CoapContract.CBOR).error()).isEqualTo("not an object");
        com.fasterxml.jackson.databind.ObjectMapper cborMapper =
                new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.cbor.CBORFactory());
        byte[] config;
        try {
            config = cborMapper.writeValueAsBytes(Map.of("reportIntervalSeconds", 30, "maxTemperatureC", 6.5, "maxShockG", 2, "version", 4));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
        Contracts.assertValidCoap("sensors/tag-1/config", Contracts.COAP_CBOR, config);
        assertThat(CoapPayloads.parseConfig(config, CoapContract.CBOR).config()).isEqualTo(new SensorConfig(30, 6.5, 2, 4));
    }

    @Test
    void aBadConfigurationIsAnErrorNeverAnException() {
        assertThat(error("")).isEqualTo("empty payload");
        assertThat(error("{\"version\":1} trailing")).startsWith("not JSON");
        assertThat(error("[1]")).isEqualTo("not an object");
        assertThat(error("{\"maxTemperatureC\":8,\"maxShockG\":4,\"version\":1}")).isEqualTo("reportIntervalSeconds must be a whole number");
        assertThat(error("{\"reportIntervalSeconds\":2.5,\"maxTemperatureC\":8,\"maxShockG\":4,\"version\":1}"))
                .isEqualTo("reportIntervalSeconds must be a whole number");
        assertThat(error("{\"reportIntervalSeconds\":0,\"maxTemperatureC\":8,\"maxShockG\":4,\"version\":1}"))
                .isEqualTo("reportIntervalSeconds must be from 5 to 86400, was 0");
        assertThat(error("{\"reportIntervalSeconds\":86401,\"maxTemperatureC\":8,\"maxShockG\":4,\"version\":1}"))
                .isEqualTo("reportIntervalSeconds must be from 5 to 86400, was 86401");
        assertThat(error("{\"reportIntervalSeconds\":60,\"maxTemperatureC\":\"8\",\"maxShockG\":4,\"version\":1}"))
                .isEqualTo("maxTemperatureC must be a number");
        assertThat(error("{\"reportIntervalSeconds\":60,\"maxTemperatureC\":8,\"version\":1}")).isEqualTo("maxShockG must be a number");
        assertThat(error("{\"reportIntervalSeconds\":60,\"maxTemperatureC\":8,\"maxShockG\":4,\"version\":0}"))
                .isEqualTo("version must be a whole number from 1");
        assertThat(CoapPayloads.parseConfig(new byte[] {1}, 0).error()).isEqualTo("unexpected content format 0");
    }

    @Test
    void sensorIdsFollowTheContractsRule() {
        assertThat(CoapContract.isValidSensorId("tag-1")).isTrue();
        assertThat(CoapContract.isValidSensorId("a".repeat(64))).isTrue();
        assertThat(CoapContract.isValidSensorId("a".repeat(65))).isFalse();
        assertThat(CoapContract.isValidSensorId("tag/1")).isFalse();
        assertThat(Contracts.coapErrors("sensors/tag/1/readings", "{}")).isNotEmpty();
        assertThat(CoapContract.readingsPath("tag-1")).isEqualTo(READINGS);
        assertThat(CoapContract.configPath("tag-1")).isEqualTo("sensors/tag-1/config");
    }

    private static String error(String json) {
        return CoapPayloads.parseConfig(json.getBytes(StandardCharsets.UTF_8), CoapContract.JSON).error();
    }
}
