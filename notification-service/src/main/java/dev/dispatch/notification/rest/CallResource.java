package dev.dispatch.notification.rest;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.dispatch.notification.service.CallableOrders;
import dev.dispatch.notification.service.IceServers;
import dev.dispatch.notification.service.Parties;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseHeader;

/**
 * {@code GET /api/calls/ice-servers}: what a caller's browser puts in {@code RTCConfiguration.iceServers}, with a TURN
 * credential of its own (TURN REST API style) that works until {@code expiresAt}; and {@code GET /api/calls/orders}: the
 * orders the caller may call about now, with their two parties. Signalling is on /ws/calls.
 */
@Path("/api/calls")
@RolesAllowed({ "customer", "courier", "operator" })
public class CallResource {

    /** One RTCIceServer; username and credential only for TURN. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IceServer(List<String> urls, String username, String credential) {
    }

    public record IceServersBody(List<IceServer> iceServers, Instant expiresAt) {
    }

    /** An order one may call about: the customer and the courier (device id) a call reaches. */
    public record CallableOrder(String orderId, String customerId, String courierId) {
    }

    public record CallableOrdersBody(List<CallableOrder> orders) {
    }

    private final IceServers iceServers;
    private final CallableOrders callableOrders;
    private final SecurityIdentity identity;

    public CallResource(IceServers iceServers, CallableOrders callableOrders, SecurityIdentity identity) {
        this.iceServers = iceServers;
        this.callableOrders = callableOrders;
        this.identity = identity;
    }

    @GET
    @Path("/orders")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<CallableOrdersBody> orders() {
        return callableOrders.of(Parties.of(identity)).map(orders -> new CallableOrdersBody(orders.stream()
                .map(o -> new CallableOrder(o.orderId(), o.customerId(), o.courierDeviceId())).toList()));
    }

    @GET
    @Path("/ice-servers")
    @Produces(MediaType.APPLICATION_JSON)
    @ResponseHeader(name = "Cache-Control", value = "no-store") // a credential of one user
    public IceServersBody iceServers() {
        IceServers.Offer offer = iceServers.forUser(Parties.of(identity).id());
        return new IceServersBody(offer.iceServers().stream().map(s -> new IceServer(s.urls(), s.username(), s.credential())).toList(),
                offer.expiresAt());
    }
}
