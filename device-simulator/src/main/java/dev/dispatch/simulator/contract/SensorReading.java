package dev.dispatch.simulator.contract;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One reading a cargo sensor POSTs to {@code sensors/{sensorId}/readings} (contracts/coap/reading.json).
 *
 * @param time when the sensor took it, RFC 3339 with seconds (its own clock); null leaves it to iot-ingest
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SensorReading(
        String time,
        double temperatureC,
        double humidityPercent,
        double shockG,
        double batteryPercent) {
}
