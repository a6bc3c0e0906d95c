package dev.dispatch.gateway.model;

import java.util.Map;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A device command: REST's body, and what GraphQL's {@code sendDeviceCommand} arguments are checked as. Text rather than
 * the enum for the type: a wrong name is then a listed field error, not unreadable JSON.
 */
@CommandArguments
@Schema(description = "A command for a device.")
public record DeviceCommandRequest(
        @Schema(ref = "CommandType", required = true)
        @NotNull(message = "is required")
        @EnumName(CommandType.class)
        String type,
        @Schema(type = SchemaType.OBJECT, description = "The command's arguments: `seconds` (a whole number, 1 to 3600) for "
                + "SET_REPORT_INTERVAL, none for the others. An argument the command does not take is an error.",
                example = "{\"seconds\": 30}")
        Map<String, Object> arguments) {
}
