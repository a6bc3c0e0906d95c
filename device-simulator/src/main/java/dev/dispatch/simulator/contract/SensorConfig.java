package dev.dispatch.simulator.contract;

/**
 * What a sensor observes at {@code sensors/{sensorId}/config} (contracts/coap/config.json): how often it reports,
 * the limits iot-ingest alerts on, and a version that grows with every change.
 */
public record SensorConfig(int reportIntervalSeconds, double maxTemperatureC, double maxShockG, long version) {
}
