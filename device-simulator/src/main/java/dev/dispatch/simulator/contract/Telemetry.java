package dev.dispatch.simulator.contract;

/** One reading on {@code devices/{deviceId}/telemetry}; {@code deviceTime} is an ISO-8601 instant. */
public record Telemetry(
        String deviceId,
        String deviceTime,
        double latitude,
        double longitude,
        double cargoTemperatureC,
        double batteryPercent) {
}
