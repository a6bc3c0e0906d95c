package dev.dispatch.notification.mapping;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads a structured-mode CloudEvent (the whole message body, UTF-8 JSON) of any type. Anything that is
 * not one fails with {@link InvalidEventException}, never with another exception.
 */
@ApplicationScoped
public class CloudEventParser {

    private static final int MAX_ATTRIBUTE_LENGTH = 256;

    private final ObjectMapper mapper;

    public CloudEventParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public CloudEvent parse(byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("the body is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidEventException("the body cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEventException("the body is not a JSON object");
        }
        if (!"1.0".equals(text(root, "specversion", false))) {
            throw new InvalidEventException("specversion must be 1.0");
        }
        JsonNode data = root.get("data");
        return new CloudEvent(
                text(root, "id", true),
                text(root, "source", true),
                text(root, "type", true),
                text(root, "subject", false),
                time(text(root, "time", false)),
                data == null || data.isNull() ? null : data);
    }

    private static String text(JsonNode root, String name, boolean required) {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw new InvalidEventException("the attribute '" + name + "' is missing");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > MAX_ATTRIBUTE_LENGTH) {
            throw new InvalidEventException("the attribute '" + name + "' must be a non-empty string of at most "
                    + MAX_ATTRIBUTE_LENGTH + " characters");
        }
        return value.asText();
    }

    // CloudEvents' time is optional; without one the notification is dated when it arrived.
    private static Instant time(String value) {
        if (value == null) {
            return Instant.now();
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("the attribute 'time' is not an RFC 3339 timestamp: " + value, e);
        }
    }
}
