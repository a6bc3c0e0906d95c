package dev.dispatch.gateway.config;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Bearer tokens are verified once, then remembered ({@link TokenCache}): a client sends the same token with every
 * request, and checking its RS256 signature again took a quarter of the gateway's CPU under load (BENCHMARKS.md).
 * Only {@code parse(token)}, the call every request's authentication makes, is remembered; a token that fails is
 * verified again next time, and so fails again.
 */
@Decorator
@Priority(10)
abstract class VerifiedTokens implements JWTParser {

    @Inject
    @Delegate
    @Any
    JWTParser parser;

    @Inject
    TokenCache cache;

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = cache.get(token);
        if (known != null) {
            return known;
        }
        JsonWebToken verified = parser.parse(token);
        cache.put(token, verified);
        return verified;
    }
}
