package dev.dispatch.gateway.model;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** An ISO 4217 alphabetic code that the JDK knows (java.util.Currency), upper case. Null is valid: pair with @NotNull. */
@Documented
@Constraint(validatedBy = IsoCurrencyValidator.class)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface IsoCurrency {

    String message() default "must be an ISO 4217 currency code in upper case, e.g. EUR";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
