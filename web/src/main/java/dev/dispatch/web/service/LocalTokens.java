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
 * upn, one group (customer or operator), short-lived. Only when the local login is enabled; the key is read once.
 */
@ApplicationScoped
public class LocalTokens {

    public static final String ISSUER = "https://dispatch.local";
    public static final Set<String> ROLES = Set.of("customer", "operator");
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private final WebConfig.LocalLogin config;
    private volatile PrivateKey key;

    LocalTokens(WebConfig config) {
        this.config = config.localLogin();
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** A signed token; the caller has checked the name against {@link #NAME} and the role against {@link #ROLES}. */
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
