package dev.dispatch.notification.signalling;

import java.io.IOException;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dispatch.notification.model.ClientSignal;
import dev.dispatch.notification.model.ClientSignal.Type;
import dev.dispatch.notification.model.Media;
import dev.dispatch.notification.model.PartyRole;

/**
 * Parses what a client sends on /ws/calls, strictly: anything unexpected is a {@link BadSignal} that says what was wrong
 * (answered with {@code error} {@code bad-message}). Who may send it is the use case's question.
 */
public final class SignalMessages {

    static final int MAX_ORDER_ID_LENGTH = 100;

    /** Not a message of the protocol. */
    public static final class BadSignal extends Exception {
        BadSignal(String message) {
            super(message, null, false, false);
        }
    }

    private SignalMessages() {
    }

    public static ClientSignal parse(ObjectMapper mapper, String text) throws BadSignal {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (IOException e) {
            throw new BadSignal("The message is not JSON");
        }
        if (root == null || !root.isObject() || !root.path("type").isTextual()) {
            throw new BadSignal("A message is a JSON object with a string 'type'");
        }
        Type type = type(root.get("type").asText());
        if (type == Type.PING) {
            return new ClientSignal(type, null, null, null, null, null, null);
        }
        UUID callId = callId(root);
        return switch (type) {
            case CALL -> new ClientSignal(type, callId, orderId(root), to(root), media(root), null, null);
            case OFFER, ANSWER -> new ClientSignal(type, callId, null, null, null, sdp(root, type), null);
            case CANDIDATE -> new ClientSignal(type, callId, null, null, null, null, candidate(root));
            default -> new ClientSignal(type, callId, null, null, null, null, null);
        };
    }

    private static Type type(String name) throws BadSignal {
        for (Type type : Type.values()) {
            if (type.key().equals(name)) {
                return type;
            }
        }
        throw new BadSignal("Unknown message type '" + abbreviated(name)
                + "'; known: call, offer, ringing, answer, candidate, busy, hangup, ping");
    }

    private static UUID callId(JsonNode root) throws BadSignal {
        JsonNode callId = root.get("callId");
        if (callId != null && callId.isTextual()) {
            try {
                UUID id = UUID.fromString(callId.asText());
                if (id.toString().equals(callId.asText().toLowerCase(Locale.ROOT))) {
                    return id;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        throw new BadSignal("'callId' is required: a UUID the caller makes");
    }

    private static String orderId(JsonNode root) throws BadSignal {
        JsonNode orderId = root.get("orderId");
        if (orderId == null || !orderId.isTextual() || orderId.asText().isBlank() || orderId.asText().length() > MAX_ORDER_ID_LENGTH) {
            throw new BadSignal("call needs 'orderId': the id of the order the call is about");
        }
        return orderId.asText();
    }

    private static PartyRole to(JsonNode root) throws BadSignal {
        JsonNode to = root.get("to");
        if (to == null || to.isNull()) {
            return null;
        }
        if (to.isTextual() && ("customer".equals(to.asText()) || "courier".equals(to.asText()))) {
            return PartyRole.byKey(to.asText()).orElseThrow();
        }
        throw new BadSignal("'to' is 'customer' or 'courier'");
    }

    private static Media media(JsonNode root) throws BadSignal {
        JsonNode media = root.get("media");
        if (media != null && media.isTextual()) {
            var known = Media.byKey(media.asText());
            if (known.isPresent()) {
                return known.get();
            }
        }
        throw new BadSignal("call needs 'media': 'video' or 'audio'");
    }

    private static String sdp(JsonNode root, Type type) throws BadSignal {
        JsonNode sdp = root.get("sdp");
        if (sdp == null || !sdp.isTextual() || sdp.asText().isBlank()) {
            throw new BadSignal(type.key() + " needs 'sdp': the session description");
        }
        return sdp.asText();
    }

    // Relayed as it came; the browser's RTCIceCandidateInit (an empty 'candidate' string ends the candidates).
    private static JsonNode candidate(JsonNode root) throws BadSignal {
        JsonNode candidate = root.get("candidate");
        if (candidate == null || !candidate.isObject() || !candidate.path("candidate").isTextual()) {
            throw new BadSignal("candidate needs 'candidate': an object with a string 'candidate' (and sdpMid, sdpMLineIndex)");
        }
        return candidate;
    }

    private static String abbreviated(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
