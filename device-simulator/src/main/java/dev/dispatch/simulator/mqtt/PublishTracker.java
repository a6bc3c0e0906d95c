package dev.dispatch.simulator.mqtt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The QoS 1 publications of one MQTT connection that wait for their PUBACK. Confined to the
 * connection's event loop.
 */
final class PublishTracker {

    private record InFlight(long sentNanos, CompletableFuture<Duration> acked) {
    }

    private final Map<Integer, InFlight> inFlight = new HashMap<>();
    // A PUBACK processed before the publish's own completion registered its packet id.
    private final Set<Integer> earlyAcks = new HashSet<>();
    private boolean lost;

    /** Completes with the publish-to-PUBACK latency, or fails when the connection goes first. */
    CompletableFuture<Duration> sent(int packetId, long sentNanos) {
        CompletableFuture<Duration> acked = new CompletableFuture<>();
        if (lost) {
            acked.completeExceptionally(new IllegalStateException("connection lost before the PUBACK"));
        } else if (earlyAcks.remove(packetId)) {
            acked.complete(Duration.ofNanos(System.nanoTime() - sentNanos));
        } else {
            inFlight.put(packetId, new InFlight(sentNanos, acked));
        }
        return acked;
    }

    void acked(int packetId) {
        InFlight pending = inFlight.remove(packetId);
        if (pending == null) {
            earlyAcks.add(packetId);
            return;
        }
        pending.acked().complete(Duration.ofNanos(System.nanoTime() - pending.sentNanos()));
    }

    void connectionLost() {
        lost = true;
        List<InFlight> pending = new ArrayList<>(inFlight.values());
        inFlight.clear();
        pending.forEach(p -> p.acked().completeExceptionally(new IllegalStateException("connection lost before the PUBACK")));
    }
}
