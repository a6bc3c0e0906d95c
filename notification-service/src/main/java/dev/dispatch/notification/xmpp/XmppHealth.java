package dev.dispatch.notification.xmpp;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.dispatch.notification.config.XmppConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Says whether the bot is signed in. Always UP: without XMPP the service still does its main job (notifications), and
 * chat work waits in the outbox until the server is back; the state is for operators to read.
 */
@Readiness
@ApplicationScoped
public class XmppHealth implements HealthCheck {

    private final XmppBot bot;
    private final XmppConfig config;
    private final DevicesComponent devices;

    public XmppHealth(XmppBot bot, XmppConfig config, DevicesComponent devices) {
        this.bot = bot;
        this.config = config;
        this.devices = devices;
    }

    @Override
    public HealthCheckResponse call() {
        String state = !config.enabled() ? "off" : bot.signedIn() ? "signed-in" : "connecting";
        return HealthCheckResponse.named("xmpp").up()
                .withData("state", state)
                .withData("devices-component", !devices.enabled() ? "off" : devices.connected() ? "connected" : "connecting")
                .withData("server", config.enabled() ? config.host() + ":" + config.c2sPort() : "none")
                .build();
    }
}
