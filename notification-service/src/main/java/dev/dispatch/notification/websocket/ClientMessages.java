package dev.dispatch.notification.websocket;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Parses client messages strictly: anything unexpected is a {@link BadClientMessage} saying what was wrong. */
public final class ClientMessages {

    static final int MAX_ACK_IDS = 500;
    static final int MAX_ORDER_ID_LENGTH = 100;

    private ClientMessages() {
    }

    public static ClientMessage parse(ObjectMapper mapper, String text) throws BadClientMessage {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (IOException e) {
            throw new BadClientMessage("malformed", "The message is not JSON");
        }
        if (root == null || !root.isObject() || !root.path("type").isTextual()) {
            throw new BadClientMessage("malformed", "A message is a JSON object with a string 'type'");
        }
        String type = root.get("type").asText();
        return switch (type) {
            case "ack" -> new ClientMessage.Ack(ids(root.get("ids")));
            case "subscribe" -> new ClientMessage.Subscribe(orderId(root, type));
            case "unsubscribe" -> new ClientMessage.Unsubscribe(orderId(root, type));
            case "ping" -> new ClientMessage.Ping();
            default -> throw new BadClientMessage("unknown-type",
                    "Unknown message type '" + abbreviated(type) + "'; known: ack, subscribe, unsubscribe, ping");
        };
    }

    private static List<Long> ids(JsonNode ids) throws BadClientMessage {
        if (ids == null || !ids.isArray() || ids.isEmpty() || ids.size() > MAX_ACK_IDS) {
            throw new BadClientMessage("invalid", "ack needs 'ids': 1 to " + MAX_ACK_IDS + " notification ids");
        }
        List<Long> seqs = new ArrayList<>(ids.size());
        for (JsonNode id : ids) {
            seqs.add(seq(id));
        }
        return seqs;
    }

    // Ids are sent as strings; numbers are accepted too.
    private static long seq(JsonNode id) throws BadClientMessage {
        try {
            long seq = id.isIntegralNumber() ? id.asLong() : id.isTextual() ? Long.parseLong(id.asText()) : -1;
            if (seq > 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadClientMessage("invalid", "'" + abbreviated(id.toString()) + "' is not a notification id");
    }

    private static String orderId(JsonNode root, String type) throws BadClientMessage {
        JsonNode orderId = root.get("orderId");
        if (orderId == null || !orderId.isTextual() || orderId.asText().isBlank() || orderId.asText().length() > MAX_ORDER_ID_LENGTH) {
            throw new BadClientMessage("invalid", type + " needs 'orderId': the id of an order");
        }
        return orderId.asText();
    }

    private static String abbreviated(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
