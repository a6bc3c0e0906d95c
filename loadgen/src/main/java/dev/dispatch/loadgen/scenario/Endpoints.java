package dev.dispatch.loadgen.scenario;

import java.net.URI;

/** Where the system under load listens (bin/run's fixed ports by default). */
public record Endpoints(URI gateway, URI notifications, String orderGrpcHost, int orderGrpcPort) {
}
