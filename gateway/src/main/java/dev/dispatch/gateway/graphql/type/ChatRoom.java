package dev.dispatch.gateway.graphql.type;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ChatRoom")
@Description("The members-only XMPP room of one dispatched order: its customer, its courier, the dispatch bot.")
public record ChatRoom(
        @Id @NonNull String orderId,
        @NonNull @Description("The room's XMPP address: order-{orderId}@{roomDomain}.") String jid,
        @Description("False once the order was delivered or cancelled: the room is kept, its history readable, but read-only.")
        boolean open,
        String customerId,
        @Description("The courier's device id (the courier's user id).") String courierDeviceId,
        Instant openedAt) {
}
