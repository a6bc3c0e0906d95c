package dev.dispatch.notification.config;

import dev.dispatch.platform.tracing.QuietPollingSampler;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Traces of requests and events, none of the database polling that nothing caused (see {@link QuietPollingSampler}). */
public class TraceSampling {

    @Produces
    @Singleton
    Sampler sampler() {
        return new QuietPollingSampler();
    }
}
