package dev.dispatch.notification.service;

import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dispatch.notification.model.Call;
import dev.dispatch.notification.model.ClientSignal;
import dev.dispatch.notification.model.Party;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the server sends on /ws/calls (see the README): a client's message relayed to the other party with {@code from}
 * added, {@code hangup} with a reason, {@code error}, {@code pong}. Each a JSON object with a {@code type}.
 */
@ApplicationScoped
public class CallMessages {

    private final ObjectMapper mapper;

    public CallMessages(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The callee's invitation: who calls, about which order, with what. */
    public String call(Call call) {
        ObjectNode message = base("call", call.callId(), call.caller());
        message.put("orderId", call.orderId());
        message.put("media", call.media().key());
        return text(message);
    }

    /** offer, answer, ringing, candidate: the sender's fields, as they came, with {@code from}. */
    public String relay(ClientSignal signal, Party from) {
        ObjectNode message = base(signal.type().key(), signal.callId(), from);
        if (signal.sdp() != null) {
            message.put("sdp", signal.sdp());
        }
        if (signal.candidate() != null) {
            message.set("candidate", signal.candidate());
        }
        return text(message);
    }

    /** The call is over (or, {@code answered-elsewhere}, over for this connection); {@code from} is null when the server ended it. */
    public String hangup(UUID callId, String reason, Party from) {
        ObjectNode message = base("hangup", callId, from);
        message.put("reason", reason);
        return text(message);
    }

    public String error(String code, String message, UUID callId) {
        ObjectNode error = mapper.createObjectNode().put("type", "error").put("code", code).put("message", message);
        if (callId != null) {
            error.put("callId", callId.toString());
        }
        return text(error);
    }

    public String pong() {
        return text(mapper.createObjectNode().put("type", "pong"));
    }

    private ObjectNode base(String type, UUID callId, Party from) {
        ObjectNode message = mapper.createObjectNode().put("type", type).put("callId", callId.toString());
        if (from != null) {
            message.set("from", from(from));
        }
        return message;
    }

    private JsonNode from(Party party) {
        return mapper.createObjectNode().put("id", party.id()).put("role", party.role().key());
    }

    private String text(ObjectNode message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
