package dev.dispatch.gateway.graphql.type;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("The order as it is now: first as it was when subscribed, then after each change.")
public record OrderUpdate(
        @Description("What changed, e.g. dispatch.order.dispatched; null for the first, current state.") String eventType,
        @NonNull Order order) {
}
