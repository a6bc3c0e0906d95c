package dev.dispatch.notification.repository;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dispatch.notification.model.Channel;
import dev.dispatch.notification.model.Preferences;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Preferences as JSON: {@code {"types": {"<event type>": {"websocket": true, "sse": false}}}}, the same shape in
 * the REST API and in the database (where only the switches that were set are kept).
 */
@ApplicationScoped
public class PreferencesJson {

    private final ObjectMapper mapper;

    public PreferencesJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(Map<String, Map<Channel, Boolean>> switches) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode types = root.putObject("types");
        switches.forEach((type, byChannel) -> {
            ObjectNode node = types.putObject(type);
            byChannel.forEach((channel, on) -> node.put(channel.key(), on));
        });
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads what {@link #write} wrote (and was validated before); unknown channels are ignored. */
    public Preferences read(String json) {
        try {
            return fromTree(mapper.readTree(json));
        } catch (IOException e) {
            throw new IllegalStateException("stored preferences are not JSON", e);
        }
    }

    public Preferences fromTree(JsonNode root) {
        Map<String, Map<Channel, Boolean>> switches = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> types = root.path("types").fields();
        while (types.hasNext()) {
            Map.Entry<String, JsonNode> type = types.next();
            Map<Channel, Boolean> byChannel = new EnumMap<>(Channel.class);
            type.getValue().fields().forEachRemaining(
                    field -> Channel.byKey(field.getKey()).ifPresent(channel -> byChannel.put(channel, field.getValue().asBoolean(true))));
            switches.put(type.getKey(), byChannel);
        }
        return new Preferences(switches);
    }
}
