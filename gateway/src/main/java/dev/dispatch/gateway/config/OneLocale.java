package dev.dispatch.gateway.config;

import java.util.Locale;

import jakarta.annotation.Priority;
import jakarta.inject.Singleton;

import org.hibernate.validator.spi.messageinterpolation.LocaleResolver;
import org.hibernate.validator.spi.messageinterpolation.LocaleResolverContext;

/**
 * Validation messages in the default locale, asked first. The API's messages are written in English only; and
 * quarkus-smallrye-graphql's own resolver, when asked during a REST request on an event-loop thread that served a
 * GraphQL request before, fails with a NullPointerException (Quarkus 3.33.2), turning a 400 into a 500.
 */
@Singleton
@Priority(Integer.MAX_VALUE)
public class OneLocale implements LocaleResolver {

    @Override
    public Locale resolve(LocaleResolverContext context) {
        return context.getDefaultLocale();
    }
}
