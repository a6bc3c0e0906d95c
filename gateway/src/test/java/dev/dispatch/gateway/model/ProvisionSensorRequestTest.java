package dev.dispatch.gateway.model;

import static dev.dispatch.gateway.model.Validators.errors;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dispatch.platform.problem.FieldError;

/** The rules of a sensor to provision, the one set both APIs check (REST's body, GraphQL's ProvisionSensorInput). */
class ProvisionSensorRequestTest {

    @Test
    void anIdAloneIsValidTheRestTakesDefaults() {
        assertThat(errors(new ProvisionSensorRequest("tag-1", null, null, null, null))).isEmpty();
        assertThat(errors(new ProvisionSensorRequest("fleet:berlin.tag_01", "courier-7", 300, 8.0, 4.0))).isEmpty();
    }

    @Test
    void boundsAreInclusive() {
        assertThat(errors(new ProvisionSensorRequest("t".repeat(64), "c".repeat(64), 5, -40.0, 0.1))).isEmpty();
        assertThat(errors(new ProvisionSensorRequest("t", "c", 86_400, 85.0, 100.0))).isEmpty();
    }

    @Test
    void everyBadFieldIsNamedWithItsRule() {
        List<FieldError> errors = errors(new ProvisionSensorRequest("-tag", "courier 7", 4, 85.1, 0.09));
        assertThat(errors).containsExactly(
                new FieldError("courierDeviceId", DeviceIds.RULE),
                new FieldError("maxShockG", SensorConfigs.SHOCK_RULE),
                new FieldError("maxTemperatureC", SensorConfigs.TEMPERATURE_RULE),
                new FieldError("reportIntervalSeconds", SensorConfigs.REPORT_INTERVAL_RULE),
                new FieldError("sensorId", DeviceIds.RULE));
        assertThat(InvalidFields.summary(errors)).isEqualTo("5 fields are not valid");
    }

    @Test
    void eachBoundIsOneRuleOneMessage() {
        for (int seconds : new int[] { Integer.MIN_VALUE, -1, 0, 4, 86_401, Integer.MAX_VALUE }) {
            assertThat(errors(new ProvisionSensorRequest("tag-1", null, seconds, null, null)))
                    .containsExactly(new FieldError("reportIntervalSeconds", "must be a whole number from 5 to 86400"));
        }
        for (double limit : new double[] { -40.000001, 85.000001, -273.15, Double.MAX_VALUE, Double.NEGATIVE_INFINITY }) {
            assertThat(errors(new ProvisionSensorRequest("tag-1", null, null, limit, null)))
                    .containsExactly(new FieldError("maxTemperatureC", "must be between -40 and 85 degrees Celsius"));
        }
        for (double limit : new double[] { 0.0999999, 0, -0.1, 100.0000001, Double.POSITIVE_INFINITY }) {
            assertThat(errors(new ProvisionSensorRequest("tag-1", null, null, null, limit)))
                    .containsExactly(new FieldError("maxShockG", "must be between 0.1 and 100 g"));
        }
    }

    @Test
    void theIdIsRequiredAndFollowsTheDeviceIdRule() {
        assertThat(errors(new ProvisionSensorRequest(null, "courier-7", null, null, null)))
                .containsExactly(new FieldError("sensorId", "is required"));
        for (String id : List.of("", " ", "tag/1", "tag 1", ".tag", "t".repeat(65), "tägg")) {
            assertThat(errors(new ProvisionSensorRequest(id, null, null, null, null)))
                    .containsExactly(new FieldError("sensorId", DeviceIds.RULE));
        }
    }

    @Test
    void anEmptyCourierIsNoCourierIdLeaveItOut() {
        assertThat(errors(new ProvisionSensorRequest("tag-1", "", null, null, null)))
                .containsExactly(new FieldError("courierDeviceId", DeviceIds.RULE));
    }
}
