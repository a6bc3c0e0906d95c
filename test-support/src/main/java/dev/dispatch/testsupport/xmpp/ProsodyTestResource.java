package dev.dispatch.testsupport.xmpp;

import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Prosody (the project's {@code k8s/base/xmpp/prosody.cfg.lua}) for every {@code @QuarkusTest} of a module:
 * annotate one test class with {@code @QuarkusTestResource(ProsodyTestResource.class)}, as for the broker. One process
 * per JVM on free loopback ports, with a temp data directory and the bot account {@code dispatch-bot} registered
 * (prosodyctl); stopped and deleted when the JVM exits. Needs the {@code prosody} package (Debian 0.12).
 * <p>
 * Configuration it gives the application ({@code dispatch.xmpp.*}, notification-service's keys): {@code enabled},
 * {@code host}, {@code c2s-port}, {@code http-port}, {@code domain}, {@code bot-password}, {@code component-port},
 * {@code component-secret}, and {@code public-host} (the same loopback address). Everything else is on
 * {@link #prosody()}.
 */
public class ProsodyTestResource implements QuarkusTestResourceLifecycleManager {

    private static final TestProsody PROSODY = TestProsody.locate();

    public static TestProsody prosody() {
        return PROSODY;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> info = PROSODY.connectionInfo();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("dispatch.xmpp.enabled", "true");
        config.put("dispatch.xmpp.host", info.get("host"));
        config.put("dispatch.xmpp.c2s-port", info.get("c2s.port"));
        config.put("dispatch.xmpp.http-port", info.get("http.port"));
        config.put("dispatch.xmpp.domain", info.get("domain"));
        config.put("dispatch.xmpp.bot-password", info.get("bot.password"));
        config.put("dispatch.xmpp.component-port", info.get("component.port"));
        config.put("dispatch.xmpp.component-secret", info.get("component.secret"));
        config.put("dispatch.xmpp.public-host", info.get("host"));
        return config;
    }

    @Override
    public void stop() {
        // One server for the JVM: it outlives each application and stops at JVM exit. A test that stopped it
        // (to see a reconnect) must have started it again; make sure for the next application.
        if (!PROSODY.isRunning()) {
            PROSODY.start();
        }
    }
}
