package dev.dispatch.gateway.config;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * The gateway starts without a key to verify tokens with (it stays ready: health does not need one), but then
 * refuses every token. Say so once at start, where an operator looks, rather than leave only a wall of 401s.
 */
@Singleton
class JwtKeyCheck {

    private static final Logger LOG = Logger.getLogger(JwtKeyCheck.class);
    private static final List<String> KEY_PROPERTIES = List.of(
            "mp.jwt.verify.publickey.location", "mp.jwt.verify.publickey", "smallrye.jwt.verify.key.location");

    void onStart(@Observes StartupEvent start, Config config) {
        boolean configured = KEY_PROPERTIES.stream().anyMatch(p -> config.getOptionalValue(p, String.class).isPresent());
        if (!configured) {
            LOG.warn("No key to verify bearer tokens with: every /api request will be answered 401. Set "
                    + "MP_JWT_VERIFY_PUBLICKEY_LOCATION (bin/run does, with its generated local key).");
        }
    }
}
