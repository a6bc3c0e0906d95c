package dev.dispatch.gateway.model;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** A sensor configuration change sets at least one field: {@link SensorConfigs#CHANGE_RULE}. */
@Documented
@Constraint(validatedBy = ConfigChangeValidator.class)
@Target(TYPE)
@Retention(RUNTIME)
public @interface ConfigChange {

    String message() default SensorConfigs.CHANGE_RULE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
