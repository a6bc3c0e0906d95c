package dev.dispatch.notification.mapping;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/** The parts of a CloudEvents 1.0 event (structured mode) that notifications are made of. */
public record CloudEvent(
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        JsonNode data) {

    /** A text field of the data, or null when the data has none (or it is not text). */
    public String dataText(String field) {
        JsonNode value = data == null ? null : data.get(field);
        return value != null && value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? value.asText() : null;
    }
}
