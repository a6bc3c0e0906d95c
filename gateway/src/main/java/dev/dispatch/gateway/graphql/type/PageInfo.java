package dev.dispatch.gateway.graphql.model;

import org.eclipse.microprofile.graphql.Description;

@Description("Where a page ends: pass endCursor as `after` for the next page.")
public record PageInfo(boolean hasNextPage, String endCursor) {
}
