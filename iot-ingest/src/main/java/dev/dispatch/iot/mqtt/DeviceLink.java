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
 * {@code reconnect-every}, one log line per outage. When the ingest buffer is full the link disconnects until it
 * has drained: the broker keeps (and redelivers) whatever was not acknowledged.
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
    private volatile MqttClient client;
    private volatile boolean subscribed;
    private volatile boolean paused;
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

    /** Leaves the broker (for tests of the persistent session, and for back-pressure): nothing unacknowledged is lost. */
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
        disconnect();
    }

    @Override
    public void drained() {
        reconnect();
    }

    private void connect() {
        if (stopped || paused) {
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
