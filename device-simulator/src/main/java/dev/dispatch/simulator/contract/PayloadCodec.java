package dev.dispatch.simulator.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON in and out of the wire, by the contract's rules. Thread-safe. */
public final class PayloadCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PayloadCodec() {
    }

    public static byte[] encode(Telemetry reading) {
        return write(reading);
    }

    public static byte[] encode(DeviceEvent event) {
        return write(event);
    }

    /**
     * Reads a command; never throws. A payload that is not a JSON object with a non-blank string
     * {@code commandId} and {@code type} and an {@code arguments} object of scalars is malformed.
     */
    public static ParsedCommand parseCommand(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return new ParsedCommand.Malformed(null, "empty payload");
        }
        if (payload.length > TopicContract.MAX_PAYLOAD_BYTES) {
            return new ParsedCommand.Malformed(null, "payload of " + payload.length + " bytes exceeds "
                    + TopicContract.MAX_PAYLOAD_BYTES);
        }
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException e) {
            return new ParsedCommand.Malformed(null, "not JSON: " + firstLine(e));
        }
        if (root == null || !root.isObject()) {
            return new ParsedCommand.Malformed(null, "not a JSON object");
        }
        JsonNode id = root.get("commandId");
        String commandId = id != null && id.isTextual() && !id.asText().isBlank() ? id.asText() : null;
        if (commandId == null) {
            return new ParsedCommand.Malformed(null, "commandId must be a non-blank string");
        }
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual() || type.asText().isBlank()) {
            return new ParsedCommand.Malformed(commandId, "type must be a non-blank string");
        }
        Map<String, String> arguments = new LinkedHashMap<>();
        JsonNode args = root.get("arguments");
        if (args != null && !args.isNull()) {
            if (!args.isObject()) {
                return new ParsedCommand.Malformed(commandId, "arguments must be a JSON object");
            }
            for (Map.Entry<String, JsonNode> arg : args.properties()) {
                if (!arg.getValue().isValueNode() || arg.getValue().isNull()) {
                    return new ParsedCommand.Malformed(commandId, "argument '" + arg.getKey() + "' must be a string");
                }
                arguments.put(arg.getKey(), arg.getValue().asText());
            }
        }
        JsonNode sentAt = root.get("sentAt");
        return new ParsedCommand.Valid(new Command(commandId, type.asText(), arguments,
                sentAt != null && sentAt.isTextual() ? sentAt.asText() : null));
    }

    private static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Jackson's messages go on to quote the source; the first line says what is wrong.
    private static String firstLine(IOException e) {
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
