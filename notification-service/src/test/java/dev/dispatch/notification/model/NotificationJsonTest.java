package dev.dispatch.notification.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The notification object both channels carry: every field present, the event's data embedded as it came. */
class NotificationJsonTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void rendersEveryFieldWithTheDataAsPublished() throws Exception {
        String json = new NotificationJson(MAPPER).render(42, "e-1", "dispatch.order.paid", "o-1",
                Instant.parse("2026-01-01T12:00:00.123Z"), "Paid.", "{\"customerId\":\"alice\",\"n\":1.50}");
        JsonNode node = MAPPER.readTree(json);
        assertThat(node.get("id").asText()).as("the id is a string").isEqualTo("42");
        assertThat(node.get("id").isTextual()).isTrue();
        assertThat(node.get("eventId").asText()).isEqualTo("e-1");
        assertThat(node.get("type").asText()).isEqualTo("dispatch.order.paid");
        assertThat(node.get("orderId").asText()).isEqualTo("o-1");
        assertThat(node.get("time").asText()).isEqualTo("2026-01-01T12:00:00.123Z");
        assertThat(node.get("text").asText()).isEqualTo("Paid.");
        assertThat(json).contains("\"data\":{\"customerId\":\"alice\",\"n\":1.50}");
    }

    @Test
    void missingFieldsAreNullNotLeftOut() throws Exception {
        JsonNode node = MAPPER.readTree(new NotificationJson(MAPPER).render(7, "e-2", "dispatch.device.offline", null,
                Instant.parse("2026-01-01T12:00:00Z"), "Device went offline.", null));
        assertThat(node.has("orderId")).isTrue();
        assertThat(node.get("orderId").isNull()).isTrue();
        assertThat(node.has("data")).isTrue();
        assertThat(node.get("data").isNull()).isTrue();
    }
}
