package dev.dispatch.gateway.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.dispatch.gateway.backend.ChatBackend;
import dev.dispatch.gateway.model.Roles;
import dev.dispatch.gateway.rest.dto.ChatRoomList;
import dev.dispatch.gateway.rest.dto.ChatSessionResponse;
import io.smallrye.mutiny.Uni;

/**
 * How people reach the chat of their orders: the caller's XMPP account and a fresh short-lived password, and their
 * order rooms. Who the caller is (user id and role) comes from the token only; the XMPP server itself keeps each
 * user to the rooms of their own orders.
 */
@Path("/api/chat")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "chat")
@SecurityRequirement(name = "bearer")
@RolesAllowed({ Roles.CUSTOMER, Roles.COURIER, Roles.OPERATOR })
public class ChatResource {

    private final ChatBackend chat;
    private final JsonWebToken token;

    ChatResource(ChatBackend chat, JsonWebToken token) {
        this.chat = chat;
        this.token = token;
    }

    @POST
    @Path("session")
    @Operation(operationId = "openChatSession", summary = "Open a chat session", description = "Customers, couriers (their user "
            + "id is the device id they carry) and operators. Makes sure the caller's XMPP account exists and gives it a fresh "
            + "password that signs in until expiresAt; with it any XMPP client joins the caller's order rooms over TCP or "
            + "WebSocket. The answer is never cached.")
    @APIResponse(responseCode = "200", description = "The session: where and as whom to sign in, and the caller's rooms.",
            headers = @Header(name = HttpHeaders.CACHE_CONTROL, description = "no-store: the password must not be kept.",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChatSessionResponse.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<RestResponse<ChatSessionResponse>> open() {
        return chat.open(Roles.chatterOf(token))
                .map(session -> RestResponse.ResponseBuilder.ok(ChatMapper.toRest(session))
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .build());
    }

    @GET
    @Path("rooms")
    @Operation(operationId = "listChatRooms", summary = "List my chat rooms", description = "Customers, couriers and operators: "
            + "the order rooms the caller is a member of (operators: every room), newest first.")
    @APIResponse(responseCode = "200", description = "The rooms; none yet is an empty list.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChatRoomList.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<ChatRoomList> rooms() {
        return chat.rooms(Roles.chatterOf(token)).map(ChatMapper::toRest);
    }
}
