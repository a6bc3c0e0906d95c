package dev.dispatch.iot.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.elements.exception.ConnectorException;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * A sensor as the tests play it: Eclipse Californium's client in the test JVM, on an endpoint of its own (plain UDP,
 * or DTLS with an identity and key), built from a Californium configuration made in code (never from or into a
 * Californium3.properties file). A synchronous request returns null when no answer came within the timeout.
 */
public final class CoapSensor implements AutoCloseable {

    /** Long enough for a DTLS handshake and a batch commit on a busy machine. */
    public static final Duration ANSWER = Duration.ofSeconds(15);
    /** How long to wait for an answer that must not come (a failed handshake is silent). */
    public static final Duration SILENCE = Duration.ofSeconds(3);

    private final CoapEndpoint endpoint;
    private final String base;
    private final List<CoapClient> clients = new CopyOnWriteArrayList<>();

    private CoapSensor(CoapEndpoint endpoint, String base) {
        this.endpoint = endpoint;
        this.base = base;
    }

    /** Californium's configuration for the test clients: its own, made in code. */
    public static Configuration configuration() {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
        Configuration configuration = new Configuration();
        // The client would refuse to send what the server must refuse (the 4.13 tests): let it.
        configuration.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 64 * 1024);
        return configuration;
    }

    public static CoapSensor plain(int port) {
        Configuration configuration = configuration();
        CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(configuration)
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build();
        return new CoapSensor(endpoint, "coap://127.0.0.1:" + port);
    }

    /** Over DTLS with this PSK identity and key (the key as the ASCII text the service issued). */
    public static CoapSensor secure(int port, String identity, String key) {
        Configuration configuration = configuration();
        DTLSConnector connector = new DTLSConnector(DtlsConnectorConfig.builder(configuration)
                .setAddress(new InetSocketAddress("127.0.0.1", 0))
                .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY)
                .setAdvancedPskStore(new AdvancedSinglePskStore(identity, key.getBytes(StandardCharsets.US_ASCII)))
                .build());
        CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(configuration).setConnector(connector).build();
        return new CoapSensor(endpoint, "coaps://127.0.0.1:" + port);
    }

    /** A client of a path ("/sensors/tag-1/readings") on this sensor's endpoint. */
    public CoapClient client(String path, Duration timeout) {
        CoapClient client = new CoapClient(base + path);
        client.setEndpoint(endpoint);
        client.setTimeout(timeout.toMillis());
        clients.add(client);
        return client;
    }

    /** POSTs readings, CON or NON; null when nothing answered. */
    public CoapResponse post(String sensorId, byte[] payload, int contentFormat, Type type, Duration timeout) {
        Request request = Request.newPost();
        request.setType(type);
        request.setPayload(payload);
        if (contentFormat != MediaTypeRegistry.UNDEFINED) {
            request.getOptions().setContentFormat(contentFormat);
        }
        return advanced(client("/sensors/" + sensorId + "/readings", timeout), request);
    }

    public CoapResponse postJson(String sensorId, String json) {
        return postJson(sensorId, json.getBytes(StandardCharsets.UTF_8));
    }

    public CoapResponse postJson(String sensorId, byte[] json) {
        return post(sensorId, json, MediaTypeRegistry.APPLICATION_JSON, Type.CON, ANSWER);
    }

    public CoapResponse get(String path, int accept, Duration timeout) {
        Request request = Request.newGet();
        if (accept != MediaTypeRegistry.UNDEFINED) {
            request.getOptions().setAccept(accept);
        }
        return advanced(client(path, timeout), request);
    }

    @Override
    public void close() {
        clients.forEach(CoapClient::shutdown);
        endpoint.destroy(); // CoapClient.shutdown never closes an endpoint that was set on it
    }

    private static CoapResponse advanced(CoapClient client, Request request) {
        try {
            return client.advanced(request);
        } catch (ConnectorException | IOException e) {
            throw new IllegalStateException("cannot send " + request, e);
        }
    }
}
