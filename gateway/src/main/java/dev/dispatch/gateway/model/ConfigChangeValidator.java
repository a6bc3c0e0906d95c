package dev.dispatch.gateway.model;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * A change that sets nothing is refused rather than passed on: iot-ingest would store it as a new version and push it to
 * every observing sensor, which would wake for nothing. The violation names no field: REST reports it as {@code body},
 * GraphQL as its {@code input} argument.
 */
public class ConfigChangeValidator implements ConstraintValidator<ConfigChange, UpdateSensorConfigRequest> {

    @Override
    public boolean isValid(UpdateSensorConfigRequest change, ConstraintValidatorContext context) {
        return change == null || change.reportIntervalSeconds() != null || change.maxTemperatureC() != null
                || change.maxShockG() != null || change.courierDeviceId() != null;
    }
}
