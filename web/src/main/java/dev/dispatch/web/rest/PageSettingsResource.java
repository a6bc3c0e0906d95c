package dev.dispatch.web.rest;

import dev.dispatch.web.config.WebConfig;
import dev.dispatch.web.service.LocalTokens;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What every page needs before it can talk to anyone: where the services are, and whether a local login exists. */
@Path("/api/settings")
public class PageSettingsResource {

    public record PageSettings(String gatewayUrl, String notificationUrl, boolean localLogin) {
    }

    private final WebConfig config;
    private final LocalTokens tokens;

    PageSettingsResource(WebConfig config, LocalTokens tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public PageSettings settings() {
        return new PageSettings(config.gatewayUrl(), config.notificationUrl(), tokens.enabled());
    }
}
