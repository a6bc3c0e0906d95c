package dev.dispatch.gateway.graphql.type;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;

/** A page of orders. Cursors are per page (order-service's page tokens), so the page carries one: pageInfo.endCursor. */
public record OrderConnection(@NonNull List<@NonNull Order> nodes, @NonNull PageInfo pageInfo) {
}
