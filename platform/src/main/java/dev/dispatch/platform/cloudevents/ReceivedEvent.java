package dev.dispatch.platform.cloudevents;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A structured-mode CloudEvents 1.0 event as a consumer reads it, any type. {@link #parse} fails with
 * {@link InvalidEvent}, and nothing else, for a body that is not one: so a consumer can dead-letter it and go on.
 * {@code trace} is the producer's trace context (null when it sent none, or a malformed one).
 */
public record ReceivedEvent(String id, String source, String type, String subject, Instant time, JsonNode data, TraceContext trace) {

    /** Longer attributes are refused: they end up in logs, keys and database columns. */
    public static final int MAX_ATTRIBUTE_LENGTH = 256;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A text field of the data, or null when the data has none (or it is not text). */
    public String dataText(String field) {
        JsonNode value = data == null ? null : data.get(field);
        return value != null && value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? value.asText() : null;
    }

    /**
     * Parses an event that must come from {@code expectedSource}, the one producer allowed to send to the address it
     * was read from (e.g. {@code /order-service} on {@code order-events}). The broker already refuses other senders;
     * this refuses an event that says it comes from elsewhere, so a mistake or a stolen login cannot pass one
     * producer's events off as another's.
     */
    public static ReceivedEvent parse(byte[] body, String expectedSource) {
        ReceivedEvent event = parse(body);
        if (!expectedSource.equals(event.source())) {
            throw new InvalidEvent("the source '" + event.source() + "' is not " + expectedSource
                    + ", the one producer of this address");
        }
        return event;
    }

    public static ReceivedEvent parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidEvent("the body is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidEvent("the body cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEvent("the body is not a JSON object");
        }
        if (!CloudEvent.SPEC_VERSION.equals(text(root, "specversion", false))) {
            throw new InvalidEvent("specversion must be 1.0");
        }
        JsonNode data = root.get("data");
        return new ReceivedEvent(
                text(root, "id", true),
                text(root, "source", true),
                text(root, "type", true),
                text(root, "subject", false),
                time(text(root, "time", false)),
                data == null || data.isNull() ? null : data,
                trace(root));
    }

    /** The trace context of a body, or null when it has none or is not a CloudEvent at all; never fails. */
    public static TraceContext traceOf(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            return root == null || !root.isObject() ? null : trace(root);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static TraceContext trace(JsonNode root) {
        JsonNode parent = root.get("traceparent");
        JsonNode state = root.get("tracestate");
        return parent == null || !parent.isTextual() ? null
                : TraceContext.of(parent.asText(), state != null && state.isTextual() ? state.asText() : null);
    }

    private static String text(JsonNode root, String name, boolean required) {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw new InvalidEvent("the attribute '" + name + "' is missing");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > MAX_ATTRIBUTE_LENGTH) {
            throw new InvalidEvent("the attribute '" + name + "' must be a non-empty string of at most " + MAX_ATTRIBUTE_LENGTH + " characters");
        }
        return value.asText();
    }

    // CloudEvents' time is optional; without one the event is dated when it arrived.
    private static Instant time(String value) {
        if (value == null) {
            return Instant.now();
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidEvent("the attribute 'time' is not an RFC 3339 timestamp: " + value, e);
        }
    }
}
