package dev.dispatch.notification.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.dispatch.notification.model.CallSignal;
import dev.dispatch.notification.model.Party;
import dev.dispatch.notification.model.RateWindow;
import jakarta.enterprise.context.ApplicationScoped;

/** The signalling connections open on this replica, and handing each signal to those of them it is for. */
@ApplicationScoped
public class CallConnections {

    /** Messages a connection may send per {@link #RATE_WINDOW_MILLIS} (candidates come in bursts). */
    static final int RATE_LIMIT = 60;
    static final long RATE_WINDOW_MILLIS = 10_000;

    private final Map<String, CallPeer> byConnection = new ConcurrentHashMap<>();

    public CallPeer open(String connectionId, Party party, CallPeer.Sink sink) {
        CallPeer peer = new CallPeer(connectionId, party, sink, new RateWindow(RATE_LIMIT, RATE_WINDOW_MILLIS));
        byConnection.put(connectionId, peer);
        return peer;
    }

    public void close(CallPeer peer) {
        byConnection.remove(peer.connectionId(), peer);
        peer.closed();
    }

    public int open() {
        return byConnection.size();
    }

    /** One signal to every connection here it reaches (usually one; all of a callee's while a call rings). */
    void deliver(CallSignal signal) {
        if (signal.toConnection() != null) {
            CallPeer peer = byConnection.get(signal.toConnection());
            if (peer != null && signal.reaches(peer.party(), peer.connectionId())) {
                peer.send(signal.body());
            }
            return;
        }
        for (CallPeer peer : byConnection.values()) {
            if (signal.reaches(peer.party(), peer.connectionId())) {
                peer.send(signal.body());
            }
        }
    }
}
