package dev.dispatch.gateway.graphql.type;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;

public record DeviceConnection(@NonNull List<@NonNull Device> nodes, @NonNull PageInfo pageInfo) {
}
