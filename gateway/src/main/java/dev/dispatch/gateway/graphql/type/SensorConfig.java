package dev.dispatch.gateway.graphql.type;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("SensorConfig")
@Description("What the sensor observes at coap://…/sensors/{id}/config: how often to report, the limits above which a reading "
        + "raises an alert, and a version that grows with every change.")
public record SensorConfig(
        @Description("How often the sensor wakes and reports, 5 to 86400 seconds.") int reportIntervalSeconds,
        @Description("Temperature alert limit in °C (an order's own lower limit wins).") double maxTemperatureC,
        @Description("Shock alert limit in g.") double maxShockG,
        @Description("Grows by one with every change.") long version) {
}
