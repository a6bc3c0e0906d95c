package dev.dispatch.notification.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jboss.logging.Logger;

import dev.dispatch.notification.model.Call;
import dev.dispatch.notification.model.CallTexts;
import dev.dispatch.notification.model.NewNotification;
import dev.dispatch.notification.model.Party;
import dev.dispatch.notification.model.PartyRole;
import dev.dispatch.notification.repository.NotificationRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * An ended call goes into the order's history: a notification {@code dispatch.call.ended} (live over WebSocket and SSE,
 * and in the history, like any event's) and, where XMPP is on, a line in the order's chat room through the chat outbox,
 * in the same transaction. A call between an operator and the courier is for operators only (not in the customer's
 * history, nor in the room the customer is in). Stored once per call, whichever replica ends it.
 */
@ApplicationScoped
public class CallHistory {

    public static final String TYPE = "dispatch.call.ended";
    static final String SOURCE = "/notification-service/calls";
    private static final Logger LOG = Logger.getLogger(CallHistory.class);

    private final NotificationRepository notifications;
    private final ChatOutbox chat;
    private final ObjectMapper mapper;

    public CallHistory(NotificationRepository notifications, ChatOutbox chat, ObjectMapper mapper) {
        this.notifications = notifications;
        this.chat = chat;
        this.mapper = mapper;
    }

    public Uni<Void> record(Call call) {
        boolean withCustomer = call.caller().role() == PartyRole.CUSTOMER || call.callee().role() == PartyRole.CUSTOMER;
        String customerId = call.caller().role() == PartyRole.CUSTOMER ? call.caller().id()
                : call.callee().role() == PartyRole.CUSTOMER ? call.callee().id() : null;
        NewNotification notification = new NewNotification(call.callId().toString(), SOURCE, TYPE, call.orderId(), customerId,
                !withCustomer, call.endedAt(), CallTexts.describe(call), data(call));
        return notifications.store(notification, withCustomer ? chat.post(call.orderId(), CallTexts.forRoom(call)) : (tx, c) -> Uni.createFrom().voidItem())
                .invoke(chat::wake)
                .onFailure().invoke(failure -> LOG.warnf("call %s not recorded in the history: %s", call.callId(), failure.getMessage()))
                .replaceWithVoid();
    }

    private String data(Call call) {
        ObjectNode data = mapper.createObjectNode()
                .put("callId", call.callId().toString())
                .put("orderId", call.orderId())
                .put("media", call.media().key());
        data.set("caller", party(call.caller()));
        data.set("callee", party(call.callee()));
        data.put("answered", call.answered())
                .put("durationSeconds", call.talked().toSeconds())
                .put("endReason", call.endReason().key());
        return data.toString();
    }

    private ObjectNode party(Party party) {
        return mapper.createObjectNode().put("id", party.id()).put("role", party.role().key());
    }
}
