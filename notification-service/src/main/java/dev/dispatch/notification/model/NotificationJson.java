package dev.dispatch.notification.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The notification object both channels carry: the SSE {@code data:} and the WebSocket {@code notification}.
 * Rendered once per stored notification (see {@link Notification#json()}) and shared by every connection.
 */
public final class NotificationJson {

    /** What a client sees of a notification; {@code data} is the event's data as it came. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record View(String id, String eventId, String type, String orderId, String time, String text,
            @JsonRawValue String data) {
    }

    private final ObjectMapper mapper;

    public NotificationJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String render(long seq, String eventId, String type, String orderId, Instant time, String text, String dataJson) {
        try {
            return mapper.writeValueAsString(new View(Long.toString(seq), eventId, type, orderId, time.toString(), text, dataJson));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render notification " + seq, e);
        }
    }
}
