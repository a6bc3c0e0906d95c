package dev.dispatch.platform.tracing;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * Every span that belongs to a request or an event, and no trace of a client call that nothing caused: the outbox
 * relay's polling, LISTEN connections and timers query the database every second, which as root spans would bury
 * the traces worth reading. Otherwise as the default: a child follows its parent's decision, a root is sampled.
 * A service installs it as a CDI bean ({@code @Produces Sampler}); Quarkus then uses it instead of the configured one.
 */
public final class QuietPollingSampler implements Sampler {

    private final Sampler delegate = Sampler.parentBased(Sampler.alwaysOn());

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind, Attributes attributes,
            List<LinkData> parentLinks) {
        if (spanKind == SpanKind.CLIENT && !Span.fromContext(parentContext).getSpanContext().isValid()) {
            return SamplingResult.drop();
        }
        return delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    @Override
    public String getDescription() {
        return "QuietPollingSampler{" + delegate.getDescription() + "}";
    }
}
