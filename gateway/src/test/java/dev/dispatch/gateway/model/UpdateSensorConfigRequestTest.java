package dev.dispatch.gateway.model;

import static dev.dispatch.gateway.model.Validators.errors;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.dispatch.platform.problem.FieldError;

/** The rules of a configuration change: the provisioning's bounds, and something to change. */
class UpdateSensorConfigRequestTest {

    @Test
    void anyOneFieldIsAChange() {
        assertThat(errors(new UpdateSensorConfigRequest(60, null, null, null))).isEmpty();
        assertThat(errors(new UpdateSensorConfigRequest(null, -18.0, null, null))).isEmpty();
        assertThat(errors(new UpdateSensorConfigRequest(null, null, 2.5, null))).isEmpty();
        assertThat(errors(new UpdateSensorConfigRequest(null, null, null, "courier-8"))).isEmpty();
        assertThat(errors(new UpdateSensorConfigRequest(86_400, 85.0, 0.1, "c".repeat(64)))).isEmpty();
    }

    @Test
    void nothingToChangeIsARuleOfTheWholeChange() {
        // No field of its own: REST names it "body", GraphQL its "input" argument.
        assertThat(errors(new UpdateSensorConfigRequest(null, null, null, null)))
                .containsExactly(new FieldError("", SensorConfigs.CHANGE_RULE));
    }

    @Test
    void theBoundsAreTheProvisioningsBounds() {
        assertThat(errors(new UpdateSensorConfigRequest(4, -40.5, 100.5, "")))
                .containsExactly(
                        new FieldError("courierDeviceId", DeviceIds.RULE),
                        new FieldError("maxShockG", SensorConfigs.SHOCK_RULE),
                        new FieldError("maxTemperatureC", SensorConfigs.TEMPERATURE_RULE),
                        new FieldError("reportIntervalSeconds", SensorConfigs.REPORT_INTERVAL_RULE));
        assertThat(errors(new UpdateSensorConfigRequest(86_401, null, null, null)))
                .containsExactly(new FieldError("reportIntervalSeconds", SensorConfigs.REPORT_INTERVAL_RULE));
    }
}
