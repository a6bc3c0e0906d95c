package dev.dispatch.iot.mqtt;

import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import dev.dispatch.iot.config.IngestConfig;
import dev.dispatch.iot.service.IngestBatcher;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * This replica's share of every device topic: the shared subscription {@code $share/{share-group}/devices/#} at QoS 1,
 * which the broker serves from one queue ({group}.devices.#) to all connected replicas, each message to one of them.
 * With the Vert.x MQTT client itself rather than a connector channel, for guarantees the SmallRye MQTT connector does
 * not give (its incoming messages are acknowledged by the client as they arrive, whatever the application does):
 * <ul>
 * <li>a message is acknowledged (PUBACK) only after the batch that stored it committed, or once it is rejected; one
 * not committed when this replica stopped or lost the broker is redelivered by the broker (to another replica, or to
 * this one when it is back);</li>
 * <li>a client id of its own per replica with a persistent session (clean session off): the shared queue is durable,
 * so what devices publish while every replica is away waits in the broker.</li>
 * </ul>
 * Each connection is a new client, so an acknowledgement of a message from an earlier connection can never
 * acknowledge another message of the new one (packet ids are per connection). Lost connections are retried every
 * {@code reconnect-every}, one log line per outage.
 * <p>
 * Flow control, from the broker's side and from ours: the broker's MQTT acceptor sends one session at most
 * {@code defaultMaximumInFlightPublishMessages} unacknowledged messages (broker.xml), and a message is acknowledged
 * only once stored, so the broker sends at the pace the database stores. Should the ingest buffer fill anyway (CoAP
 * feeds it too), the link stops reading from its socket until the buffer has drained: TCP holds the broker back, and
 * the connection and its session stay as they are. Leaving the broker instead would cost more than a pause: Artemis
 * 2.55 keeps the packet id of every message in flight at a disconnect for as long as the session lives, and enough
 * disconnects with full windows exhaust the session's 65,535 ids, after which it delivers nothing.
 */
@ApplicationScoped
public class DeviceLink implements IngestBatcher.Pressure {

    private static final Logger LOG = Logger.getLogger(DeviceLink.class);

    private final Vertx vertx;
    private final IngestConfig config;
    private final DeviceMessages messages;
    private final IngestBatcher batcher;
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong throttles = new AtomicLong();
    private volatile MqttClient client;
    private volatile boolean subscribed;
    private volatile boolean paused;
    private volatile boolean throttled;
    private volatile boolean connecting;
    private volatile boolean stopped;
    private volatile boolean failing;
    private volatile String lastProblem = "not connected yet";

    DeviceLink(Vertx vertx, IngestConfig config, DeviceMessages messages, IngestBatcher batcher) {
        this.vertx = vertx;
        this.config = config;
        this.messages = messages;
        this.batcher = batcher;
    }

    void start(@Observes StartupEvent ignored) {
        batcher.onPressure(this);
        // Nothing to load: every decision reads the devices' state in its own transaction.
        connect();
    }

    void stop(@Observes ShutdownEvent ignored) {
        stopped = true;
        MqttClient current = client;
        if (current != null && current.isConnected()) {
            current.disconnect();
        }
    }

    /** Connected and subscribed to the device topics. */
    public boolean isUp() {
        return subscribed;
    }

    public boolean isPaused() {
        return paused;
    }

    public String problem() {
        return lastProblem;
    }

    /** Connections lost since start-up, not counting those it left itself ({@link #disconnect()}, shutdown). */
    public long lostConnections() {
        return lost.get();
    }

    /** Connections made since start-up, the first included. */
    public long connections() {
        return generation.get(); // one generation per connection
    }

    /** Times the link stopped reading because the ingest buffer was full. */
    public long throttles() {
        return throttles.get();
    }

    /** Not reading from the broker until the ingest buffer has drained. */
    public boolean isThrottled() {
        return throttled;
    }

    /** Leaves the broker (for tests of the persistent session): nothing unacknowledged is lost. */
    public void disconnect() {
        paused = true;
        MqttClient current = client;
        if (current != null && current.isConnected()) {
            current.disconnect();
        }
    }

    /** Comes back after {@link #disconnect()}. */
    public void reconnect() {
        paused = false;
        MqttClient current = client;
        if (current == null || !current.isConnected()) {
            connect();
        }
    }

    @Override
    public void full() {
        throttled = true;
        throttles.incrementAndGet();
        MqttClient current = client;
        if (current != null && current.isConnected()) {
            // Messages the decoder already holds still arrive; the buffer's capacity is a soft bound.
            current.pause();
        }
    }

    @Override
    public void drained() {
        throttled = false;
        MqttClient current = client;
        if (current != null && current.isConnected()) {
            current.resume();
        } else if (!connecting) {
            // Lost while paused (e.g. no PINGRESP read for 1.5 keep-alives): back now that there is room.
            connect();
        }
    }

    private void connect() {
        if (stopped || paused || throttled) {
            return;
        }
        IngestConfig.Mqtt mqtt = config.mqtt();
        MqttClientOptions options = new MqttClientOptions()
                .setClientId(mqtt.clientId())
                .setCleanSession(false)
                .setKeepAliveInterval(mqtt.keepAliveSeconds())
                .setUsername(mqtt.username().orElse(null))
                .setPassword(mqtt.password().orElse(null));
        options.setAutoAck(false);
        // Far above the contract's payload limit, so that an oversized message reaches DeviceMessages and is rejected
        // there: the client's default (8092 bytes) would drop the connection instead, and the persistent session would
        // bring the same message back on every reconnect.
        options.setMaxMessageSize(mqtt.maxMessageBytes());
        long connection = generation.incrementAndGet();
        connecting = true;
        MqttClient next = MqttClient.create(vertx, options);
        client = next;
        next.publishHandler(message -> onMessage(connection, next, message));
        next.closeHandler(v -> onClosed(connection));
        // Without this handler the client closes on a protocol error (e.g. an undecodable packet) without a word.
        next.exceptionHandler(failure -> problem("connection failed: " + failure));
        next.connect(mqtt.port(), mqtt.host())
                .compose(ack -> {
                    // The broker kept the subscription with the session. Subscribing again would make it send every
                    // retained status once more, each one more message in flight on this connection.
                    if (ack.isSessionPresent()) {
                        return Future.succeededFuture();
                    }
                    return next.subscribe(subscription(), MqttQoS.AT_LEAST_ONCE.value()).mapEmpty();
                })
                .onSuccess(subscription -> {
                    connecting = false;
                    if (throttled) {
                        next.pause();
                    }
                    subscribed = true;
                    if (failing) {
                        LOG.infof("MQTT device link to %s:%d is back", mqtt.host(), mqtt.port());
                    } else {
                        LOG.infof("MQTT device link connected to %s:%d as %s (persistent session), subscribed to %s", mqtt.host(),
                                mqtt.port(), mqtt.clientId(), subscription());
                    }
                    failing = false;
                    lastProblem = null;
                })
                .onFailure(failure -> {
                    connecting = false;
                    problem("cannot connect to " + mqtt.host() + ":" + mqtt.port() + " as " + mqtt.clientId() + ": " + failure.getMessage());
                    if (next.isConnected()) {
                        next.disconnect();
                    } else {
                        retryLater(connection);
                    }
                });
    }

    /** The shared subscription of all replicas (one group, one queue on the broker). */
    String subscription() {
        return DeviceTopics.shared(config.mqtt().shareGroup());
    }

    private void onMessage(long connection, MqttClient next, MqttPublishMessage message) {
        Runnable ack = () -> {
            // Only on the connection that delivered it; after a reconnect the broker redelivers it anyway.
            if (generation.get() == connection && message.qosLevel() != MqttQoS.AT_MOST_ONCE && next.isConnected()) {
                try {
                    message.ack();
                } catch (RuntimeException lost) {
                    LOG.debugf("acknowledgement not sent, the connection is gone: %s", lost.toString());
                }
            }
        };
        messages.take(message.topicName(), message.payload().getBytes(), ack);
    }

    private void onClosed(long connection) {
        if (generation.get() != connection) {
            return;
        }
        subscribed = false;
        if (stopped || paused) {
            lastProblem = paused ? "paused" : "stopped";
            return;
        }
        lost.incrementAndGet();
        problem("connection lost");
        // While throttled, drained() connects again.
        retryLater(connection);
    }

    private void retryLater(long connection) {
        vertx.setTimer(config.mqtt().reconnectEvery().toMillis(), id -> {
            if (generation.get() == connection) {
                connect();
            }
        });
    }

    private void problem(String what) {
        lastProblem = what;
        if (!failing) {
            failing = true;
            LOG.warnf("MQTT device link: %s; retrying every %s", what, config.mqtt().reconnectEvery());
        } else {
            LOG.debugf("MQTT device link: %s", what);
        }
    }
}
