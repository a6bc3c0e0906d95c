package dev.dispatch.gateway.rest.dto;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An order's chat room. Fields without a value are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ChatRoom", description = "The members-only XMPP room of one dispatched order: its customer, its courier, the dispatch bot.")
public record ChatRoomResponse(
        @Schema(format = "uuid", example = "0b9a4f7e-3c2d-4e5f-8a9b-1c2d3e4f5a6b", required = true)
        String orderId,
        @Schema(description = "The room's XMPP address: order-{orderId}@{roomDomain}.",
                example = "order-0b9a4f7e-3c2d-4e5f-8a9b-1c2d3e4f5a6b@rooms.dispatch.local", required = true)
        String jid,
        @Schema(description = "False once the order was delivered or cancelled: the room is kept, its history readable, but read-only.",
                required = true)
        boolean open,
        @Schema(example = "alice")
        String customerId,
        @Schema(description = "The courier's device id (the courier's user id).", example = "courier-7")
        String courierDeviceId,
        Instant openedAt) {
}
