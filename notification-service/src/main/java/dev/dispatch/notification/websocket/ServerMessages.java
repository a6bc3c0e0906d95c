package dev.dispatch.notification.websocket;

import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dispatch.notification.model.Notification;
import dev.dispatch.notification.model.Recipient;
import jakarta.enterprise.context.ApplicationScoped;

/** What the server sends on /ws/notifications, each a JSON object with a {@code type} (see the README). */
@ApplicationScoped
public class ServerMessages {

    record Welcome(String type, String userId, String role) {
    }

    record Pong(String type) {
    }

    record Error(String type, String code, String message) {
    }

    record Acked(String type, List<String> ids) {
    }

    record Subscriptions(String type, Collection<String> orderIds) {
    }

    private final ObjectMapper mapper;

    public ServerMessages(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The notification object is rendered once per notification and shared by every connection. */
    public String notification(Notification n) {
        return "{\"type\":\"notification\",\"notification\":" + n.json() + "}";
    }

    public String welcome(Recipient recipient) {
        return json(new Welcome("welcome", recipient.userId(), recipient.operator() ? Recipient.OPERATOR_ROLE : Recipient.CUSTOMER_ROLE));
    }

    public String pong() {
        return json(new Pong("pong"));
    }

    public String error(String code, String message) {
        return json(new Error("error", code, message));
    }

    public String acked(List<Long> seqs) {
        return json(new Acked("acked", seqs.stream().map(String::valueOf).toList()));
    }

    public String subscriptions(Collection<String> orderIds) {
        return json(new Subscriptions("subscriptions", orderIds));
    }

    private String json(Object message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
