package dev.dispatch.gateway.model;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * SET_REPORT_INTERVAL needs {@code seconds}, a whole number from 1 to 3600; the other commands take nothing. Checked
 * here so that a wrong command is a 400 naming the argument ({@code arguments.seconds}), not a device that ignores it.
 * REST validates its body with it, GraphQL the command it builds from its arguments.
 */
public class CommandArgumentsValidator implements ConstraintValidator<CommandArguments, DeviceCommandRequest> {

    public static final String SECONDS = "seconds";
    public static final String SECONDS_RULE = "must be a whole number from 1 to 3600";

    @Override
    public boolean isValid(DeviceCommandRequest command, ConstraintValidatorContext context) {
        Map<String, String> wrong = wrongArguments(command.type(), command.arguments());
        if (wrong.isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        wrong.forEach((argument, message) -> context.buildConstraintViolationWithTemplate(message.replace("{", "\\{"))
                .addPropertyNode("arguments").addPropertyNode(argument).addConstraintViolation());
        return false;
    }

    /**
     * Each argument that does not fit the command, with what is wrong with it; none for a type that is no command
     * (the type's own constraints report that, and which arguments would fit cannot be known).
     */
    public static Map<String, String> wrongArguments(String type, Map<String, Object> arguments) {
        CommandType command = typeOf(type);
        Map<String, String> wrong = new LinkedHashMap<>();
        if (command == null) {
            return wrong;
        }
        Map<String, Object> given = arguments == null ? Map.of() : arguments;
        for (String name : given.keySet()) {
            if (!(command == CommandType.SET_REPORT_INTERVAL && name.equals(SECONDS))) {
                wrong.put(name, "is not an argument of " + command);
            }
        }
        if (command == CommandType.SET_REPORT_INTERVAL) {
            Object seconds = given.get(SECONDS);
            if (seconds == null) {
                wrong.put(SECONDS, "is required for " + command);
            } else if (!isSeconds(seconds)) {
                wrong.put(SECONDS, SECONDS_RULE);
            }
        }
        return wrong;
    }

    /** The argument as iot-ingest takes it (all arguments are strings on the wire); valid per {@link #wrongArguments}. */
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
}
