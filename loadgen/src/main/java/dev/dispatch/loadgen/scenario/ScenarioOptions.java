package dev.dispatch.loadgen.scenario;

import java.time.Duration;

/**
 * What single scenarios need beyond rate and duration: read-mix's orders to read, ws-fanout's number of WebSocket
 * clients and how often each acknowledges.
 */
public record ScenarioOptions(int seedOrders, int clients, Duration ackInterval) {
}
