package dev.dispatch.gateway.model;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The name of one constant of an enum. For query parameters, which JAX-RS would otherwise answer with a bare 404
 * when they do not convert. Null is valid.
 */
@Documented
@Constraint(validatedBy = EnumNameValidator.class)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT })
@Retention(RUNTIME)
public @interface EnumName {

    Class<? extends Enum<?>> value();

    String message() default "must be one of {names}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
