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
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** A sensor's report interval: {@link SensorConfigs#REPORT_INTERVAL_RULE}. Null is valid (left out). */
@Documented
@Min(SensorConfigs.MIN_REPORT_INTERVAL)
@Max(SensorConfigs.MAX_REPORT_INTERVAL)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ FIELD, METHOD, PARAMETER, RECORD_COMPONENT, ANNOTATION_TYPE })
@Retention(RUNTIME)
public @interface ReportInterval {

    String message() default SensorConfigs.REPORT_INTERVAL_RULE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
