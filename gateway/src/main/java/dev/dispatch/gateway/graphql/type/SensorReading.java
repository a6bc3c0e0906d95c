package dev.dispatch.gateway.graphql.type;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/** One reading of a cargo sensor: its clock, when iot-ingest received it, the cargo's temperature, humidity and shocks. */
@Type("SensorReading")
@Description("One reading of a cargo sensor, sent over CoAP.")
public record SensorReading(
        @Description("The sensor's own clock.") Instant sensorTime,
        Instant receivedAt,
        @Description("Cargo temperature in °C.") double temperatureC,
        @Description("Relative humidity, 0 to 100 %.") double humidityPercent,
        @Description("Shock in g.") double shockG,
        @Description("Battery charge, 0 to 100 %.") double batteryPercent,
        @Description("The order the sensor's courier was delivering when the reading arrived, if any.") String orderId) {
}
