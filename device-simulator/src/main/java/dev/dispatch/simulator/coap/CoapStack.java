package dev.dispatch.simulator.coap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

import dev.dispatch.simulator.contract.CoapContract;
import dev.dispatch.simulator.contract.SensorCredentials;

/**
 * The Californium client side every sensor of one run shares: one configuration (made without ever writing
 * Californium3.properties), a few shared threads, and the endpoints — one DTLS endpoint per sensor (a DTLS session
 * has one PSK identity), or one plain UDP endpoint for all of them. Closing it destroys every endpoint it made.
 */
public final class CoapStack implements AutoCloseable {

    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
        // Anything that still asks for the standard configuration gets this one, not a file in the working directory.
        Configuration.createStandardWithoutFile();
    }

    private final Configuration config;
    private final ScheduledExecutorService protocol;
    private final ScheduledExecutorService secondary;
    private final ExecutorService dtls;
    private final ExecutorService handlers;
    private final ScheduledThreadPoolExecutor clientTimers;
    private final List<Endpoint> endpoints = new ArrayList<>();
    private Endpoint plain;

    public CoapStack() {
        config = new Configuration();
        // A sensor gives up on a CON after two retransmissions (2 + 4 + 8 s at most, then its own timeout) and
        // keeps the reading for the next wake rather than retrying for 93 s.
        config.set(CoapConfig.MAX_RETRANSMIT, 2);
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, CoapContract.MAX_BODY_BYTES);
        config.set(UdpConfig.UDP_RECEIVER_THREAD_COUNT, 1);
        config.set(UdpConfig.UDP_SENDER_THREAD_COUNT, 1);
        config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
        config.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
        config.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1);
        config.set(DtlsConfig.DTLS_MAX_CONNECTIONS, 16);
        config.setAsList(DtlsConfig.DTLS_CIPHER_SUITES, CipherSuite.TLS_PSK_WITH_AES_128_CCM_8,
                CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256);
        int cores = Math.max(2, Runtime.getRuntime().availableProcessors());
        protocol = Executors.newScheduledThreadPool(cores, daemon("coap-protocol"));
        secondary = Executors.newScheduledThreadPool(1, daemon("coap-timer"));
        dtls = Executors.newFixedThreadPool(cores, daemon("coap-dtls"));
        handlers = Executors.newFixedThreadPool(2, daemon("coap-handler"));
        clientTimers = new ScheduledThreadPoolExecutor(1, daemon("coap-observe"));
    }

    /** The endpoint a sensor sends from: its own DTLS endpoint (coaps), or the shared plain one. Started. */
    public synchronized Endpoint endpointFor(SensorCredentials credentials, boolean secure) {
        if (!secure) {
            if (plain == null) {
                plain = CoapEndpoint.builder().setConfiguration(config).build();
                start(plain);
            }
            return plain;
        }
        DtlsConnectorConfig dtlsConfig = DtlsConnectorConfig.builder(config)
                .setAdvancedPskStore(new AdvancedSinglePskStore(credentials.pskIdentity(),
                        credentials.pskKey().getBytes(StandardCharsets.US_ASCII)))
                .build();
        DTLSConnector connector = new DTLSConnector(dtlsConfig);
        connector.setExecutor(dtls);
        Endpoint endpoint = CoapEndpoint.builder().setConfiguration(config).setConnector(connector).build();
        start(endpoint);
        return endpoint;
    }

    /** A client on that endpoint whose handlers run on the stack's threads (never on the protocol threads). */
    public CoapClient client(Endpoint endpoint) {
        CoapClient client = new CoapClient();
        client.setEndpoint(endpoint);
        client.setExecutors(handlers, clientTimers, true);
        return client;
    }

    /**
     * Forgets the endpoint's DTLS session, so that the next request starts a fresh handshake: after iot-ingest
     * restarted, the old session is unknown there and every record of it is dropped without an answer.
     */
    public static void forgetSession(Endpoint endpoint) {
        if (endpoint instanceof CoapEndpoint coap && coap.getConnector() instanceof DTLSConnector connector) {
            connector.clearConnectionState();
        }
    }

    /** Destroys one endpoint this stack made (a sensor that stopped). */
    public synchronized void release(Endpoint endpoint) {
        if (endpoint != plain && endpoints.remove(endpoint)) {
            endpoint.destroy();
        }
    }

    public Configuration configuration() {
        return config;
    }

    private void start(Endpoint endpoint) {
        ((CoapEndpoint) endpoint).setExecutors(protocol, secondary);
        try {
            endpoint.start();
        } catch (java.io.IOException e) {
            endpoint.destroy();
            throw new java.io.UncheckedIOException("cannot open a UDP socket for CoAP: " + e.getMessage(), e);
        }
        endpoints.add(endpoint);
    }

    @Override
    public synchronized void close() {
        for (Endpoint endpoint : endpoints) {
            try {
                endpoint.destroy();
            } catch (RuntimeException ignored) {
                // closing anyway
            }
        }
        endpoints.clear();
        plain = null;
        for (ExecutorService executor : List.of(handlers, clientTimers, dtls, protocol, secondary)) {
            executor.shutdownNow();
        }
        try {
            protocol.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
