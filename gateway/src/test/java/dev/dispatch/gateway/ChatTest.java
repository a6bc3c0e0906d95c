package dev.dispatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.dispatch.gateway.support.Api;
import dev.dispatch.gateway.support.FakeChatService;
import dev.dispatch.gateway.support.GraphQL;
import dev.dispatch.platform.identity.Role;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The chat API over REST and GraphQL against a ChatService served in-process: who the caller is comes from the token
 * only, the session's password is never cached, and ChatService's failures become the usual problems and codes.
 */
@QuarkusTest
class ChatTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String OPEN = "mutation { openChatSession { jid password expiresAt xmppHost xmppPort websocketUrl roomDomain "
            + "rooms { orderId jid open customerId courierDeviceId openedAt } } }";

    @Inject
    @GrpcService
    FakeChatService chat;

    @Test
    void aCustomerOpensASessionWithTheirRoomsNeverCached() {
        Api.customer("alice").when().post("/api/chat/session")
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("jid", is("alice@dispatch.local"))
                .body("password", notNullValue())
                .body("xmppHost", is("localhost"))
                .body("xmppPort", is(5222))
                .body("websocketUrl", is("ws://localhost:5280/xmpp-websocket"))
                .body("roomDomain", is("rooms.dispatch.local"))
                .body("rooms.orderId", contains(FakeChatService.ORDER_ID))
                .body("rooms[0].jid", is("order-" + FakeChatService.ORDER_ID + "@rooms.dispatch.local"))
                .body("rooms[0].open", is(true))
                .body("rooms[0].courierDeviceId", is("courier-7"))
                .body("rooms[0].openedAt", is("2026-11-25T10:05:00Z"));
        assertThat(chat.opened()).last().satisfies(request -> {
            assertThat(request.subject()).isEqualTo("alice");
            assertThat(request.role()).isEqualTo(Role.CUSTOMER);
        });
    }

    @Test
    void theUserAndRoleComeFromTheTokenForCouriersAndOperatorsToo() {
        String expiresAt = Api.as(courier("courier-7")).when().post("/api/chat/session")
                .then().statusCode(200).body("jid", is("courier-7@dispatch.local")).extract().path("expiresAt");
        assertThat(Instant.parse(expiresAt)).isAfter(Instant.now());
        assertThat(chat.opened()).last().satisfies(request -> {
            assertThat(request.subject()).isEqualTo("courier-7");
            assertThat(request.role()).isEqualTo(Role.COURIER);
        });
        // Whatever a body or query says, the token decides.
        Api.badRequestAs(Tokens.operator("olga")).queryParam("userId", "alice").contentType("application/json")
                .body("{\"userId\":\"alice\",\"role\":\"CUSTOMER\"}").when()
                .post("/api/chat/session").then().statusCode(200).body("jid", is("olga@dispatch.local"));
        assertThat(chat.opened()).last().satisfies(request -> {
            assertThat(request.subject()).isEqualTo("olga");
            assertThat(request.role()).isEqualTo(Role.OPERATOR);
        });
    }

    @Test
    void roomsAreListed() {
        Api.as(courier("courier-7")).when().get("/api/chat/rooms")
                .then().statusCode(200)
                .body("rooms.orderId", contains(FakeChatService.ORDER_ID))
                .body("rooms[0].customerId", is("alice"));
        assertThat(chat.listed()).last().satisfies(request -> {
            assertThat(request.subject()).isEqualTo("courier-7");
            assertThat(request.role()).isEqualTo(Role.COURIER);
        });
    }

    @Test
    void withoutATokenItIs401AndForAnotherRole403() {
        int before = chat.opened().size();
        Api.badRequestAs(null).when().post("/api/chat/session")
                .then().statusCode(401).contentType(PROBLEM).body("type", is("/problems/unauthorized"));
        Api.badRequestAs(Tokens.expired("alice")).when().get("/api/chat/rooms")
                .then().statusCode(401).contentType(PROBLEM);
        Api.as(Tokens.ofGroup("mallory", "auditor")).when().post("/api/chat/session")
                .then().statusCode(403).contentType(PROBLEM).body("type", is("/problems/forbidden"));
        Api.as(Tokens.ofGroup("mallory", "auditor")).when().get("/api/chat/rooms")
                .then().statusCode(403).contentType(PROBLEM);
        assertThat(chat.opened()).hasSize(before);
    }

    @Test
    void chatServiceFailuresAreProblems() {
        Api.customer(FakeChatService.UNAVAILABLE_USER).when().post("/api/chat/session")
                .then().statusCode(503).contentType(PROBLEM)
                .header("Retry-After", "2")
                .body("type", is("/problems/unavailable"))
                .body("detail", is("The chat service is unavailable; try again shortly"));
        Api.customer(FakeChatService.UNAVAILABLE_USER).when().get("/api/chat/rooms")
                .then().statusCode(503).contentType(PROBLEM).body("type", is("/problems/unavailable"));
        Api.customer(FakeChatService.REFUSED_USER).when().post("/api/chat/session")
                .then().statusCode(400).contentType(PROBLEM).body("type", is("/problems/validation"));
    }

    @Test
    void graphQLOpensSessionsAndListsRoomsForTheTokensUser() {
        GraphQL.as(courier("courier-7"), OPEN)
                .then().statusCode(200)
                .body("errors", nullValue())
                .body("data.openChatSession.jid", is("courier-7@dispatch.local"))
                .body("data.openChatSession.password", notNullValue())
                .body("data.openChatSession.xmppPort", is(5222))
                .body("data.openChatSession.rooms[0].orderId", is(FakeChatService.ORDER_ID))
                .body("data.openChatSession.rooms[0].open", is(true));
        assertThat(chat.opened()).last().satisfies(request -> assertThat(request.role()).isEqualTo(Role.COURIER));
        GraphQL.as(Tokens.customer("alice"), "{ chatRooms { orderId jid courierDeviceId } }")
                .then().statusCode(200)
                .body("errors", nullValue())
                .body("data.chatRooms.orderId", contains(FakeChatService.ORDER_ID));
        assertThat(chat.listed()).last().satisfies(request -> {
            assertThat(request.subject()).isEqualTo("alice");
            assertThat(request.role()).isEqualTo(Role.CUSTOMER);
        });
    }

    @Test
    void graphQLErrorsCarryTheirCodes() {
        GraphQL.as(null, OPEN).then().statusCode(401)
                .body("data", nullValue())
                .body("errors[0].extensions.code", is("UNAUTHENTICATED"));
        GraphQL.as(Tokens.ofGroup("mallory", "auditor"), "{ chatRooms { orderId } }").then().statusCode(200)
                .body("data.chatRooms", nullValue())
                .body("errors[0].extensions.code", is("FORBIDDEN"));
        GraphQL.as(Tokens.customer(FakeChatService.UNAVAILABLE_USER), OPEN).then().statusCode(200)
                .body("data.openChatSession", nullValue())
                .body("errors[0].extensions.code", is("UNAVAILABLE"))
                .body("errors[0].message", is("The chat service is unavailable; try again shortly"));
        GraphQL.as(Tokens.customer(FakeChatService.REFUSED_USER), "{ chatRooms { orderId } }").then().statusCode(200)
                .body("errors[0].extensions.code", is("BAD_USER_INPUT"));
    }

    static String courier(String deviceId) {
        return Tokens.ofGroup(deviceId, "courier");
    }
}
