package dev.dispatch.simulator.support;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;

import dev.dispatch.simulator.contract.CoapContract;

/**
 * A small real CoAP server in the test JVM that plays iot-ingest's two resources for the simulator's tests:
 * {@code POST /sensors/{id}/readings} (records every request and answers as told: 2.04 with the count, an error
 * code, or nothing at all) and {@code GET /sensors/{id}/config}, observable, whose configuration a test changes.
 * Plain UDP and DTLS 1.2 PSK (the keys a test registers), both on ephemeral ports of 127.0.0.1. It is not iot-ingest:
 * the end-to-end runs against the real one are the system tests'.
 */
public final class TinyCoapServer implements AutoCloseable {

    /** One POST as it arrived (after block-wise reassembly). */
    public record Received(String sensorId, String pskIdentity, Type type, int contentFormat, byte[] payload, Instant at) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final CoapServer server;
    private final CoapEndpoint udp;
    private final CoapEndpoint dtls;
    private final AdvancedMultiPskStore keys = new AdvancedMultiPskStore();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger block1Messages = new AtomicInteger();
    private final AtomicReference<ResponseCode> answer = new AtomicReference<>(ResponseCode.CHANGED);
    private final AtomicReference<String> diagnostic = new AtomicReference<>();
    private final Map<String, ConfigResource> configs = new ConcurrentHashMap<>();
    private final Map<String, String> initialConfig = new ConcurrentHashMap<>();

    public TinyCoapServer() {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
        Configuration config = new Configuration();
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, CoapContract.MAX_BODY_BYTES);
        config.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT, 2);
        server = new CoapServer(config);
        udp = CoapEndpoint.builder().setConfiguration(config).setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build();
        DtlsConnectorConfig dtlsConfig = DtlsConnectorConfig.builder(config)
                .setAddress(new InetSocketAddress("127.0.0.1", 0))
                .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY)
                .setAsList(DtlsConfig.DTLS_CIPHER_SUITES, CipherSuite.TLS_PSK_WITH_AES_128_CCM_8, CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256)
                .setAdvancedPskStore(keys)
                .build();
        dtls = CoapEndpoint.builder().setConfiguration(config).setConnector(new DTLSConnector(dtlsConfig)).build();
        MessageInterceptorAdapter blocks = new MessageInterceptorAdapter() {
            @Override
            public void receiveRequest(Request request) {
                if (request.getOptions().hasBlock1()) {
                    block1Messages.incrementAndGet();
                }
            }
        };
        udp.addInterceptor(blocks);
        dtls.addInterceptor(blocks);
        server.addEndpoint(udp);
        server.addEndpoint(dtls);
        server.add(new SensorsResource());
        server.start();
    }

    public int plainPort() {
        return udp.getAddress().getPort();
    }

    public int securePort() {
        return dtls.getAddress().getPort();
    }

    /** Accepts this identity and key in DTLS handshakes (the key as printable ASCII, like iot-ingest's). */
    public TinyCoapServer key(String identity, String key) {
        keys.setKey(identity, key.getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** How the next POSTs are answered: {@code null} for not at all (as if iot-ingest were gone). */
    public void answerWith(ResponseCode code, String text) {
        answer.set(code);
        diagnostic.set(text);
    }

    public void answerNormally() {
        answerWith(ResponseCode.CHANGED, null);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String sensorId) {
        return received.stream().filter(r -> r.sensorId().equals(sensorId)).toList();
    }

    /** Messages that carried a Block1 option: a body sent block-wise (RFC 7959). */
    public int block1Messages() {
        return block1Messages.get();
    }

    /** The configuration a sensor's first GET gets (before any {@link #config} change). */
    public void initialConfig(String sensorId, int intervalSeconds) {
        initialConfig.put(sensorId, configJson(intervalSeconds, 1));
    }

    /** A new configuration: every observer of the sensor's config gets it pushed. */
    public void config(String sensorId, int intervalSeconds, long version) {
        String json = configJson(intervalSeconds, version);
        initialConfig.put(sensorId, json);
        ConfigResource resource = configs.get(sensorId);
        if (resource != null) {
            resource.set(json);
        }
    }

    /** Pushes the current configuration again, unchanged (a repeated notification). */
    public void notifyAgain(String sensorId) {
        ConfigResource resource = configs.get(sensorId);
        if (resource != null) {
            resource.changed();
        }
    }

    public int observers(String sensorId) {
        ConfigResource resource = configs.get(sensorId);
        return resource == null ? 0 : resource.getObserverCount();
    }

    private static String configJson(int intervalSeconds, long version) {
        return "{\"reportIntervalSeconds\":" + intervalSeconds + ",\"maxTemperatureC\":8.0,\"maxShockG\":4.0,\"version\":" + version + "}";
    }

    @Override
    public void close() {
        server.destroy();
    }

    private final class SensorsResource extends CoapResource {
        SensorsResource() {
            super("sensors");
        }

        @Override
        public synchronized Resource getChild(String name) {
            Resource child = super.getChild(name);
            if (child == null && CoapContract.isValidSensorId(name)) {
                child = new SensorResource(name);
                add(child);
            }
            return child;
        }
    }

    private final class SensorResource extends CoapResource {
        SensorResource(String id) {
            super(id);
            add(new ReadingsResource(id));
            ConfigResource config = new ConfigResource(id, initialConfig.getOrDefault(id, configJson(300, 1)));
            configs.put(id, config);
            add(config);
        }
    }

    private final class ReadingsResource extends CoapResource {
        private final String id;

        ReadingsResource(String id) {
            super("readings");
            this.id = id;
        }

        @Override
        public void handlePOST(CoapExchange exchange) {
            Principal peer = exchange.advanced().getRequest().getSourceContext().getPeerIdentity();
            String identity = peer instanceof PreSharedKeyIdentity psk ? psk.getIdentity() : null;
            byte[] payload = exchange.getRequestPayload();
            received.add(new Received(id, identity, exchange.advanced().getRequest().getType(),
                    exchange.getRequestOptions().getContentFormat(), payload == null ? new byte[0] : payload, Instant.now()));
            ResponseCode code = answer.get();
            if (code == null) {
                return; // as if nobody were there
            }
            if (code == ResponseCode.CHANGED) {
                int count = payload != null && payload.length > 0 && (payload[0] == '[' || (payload[0] & 0xE0) == 0x80) ? -1 : 1;
                exchange.respond(code, count == 1 ? "1" : "n", MediaTypeRegistry.TEXT_PLAIN);
            } else {
                if (code == ResponseCode.SERVICE_UNAVAILABLE || code == ResponseCode.TOO_MANY_REQUESTS) {
                    exchange.setMaxAge(1);
                }
                exchange.respond(code, diagnostic.get() == null ? "" : diagnostic.get(), MediaTypeRegistry.TEXT_PLAIN);
            }
        }
    }

    private static final class ConfigResource extends CoapResource {
        private volatile String json;

        ConfigResource(String id, String json) {
            super("config");
            this.json = json;
            setObservable(true);
            setObserveType(Type.CON);
        }

        void set(String value) {
            json = value;
            changed();
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            exchange.respond(ResponseCode.CONTENT, json, MediaTypeRegistry.APPLICATION_JSON);
        }
    }
}
