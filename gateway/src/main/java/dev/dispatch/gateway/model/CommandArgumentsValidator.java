package dev.dispatch.gateway.validation;

import java.util.Map;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import dev.dispatch.gateway.rest.model.CommandType;
import dev.dispatch.gateway.rest.model.DeviceCommandRequest;

/**
 * SET_REPORT_INTERVAL needs {@code seconds}, a whole number from 1 to 3600; the other commands take nothing. Checked
 * here so that a wrong command is a 400 naming the argument ({@code arguments.seconds}), not a device that ignores it.
 */
public class CommandArgumentsValidator implements ConstraintValidator<CommandArguments, DeviceCommandRequest> {

    public static final String SECONDS = "seconds";
    public static final String SECONDS_RULE = "must be a whole number from 1 to 3600";

    @Override
    public boolean isValid(DeviceCommandRequest command, ConstraintValidatorContext context) {
        CommandType type = typeOf(command.type());
        if (type == null) {
            return true; // the type's own constraints report it; which arguments fit cannot be known
        }
        Map<String, Object> arguments = command.arguments() == null ? Map.of() : command.arguments();
        context.disableDefaultConstraintViolation();
        boolean valid = true;
        for (String name : arguments.keySet()) {
            if (!(type == CommandType.SET_REPORT_INTERVAL && name.equals(SECONDS))) {
                valid = violation(context, name, "is not an argument of " + type);
            }
        }
        if (type == CommandType.SET_REPORT_INTERVAL) {
            Object seconds = arguments.get(SECONDS);
            if (seconds == null) {
                valid = violation(context, SECONDS, "is required for " + type);
            } else if (!isSeconds(seconds)) {
                valid = violation(context, SECONDS, SECONDS_RULE);
            }
        }
        return valid;
    }

    /** The argument as iot-ingest takes it (all arguments are strings on the wire); valid per {@link #isValid}. */
    public static String wireValue(Object value) {
        return String.valueOf(value);
    }

    private static boolean isSeconds(Object value) {
        // Integer or Long from Jackson: 30.0, "30" and true are not whole numbers.
        return (value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 1
                && ((Number) value).longValue() <= 3600;
    }

    private static CommandType typeOf(String type) {
        try {
            return type == null ? null : CommandType.valueOf(type);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean violation(ConstraintValidatorContext context, String argument, String message) {
        context.buildConstraintViolationWithTemplate(message.replace("{", "\\{"))
                .addPropertyNode("arguments").addPropertyNode(argument).addConstraintViolation();
        return false;
    }
}
