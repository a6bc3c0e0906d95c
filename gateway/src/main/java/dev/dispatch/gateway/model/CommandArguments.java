package dev.dispatch.gateway.model;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** A device command's arguments are the ones its type takes, each valid; every other one is an error of its own. */
@Documented
@Constraint(validatedBy = CommandArgumentsValidator.class)
@Target(TYPE)
@Retention(RUNTIME)
public @interface CommandArguments {

    String message() default "are not the arguments of this command";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
