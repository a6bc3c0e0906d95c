package dev.dispatch.gateway.graphql.type;

import org.eclipse.microprofile.graphql.Description;

@Description("Where a page ends: pass endCursor as `after` for the next page.")
public record PageInfo(boolean hasNextPage, String endCursor) {
}
