package dev.dispatch.gateway.model;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

/** A sensor's shock limit: {@link SensorConfigs#SHOCK_RULE}, bounds included. Null is valid (left out). */
@Documented
@DecimalMin(SensorConfigs.MIN_SHOCK)
@DecimalMax(SensorConfigs.MAX_SHOCK)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ FIELD, METHOD, PARAMETER, RECORD_COMPONENT, ANNOTATION_TYPE })
@Retention(RUNTIME)
public @interface ShockLimit {

    String message() default SensorConfigs.SHOCK_RULE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
