package dev.dispatch.web.rest;

import dev.dispatch.platform.problem.CommonProblems;
import dev.dispatch.web.service.LocalTokens;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The local run's login: a token for the name and role (customer, operator, courier) asked for, with no password. It exists only where
 * {@code dispatch.web.local-login.enabled} is on (bin/run); elsewhere it is 404, as if there were no such resource.
 */
@Path("/api/local-login")
public class LocalLoginResource {

    public record LoginRequest(String name, String role) {
    }

    public record LoginResponse(String token, String name, String role, long expiresInSeconds) {
    }

    private final LocalTokens tokens;

    LocalLoginResource(LocalTokens tokens) {
        this.tokens = tokens;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response login(LoginRequest request, @Context HttpServerRequest http) {
        if (!tokens.enabled()) {
            return CommonProblems.NOT_FOUND.response("There is no local login here", http.path()).build();
        }
        if (request == null || request.name() == null || !LocalTokens.NAME.matcher(request.name()).matches()) {
            return CommonProblems.VALIDATION.response("name must be 1-64 letters, digits or . _ @ -", http.path()).build();
        }
        if (request.role() == null || !LocalTokens.ROLES.contains(request.role())) {
            return CommonProblems.VALIDATION.response("role must be courier, customer or operator", http.path()).build();
        }
        if (LocalTokens.COURIER.equals(request.role()) && !LocalTokens.COURIER_NAME.matcher(request.name()).matches()) {
            return CommonProblems.VALIDATION.response(
                    "a courier's name is the id of their device: 1-64 lower-case letters, digits or . _ - (e.g. courier-1)", http.path()).build();
        }
        String token = tokens.sign(request.name(), request.role());
        return Response.ok(new LoginResponse(token, request.name(), request.role(), tokens.lifetimeSeconds())).build();
    }
}
