package dev.dispatch.web.rest;

import java.util.List;

import dev.dispatch.web.config.WebConfig;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * How the dispatch board reaches the broker: the STOMP over WebSocket URL, the consume-only board login and the
 * destinations it subscribes to. Operators only; the login can do nothing but watch (broker.xml, role "board").
 */
@Path("/api/board/connection")
public class BoardConnectionResource {

    public static final List<String> DESTINATIONS = List.of("/topic/order-events", "/topic/delivery-events",
            "/topic/device-alerts", "/topic/board.positions");

    public record BoardConnection(String url, String login, String passcode, List<String> destinations) {
    }

    private final WebConfig.Broker broker;

    BoardConnectionResource(WebConfig config) {
        this.broker = config.broker();
    }

    @GET
    @RolesAllowed("operator")
    @Produces(MediaType.APPLICATION_JSON)
    public BoardConnection connection() {
        return new BoardConnection(broker.stompUrl(), broker.boardUser(), broker.boardPassword(), DESTINATIONS);
    }
}
