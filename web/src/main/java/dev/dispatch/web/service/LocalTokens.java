package dev.dispatch.web.service;

import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Set;
import java.util.regex.Pattern;

import dev.dispatch.web.config.WebConfig;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Signs login tokens for the local run, as bin/token does: issuer https://dispatch.local, the name as subject and
 * upn, one group (customer, operator or courier), short-lived. Only when the local login is enabled; the key is read
 * once. A courier's name is the id of the device they carry: orders are dispatched to that id, so it is who they are.
 */
@ApplicationScoped
public class LocalTokens {

    public static final String ISSUER = "https://dispatch.local";
    public static final String COURIER = "courier";
    public static final Set<String> ROLES = Set.of("customer", "operator", COURIER);
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    /**
     * A device id (as iot-ingest takes them) that can also be the courier's chat account (notification-service's
     * XmppAddress rule): lower case, no ':' or '@'. Simulated couriers are courier-1, courier-2, ...
     */
    public static final Pattern COURIER_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final WebConfig.LocalLogin config;
    private volatile PrivateKey key;

    LocalTokens(WebConfig config) {
        this.config = config.localLogin();
    }

    public boolean enabled() {
        return config.enabled();
    }

    /**
     * A signed token; the caller has checked the role against {@link #ROLES} and the name against {@link #NAME}
     * (a courier's against {@link #COURIER_NAME}).
     */
    public String sign(String name, String role) {
        return Jwt.issuer(ISSUER)
                .subject(name)
                .upn(name)
                .groups(Set.of(role))
                .expiresIn(config.tokenLifetime())
                .jws()
                .sign(key());
    }

    public long lifetimeSeconds() {
        return config.tokenLifetime().toSeconds();
    }

    private PrivateKey key() {
        PrivateKey loaded = key;
        if (loaded == null) {
            var path = config.privateKey().orElseThrow(() -> new IllegalStateException(
                    "dispatch.web.local-login.private-key is not set (bin/run passes .dispatch/jwt/private.pem)"));
            try {
                loaded = KeyUtils.decodePrivateKey(Files.readString(path));
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot read the local login key " + path + ": " + e.getMessage(), e);
            }
            key = loaded;
        }
        return loaded;
    }
}
