package dev.dispatch.notification.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dispatch.notification.model.Channel;
import dev.dispatch.notification.model.Preferences;
import dev.dispatch.notification.model.Recipient;
import dev.dispatch.notification.service.PreferenceService;
import dev.dispatch.notification.service.Recipients;
import dev.dispatch.platform.problem.CommonProblems;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Which event types the caller wants on which channel. GET lists every known type (for an operator the alert types
 * too, and any other with a switch) with both channels' values; PUT replaces the whole set (types or channels left out
 * are on).
 */
@Path("/api/notifications/preferences")
@RolesAllowed({ Recipient.CUSTOMER_ROLE, Recipient.OPERATOR_ROLE })
public class PreferenceResource {

    /** The JSON of both GET and PUT: event type to channel to on/off. */
    public record PreferencesBody(Map<String, Map<String, Boolean>> types) {

        static PreferencesBody of(Preferences preferences, boolean operator) {
            Map<String, Map<String, Boolean>> types = new LinkedHashMap<>();
            preferences.effective(operator).forEach((type, byChannel) -> {
                Map<String, Boolean> values = new LinkedHashMap<>();
                byChannel.forEach((Channel channel, Boolean on) -> values.put(channel.key(), on));
                types.put(type, values);
            });
            return new PreferencesBody(types);
        }
    }

    private final PreferenceService preferences;
    private final SecurityIdentity identity;
    private final ObjectMapper mapper;

    public PreferenceResource(PreferenceService preferences, SecurityIdentity identity, ObjectMapper mapper) {
        this.preferences = preferences;
        this.identity = identity;
        this.mapper = mapper;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<PreferencesBody> get() {
        Recipient caller = Recipients.of(identity);
        return preferences.of(caller.userId()).map(found -> PreferencesBody.of(found, caller.operator()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> put(String body) {
        String path = "/api/notifications/preferences";
        Preferences requested;
        try {
            requested = PreferencesRequest.parse(mapper, body);
        } catch (PreferencesRequest.MalformedJson e) {
            return Uni.createFrom().item(CommonProblems.MALFORMED_JSON.response(e.getMessage(), path).build());
        } catch (PreferencesRequest.Invalid e) {
            return Uni.createFrom().item(CommonProblems.VALIDATION.response(e.getMessage(), path, e.errors()).build());
        }
        Recipient caller = Recipients.of(identity);
        return preferences.replace(caller.userId(), requested)
                .map(saved -> Response.ok(PreferencesBody.of(saved, caller.operator())).build());
    }
}
