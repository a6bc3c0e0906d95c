package dev.dispatch.broker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

final class FreePorts {

    private FreePorts() {
    }

    /** Whether a listener could bind {@code host:port} right now, the way the broker's acceptor would. */
    static boolean isFree(String host, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
