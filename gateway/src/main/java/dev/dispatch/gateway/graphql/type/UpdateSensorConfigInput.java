package dev.dispatch.gateway.graphql.type;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** A change of a sensor's configuration, checked as the model's {@link dev.dispatch.gateway.model.UpdateSensorConfigRequest}. */
@Input("UpdateSensorConfigInput")
@Description("A change of a sensor's configuration, as PUT /api/sensors/{id}/config: fields left out keep their value; at least "
        + "one is required.")
public record UpdateSensorConfigInput(
        @NonNull @Id String sensorId,
        @Description("5 to 86400.") Integer reportIntervalSeconds,
        @Description("-40 to 85 °C.") Double maxTemperatureC,
        @Description("0.1 to 100 g.") Double maxShockG,
        @Description("Moves the sensor to this courier device's cargo box.") String courierDeviceId) {
}
