package dev.dispatch.iot.coap;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.elements.util.Filter;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.jboss.logging.Logger;

import dev.dispatch.iot.config.IngestConfig;
import dev.dispatch.iot.repository.SensorCredentialStore;
import dev.dispatch.iot.service.SensorDirectory;
import dev.dispatch.iot.service.SensorIngest;
import dev.dispatch.iot.service.SensorQueries;
import dev.dispatch.iot.service.SensorRateLimiter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The cargo sensors' CoAP server (Eclipse Californium), started with the application and destroyed with it:
 * coaps (DTLS 1.2, PSK only: TLS_PSK_WITH_AES_128_CCM_8, TLS_PSK_WITH_AES_128_GCM_SHA256) always, plain coap only when
 * {@code dispatch.iot.coap.plain-enabled}. Its Californium configuration is built in code and never read from or
 * written to a file (no Californium3.properties). A port that cannot be bound stops the start-up. It follows the
 * sensors' changes from every instance ({@link SensorDirectory}): a new configuration is pushed to the observers, a
 * new key ends the sensor's DTLS sessions under the old one, a revoked key its observations (4.04) and sessions.
 */
@ApplicationScoped
public class SensorCoapServer implements SensorDirectory.Listener {

    private static final Logger LOG = Logger.getLogger(SensorCoapServer.class);
    /** How long a revoked sensor's sessions stay open for its observers to hear 4.04 (they can do nothing else). */
    private static final Duration REVOKED_SESSION_GRACE = Duration.ofSeconds(2);

    private final IngestConfig config;
    private final CoapMetrics metrics;
    private final SensorDirectory directory;
    private final CoapContext context;
    private final SensorPskStore pskStore;
    private final SensorCredentialStore credentials;
    private final Vertx vertx;
    private volatile CoapServer server;
    private volatile CoapEndpoint plain;
    private volatile CoapEndpoint secure;
    private volatile DTLSConnector dtls;
    private volatile SensorsResource sensors;

    SensorCoapServer(IngestConfig config, CoapMetrics metrics, SensorDirectory directory, SensorIngest ingest, SensorQueries queries,
            SensorCredentialStore credentials, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
        this.metrics = metrics;
        this.directory = directory;
        IngestConfig.Coap coap = config.coap();
        this.context = new CoapContext(ingest, queries, directory, new SensorRateLimiter(coap.rateLimit(), coap.rateWindow()), metrics,
                new SensorPayloads.Limits(coap.maxBatchReadings(), coap.maxReadingAge(), config.telemetry().maxClockSkew()),
                coap.retryAfterSeconds());
        this.credentials = credentials;
        this.pskStore = new SensorPskStore(credentials, metrics);
    }

    void start(@Observes StartupEvent ignored) {
        IngestConfig.Coap coap = config.coap();
        Configuration configuration = configuration(coap);
        CoapServer coapServer = new CoapServer(configuration);
        if (coap.plainEnabled()) {
            plain = new CoapEndpoint.Builder().setConfiguration(configuration)
                    .setInetSocketAddress(new InetSocketAddress(coap.host(), coap.port())).build();
            plain.addInterceptor(new OversizedCounter());
            coapServer.addEndpoint(plain);
        }
        dtls = new DTLSConnector(DtlsConnectorConfig.builder(configuration)
                .setAddress(new InetSocketAddress(coap.host(), coap.securePort()))
                .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY)
                .setAsList(DtlsConfig.DTLS_CIPHER_SUITES, CipherSuite.TLS_PSK_WITH_AES_128_CCM_8, CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256)
                .setAdvancedPskStore(pskStore)
                .setApplicationLevelInfoSupplier(new SessionKey())
                .build());
        secure = new CoapEndpoint.Builder().setConfiguration(configuration).setConnector(dtls).build();
        secure.addInterceptor(new OversizedCounter());
        coapServer.addEndpoint(secure);
        sensors = new SensorsResource(context);
        coapServer.add(sensors);
        server = coapServer;
        try {
            coapServer.start();
        } catch (IllegalStateException e) {
            coapServer.destroy();
            throw new IllegalStateException("the CoAP server cannot start: " + e.getMessage(), e);
        }
        // Californium only logs an endpoint that could not bind, as long as another one could: not good enough.
        List<String> failed = new ArrayList<>();
        coapServer.getEndpoints().stream().filter(e -> !e.isStarted()).forEach(e -> failed.add(e.getUri().toString()));
        if (!failed.isEmpty()) {
            coapServer.destroy();
            throw new IllegalStateException("the CoAP server cannot bind " + failed + " (dispatch.iot.coap.port / secure-port in use?)");
        }
        LOG.infof("CoAP server listening: coaps udp %s%s", secure.getAddress(),
                plain == null ? " (plain coap disabled)" : ", coap udp " + plain.getAddress());
        directory.listen(this);
        if (directory.isLoaded()) {
            loaded(directory.ids());
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        CoapServer current = server;
        if (current != null) {
            current.destroy();
        }
    }

    /** The bound port of plain coap, or -1 when it is disabled (or not started). */
    public int plainPort() {
        CoapEndpoint endpoint = plain;
        return endpoint == null ? -1 : endpoint.getAddress().getPort();
    }

    /** The bound port of coaps, or -1 before the start. */
    public int securePort() {
        CoapEndpoint endpoint = secure;
        return endpoint == null ? -1 : endpoint.getAddress().getPort();
    }

    /** Every endpoint started and still running. */
    public boolean isUp() {
        CoapServer current = server;
        return current != null && !current.getEndpoints().isEmpty() && current.getEndpoints().stream().allMatch(Endpoint::isStarted);
    }

    @Override
    public void loaded(Set<String> ids) {
        SensorsResource tree = sensors;
        if (tree == null) {
            return;
        }
        // Listed at /.well-known/core; and observers may have missed changes while the LISTEN connection was away.
        ids.forEach(id -> tree.sensor(id).config().changed());
    }

    @Override
    public void configChanged(String sensorId) {
        SensorsResource tree = sensors;
        if (tree != null) {
            tree.sensor(sensorId).config().changed();
        }
    }

    @Override
    public void credentialsChanged(String sensorId) {
        SensorsResource tree = sensors;
        if (tree == null) {
            return;
        }
        SensorResource sensor = tree.sensor(sensorId);
        Reactive.run(() -> credentials.activeKey(sensorId), key -> {
            if (key != null) {
                // A new key: sessions under an older one end now (a session resumption would not even look the key up).
                // Those under this key stay: the sensor may have made one before this notification arrived.
                String fingerprint = SessionKey.fingerprint(key);
                Arrays.fill(key, (byte) 0);
                endSessions(sensorId, fingerprint);
                return;
            }
            // Revoked: its requests are refused from now on anyway (every one checks the key's state). Its observers are
            // told 4.04 first, which ends their observations; then its sessions end.
            sensor.config().changed();
            vertx.setTimer(REVOKED_SESSION_GRACE.toMillis(), id -> endSessions(sensorId, null));
        }, failure -> endSessions(sensorId, null));
    }

    /** Ends the sensor's DTLS sessions made with a key other than the current one (null: all of them). */
    private void endSessions(String sensorId, String currentKey) {
        Filter<Principal> older = p -> SessionKey.isOlderSessionOf(p, sensorId, currentKey);
        dtls.startTerminateConnectionsForPrincipal(older);
    }

    private static Configuration configuration(IngestConfig.Coap coap) {
        // Registered before the configuration is made (it takes the modules registered by then). createStandardWithoutFile
        // also makes it Californium's global default, so nothing falls back to reading or writing Californium3.properties.
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
        Configuration configuration = Configuration.createStandardWithoutFile();
        configuration.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, coap.maxBodyBytes());
        return configuration;
    }

    /** Californium's block-wise layer answers 4.13 itself; count those answers as they go out. */
    private final class OversizedCounter extends MessageInterceptorAdapter {

        @Override
        public void sendResponse(Response response) {
            if (response.getCode() == ResponseCode.REQUEST_ENTITY_TOO_LARGE) {
                metrics.rejected(CoapRejection.OVERSIZED, "a request body over " + config.coap().maxBodyBytes() + " bytes from "
                        + response.getDestinationContext().getPeerAddress());
            }
        }
    }
}
