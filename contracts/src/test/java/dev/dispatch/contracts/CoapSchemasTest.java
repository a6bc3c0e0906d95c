package dev.dispatch.contracts;

import static dev.dispatch.contracts.EventSchemasTest.assertInvalid;
import static dev.dispatch.contracts.Json.with;
import static dev.dispatch.contracts.Json.without;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The CoAP payload schemas: a reading and a batch of them as a sensor POSTs them to sensors/{sensorId}/readings, and
 * the configuration iot-ingest answers and notifies on sensors/{sensorId}/config; and what iot-ingest refuses with
 * 4.00 Bad Request, where a schema can say it.
 */
class CoapSchemasTest {

    private static final String READING = "coap/reading.json";
    private static final String READINGS = "coap/readings.json";
    private static final String CONFIG = "coap/config.json";

    // The brief's reading.
    private static final ObjectNode ONE = Json.object("""
            {'time':'2026-12-02T10:15:30Z','temperatureC':4.5,'humidityPercent':61.0,'shockG':0.3,'batteryPercent':87.5}""");
    private static final ObjectNode DEFAULTS = Json.object("""
            {'reportIntervalSeconds':300,'maxTemperatureC':8.0,'maxShockG':4.0,'version':1}""");

    @Test
    void aReadingAsASensorSendsIt() {
        assertThat(Documents.errors(READING, ONE)).isEmpty();
        assertThat(Documents.errors(READING, without(ONE, "/time"))).as("time is optional").isEmpty();
        assertThat(Documents.errors(READING, with(ONE, "/time", "2026-12-02T11:15:30.123456789+01:00"))).isEmpty();
        assertThat(Documents.errors(READING, with(ONE, "/firmware", "0.9"))).as("other fields are ignored").isEmpty();
        // integers are numbers too (a CBOR encoder may write 61 rather than 61.0), and the edges are inside
        ObjectNode edges = with(with(with(with(ONE, "/temperatureC", -40), "/humidityPercent", 100), "/shockG", 200), "/batteryPercent", 0);
        assertThat(Documents.errors(READING, edges)).isEmpty();
        assertThat(Documents.errors(READING, with(ONE, "/temperatureC", 85))).isEmpty();
    }

    @Test
    void aReadingThatIotIngestRefuses() {
        for (String field : new String[] {"temperatureC", "humidityPercent", "shockG", "batteryPercent"}) {
            assertInvalid(READING, without(ONE, "/" + field), field);
            assertInvalid(READING, with(ONE, "/" + field, null), field);
            assertInvalid(READING, with(ONE, "/" + field, "4.5"), field);
        }
        assertInvalid(READING, with(ONE, "/temperatureC", -40.1), "temperatureC");
        assertInvalid(READING, with(ONE, "/temperatureC", 85.01), "temperatureC");
        assertInvalid(READING, with(ONE, "/humidityPercent", 100.5), "humidityPercent");
        assertInvalid(READING, with(ONE, "/shockG", -0.1), "shockG");
        assertInvalid(READING, with(ONE, "/shockG", 200.1), "shockG");
        assertInvalid(READING, with(ONE, "/batteryPercent", 101), "batteryPercent");
        assertInvalid(READING, with(ONE, "/time", "2026-12-02T10:15Z"), "time");              // seconds required
        assertInvalid(READING, with(ONE, "/time", "2026-12-02T10:15:30"), "time");            // no offset
        assertInvalid(READING, with(ONE, "/time", "2026-12-02t10:15:30z"), "time");
        assertInvalid(READING, with(ONE, "/time", 1764670530), "time");                       // not epoch seconds
    }

    @Test
    void oneReadingOrABatchOfOneToAHundred() {
        assertThat(Documents.errors(READINGS, ONE)).isEmpty();
        assertThat(Documents.errors(READINGS, batch(1))).isEmpty();
        assertThat(Documents.errors(READINGS, batch(100))).isEmpty();
        assertInvalid(READINGS, batch(0), "0");
        assertInvalid(READINGS, batch(101), "100");
        ArrayNode oneBad = batch(3);
        oneBad.set(1, with(ONE, "/shockG", 250));
        assertInvalid(READINGS, oneBad, "/1/shockG");                                          // the error names the reading
        assertInvalid(READINGS, without(ONE, "/batteryPercent"), "batteryPercent");
        assertInvalid(READINGS, Documents.parse("\"4.5\""), "object");
        assertInvalid(READINGS, Documents.parse("[[" + ONE + "]]"), "object");                  // no nested batches
    }

    @Test
    void theConfigurationAsIotIngestSendsIt() {
        assertThat(Documents.errors(CONFIG, DEFAULTS)).isEmpty();
        ObjectNode edges = with(with(with(DEFAULTS, "/reportIntervalSeconds", 5), "/maxTemperatureC", -40), "/maxShockG", 0.1);
        assertThat(Documents.errors(CONFIG, edges)).isEmpty();
        edges = with(with(with(with(DEFAULTS, "/reportIntervalSeconds", 86400), "/maxTemperatureC", 85), "/maxShockG", 100),
                "/version", 9_007_199_254_740_993L);
        assertThat(Documents.errors(CONFIG, edges)).as("version is a long").isEmpty();
        assertThat(Documents.errors(CONFIG, with(DEFAULTS, "/maxTemperatureC", 6))).isEmpty();
    }

    @Test
    void aConfigurationOutsideTheContract() {
        for (String field : new String[] {"reportIntervalSeconds", "maxTemperatureC", "maxShockG", "version"}) {
            assertInvalid(CONFIG, without(DEFAULTS, "/" + field), field);
        }
        assertInvalid(CONFIG, with(DEFAULTS, "/reportIntervalSeconds", 4), "reportIntervalSeconds");
        assertInvalid(CONFIG, with(DEFAULTS, "/reportIntervalSeconds", 86401), "reportIntervalSeconds");
        assertInvalid(CONFIG, with(DEFAULTS, "/reportIntervalSeconds", 30.5), "reportIntervalSeconds");
        assertInvalid(CONFIG, with(DEFAULTS, "/maxTemperatureC", 85.5), "maxTemperatureC");
        assertInvalid(CONFIG, with(DEFAULTS, "/maxShockG", 0.05), "maxShockG");
        assertInvalid(CONFIG, with(DEFAULTS, "/maxShockG", 100.1), "maxShockG");
        assertInvalid(CONFIG, with(DEFAULTS, "/version", 0), "version");
        assertInvalid(CONFIG, with(DEFAULTS, "/version", "1"), "version");
        assertInvalid(CONFIG, with(DEFAULTS, "/maxHumidityPercent", 80), "maxHumidityPercent");  // exactly these four
    }

    private static ArrayNode batch(int size) {
        ArrayNode readings = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < size; i++) {
            readings.add(with(ONE, "/time", String.format("2026-12-02T%02d:%02d:30Z", 10 + i / 60, i % 60)));
        }
        return readings;
    }
}
