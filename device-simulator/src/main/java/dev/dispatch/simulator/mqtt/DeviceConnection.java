package dev.dispatch.simulator.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.MqttConnectionException;
import io.vertx.mutiny.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.mqtt.MqttClient;
import io.vertx.mutiny.mqtt.messages.MqttPublishMessage;

import dev.dispatch.simulator.contract.Delivered;
import dev.dispatch.simulator.contract.DeviceEvent;
import dev.dispatch.simulator.contract.DoorEvent;
import dev.dispatch.simulator.contract.PayloadCodec;
import dev.dispatch.simulator.contract.Telemetry;
import dev.dispatch.simulator.contract.TopicContract;
import dev.dispatch.simulator.device.AssignResult;
import dev.dispatch.simulator.device.CommandHandler;
import dev.dispatch.simulator.device.CommandOutcome;
import dev.dispatch.simulator.device.SimulatedDevice;
import dev.dispatch.simulator.geo.GeoPoint;

/**
 * One simulated device on the wire: its own MQTT client, its last will, its commands, its
 * telemetry timer, and one reconnect behaviour. Everything runs on the device's own Vert.x
 * context, so the device's state needs no locks.
 */
public final class DeviceConnection {

    private enum State { NEW, CONNECTING, CONNECTED, WAITING_TO_RECONNECT, STOPPING, STOPPED }

    // Movement and arrival are checked at least this often, whatever the report interval.
    private static final long MAX_TICK_MILLIS = 1000;

    private final Vertx vertx;
    private final Context context;
    private final java.util.concurrent.Executor onContext;
    private final BrokerAddress broker;
    private final ConnectionSettings settings;
    private final SimulatedDevice device;
    private final CommandHandler commands;
    private final FleetListener listener;
    private final EventOutbox outbox = new EventOutbox();
    private final CompletableFuture<Void> firstConnection = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    private State state = State.NEW;
    private MqttClient client;
    private PublishTracker tracker;
    private int failedAttempts;
    private boolean everConnected;
    private boolean telemetryOn;
    private long tickTimer = -1;
    private long reconnectTimer = -1;
    private long lastReportNanos;
    private boolean reportedOnce;

    public DeviceConnection(Vertx vertx, BrokerAddress broker, ConnectionSettings settings,
                            SimulatedDevice device, FleetListener listener) {
        this.vertx = vertx;
        // A new event-loop context per device (when called off Vert.x threads): devices spread over the loops.
        this.context = vertx.getOrCreateContext();
        this.onContext = context::runOnContext;
        this.broker = broker;
        this.settings = settings;
        this.device = device;
        this.commands = new CommandHandler(device);
        this.listener = listener;
        this.telemetryOn = settings.telemetryAtStart();
    }

    public String deviceId() {
        return device.id();
    }

    /**
     * Connects, and keeps reconnecting after any loss until {@link #stop()}. Completes on the first
     * successful connection; fails only if the broker refuses the device for good.
     */
    public Uni<Void> start() {
        context.runOnContext(() -> {
            if (state == State.NEW) {
                startTicking();
                connect();
            }
        });
        return Uni.createFrom().completionStage(firstConnection);
    }

    /**
     * A clean stop: waits (bounded) for unacknowledged events, publishes the retained
     * {@code offline} status itself, then sends DISCONNECT, so the broker discards the will.
     */
    public Uni<Void> stop() {
        context.runOnContext(this::beginStop);
        return Uni.createFrom().completionStage(stopped);
    }

    /** Drive to a destination as if {@code assign-order} had said so (demos without orders). */
    public void assign(String orderId, GeoPoint destination) {
        context.runOnContext(() -> {
            device.advance();
            AssignResult result = device.assign(orderId, destination);
            listener.assigned(device.id(), result, destination);
        });
    }

    /** Start or pause telemetry; the device still moves, listens and answers while paused. */
    public void telemetry(boolean on) {
        context.runOnContext(() -> telemetryOn = on);
    }

    private void connect() {
        state = State.CONNECTING;
        MqttClient attempt = MqttClient.create(vertx, options());
        PublishTracker attemptTracker = new PublishTracker();
        client = attempt;
        tracker = attemptTracker;
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        attempt.publishHandler(this::onCommand);
        attempt.publishCompletionHandler(attemptTracker::acked);
        attempt.subscribeCompletionHandler(ack -> subscribed.complete(null));
        attempt.closeHandler(() -> onClosed(attempt, attemptTracker));
        attempt.connect(broker.port(), broker.host())
                .chain(() -> attempt.subscribe(TopicContract.commands(device.id()), TopicContract.QOS))
                .chain(() -> Uni.createFrom().completionStage(subscribed))
                .chain(() -> publish(attempt, attemptTracker, TopicContract.status(device.id()), TopicContract.ONLINE.getBytes(), true))
                .ifNoItem().after(settings.connectTimeout()).fail()
                .emitOn(onContext)
                .subscribe().with(latency -> onConnected(attempt), failure -> onConnectFailed(attempt, attemptTracker, failure));
    }

    private MqttClientOptions options() {
        MqttClientOptions options = new MqttClientOptions()
                .setClientId(device.id())
                .setUsername(broker.user())
                .setPassword(broker.password())
                .setCleanSession(settings.cleanSession())
                .setKeepAliveInterval(settings.keepAliveSeconds())
                .setAutoKeepAlive(true)
                // Up to a few hundred readings may wait for their PUBACK in a load run.
                .setMaxInflightQueue(1000)
                .setWillFlag(true)
                .setWillTopic(TopicContract.status(device.id()))
                .setWillMessageBytes(Buffer.buffer(TopicContract.OFFLINE))
                .setWillQoS(TopicContract.QOS)
                .setWillRetain(true);
        options.setConnectTimeout((int) settings.connectTimeout().toMillis());
        return options;
    }

    private void onConnected(MqttClient attempt) {
        if (attempt != client) {
            return;
        }
        if (state == State.STOPPING) {
            state = State.CONNECTED;
            cleanStop();
            return;
        }
        state = State.CONNECTED;
        boolean reconnected = everConnected;
        everConnected = true;
        failedAttempts = 0;
        listener.connected(device.id(), broker, reconnected);
        outbox.unsent().forEach(this::send);
        firstConnection.complete(null);
    }

    private void onConnectFailed(MqttClient attempt, PublishTracker attemptTracker, Throwable failure) {
        if (attempt != client) {
            return;
        }
        attemptTracker.connectionLost();
        closeQuietly(attempt);
        if (state == State.STOPPING) {
            finishStop(false);
            return;
        }
        if (isRefusal(failure)) {
            String reason = reason(failure);
            state = State.STOPPED;
            cancelTimers();
            listener.refused(device.id(), reason);
            DeviceRefusedException refused = new DeviceRefusedException(device.id(), reason);
            firstConnection.completeExceptionally(refused);
            stopped.complete(null);
            return;
        }
        failedAttempts++;
        listener.connectAttemptFailed(device.id(), failedAttempts, reason(failure), settings.reconnectDelay());
        scheduleReconnect();
    }

    private void onClosed(MqttClient closed, PublishTracker closedTracker) {
        closedTracker.connectionLost();
        if (closed != client || state != State.CONNECTED) {
            return;
        }
        listener.connectionLost(device.id(), settings.reconnectDelay());
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        state = State.WAITING_TO_RECONNECT;
        reconnectTimer = vertx.setTimer(settings.reconnectDelay().toMillis(), id -> {
            reconnectTimer = -1;
            if (state == State.WAITING_TO_RECONNECT) {
                connect();
            }
        });
    }

    private void onCommand(MqttPublishMessage message) {
        if (!message.topicName().equals(TopicContract.commands(device.id()))) {
            return;
        }
        device.advance();
        CommandOutcome outcome = commands.handle(PayloadCodec.parseCommand(message.payload().getBytes()));
        switch (outcome.effect()) {
            case REPUBLISH_STATUS -> {
                if (state == State.CONNECTED) {
                    publish(client, tracker, TopicContract.status(device.id()), TopicContract.ONLINE.getBytes(), true)
                            .subscribe().with(ok -> { }, failure -> { });
                }
            }
            case REPORT_INTERVAL_CHANGED -> startTicking();
            case ORDER_ASSIGNED -> device.assignment().ifPresent(a -> listener.assigned(device.id(), outcome.assignment(), a.destination()));
            case NONE -> { }
        }
        emit(outcome.ack());
        listener.commandHandled(device.id(), outcome);
    }

    private void startTicking() {
        if (tickTimer >= 0) {
            vertx.cancelTimer(tickTimer);
        }
        long period = Math.max(1, Math.min(MAX_TICK_MILLIS, device.reportInterval().toMillis()));
        // A random first delay spreads the readings of many devices over the period.
        long firstDelay = 1 + ThreadLocalRandom.current().nextLong(period);
        tickTimer = vertx.setTimer(firstDelay, first -> {
            tickTimer = vertx.setPeriodic(period, id -> tick(period));
            tick(period);
        });
    }

    private void tick(long periodMillis) {
        if (state == State.STOPPING || state == State.STOPPED) {
            return;
        }
        List<DeviceEvent> events = device.advance();
        long now = System.nanoTime();
        long dueAfter = device.reportInterval().toNanos() - periodMillis * 500_000L;
        boolean due = !reportedOnce || now - lastReportNanos >= dueAfter;
        if (due || !events.isEmpty()) {
            lastReportNanos = now;
            reportedOnce = true;
            report(device.reading());
        }
        events.forEach(this::emit);
    }

    private void report(Telemetry reading) {
        if (!telemetryOn) {
            return;
        }
        if (state != State.CONNECTED) {
            listener.telemetryNotSent(device.id(), "offline");
            return;
        }
        listener.telemetrySent(device.id(), reading);
        publish(client, tracker, TopicContract.telemetry(device.id()), PayloadCodec.encode(reading), false)
                .subscribe().with(
                        latency -> listener.telemetryAcked(device.id(), latency),
                        failure -> listener.telemetryFailed(device.id(), reason(failure)));
    }

    private void emit(DeviceEvent event) {
        EventOutbox.Entry entry = outbox.add(event, PayloadCodec.encode(event));
        if (event instanceof Delivered delivered) {
            listener.delivered(device.id(), delivered.orderId(), new GeoPoint(delivered.latitude(), delivered.longitude()));
        }
        if (event instanceof DoorEvent door) {
            listener.door(device.id(), door.opened());
        }
        if (state == State.CONNECTED) {
            send(entry);
        }
    }

    private void send(EventOutbox.Entry entry) {
        entry.inFlight = true;
        publish(client, tracker, TopicContract.events(device.id()), entry.payload, false)
                .subscribe().with(
                        latency -> outbox.acked(entry.event.eventId()),
                        // Kept: sent again, same id, once connected again.
                        failure -> entry.inFlight = false);
        listener.eventSent(device.id(), entry.event);
    }

    /** Publishes at QoS 1; completes on the PUBACK with the latency. Call on the context only. */
    private Uni<Duration> publish(MqttClient target, PublishTracker targetTracker, String topic, byte[] payload, boolean retain) {
        long sentNanos = System.nanoTime();
        return target.publish(topic, io.vertx.mutiny.core.buffer.Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, retain)
                .chain(packetId -> Uni.createFrom().completionStage(targetTracker.sent(packetId, sentNanos)));
    }

    private void beginStop() {
        switch (state) {
            case STOPPING, STOPPED -> { }
            case CONNECTED -> {
                state = State.STOPPING;
                cancelTimers();
                cleanStop();
            }
            case CONNECTING -> {
                // The attempt under way ends in onConnected (then a clean stop) or onConnectFailed.
                state = State.STOPPING;
                cancelTimers();
            }
            case NEW, WAITING_TO_RECONNECT -> {
                state = State.STOPPING;
                cancelTimers();
                finishStop(false);
            }
        }
    }

    private void cleanStop() {
        state = State.STOPPING;
        MqttClient current = client;
        PublishTracker currentTracker = tracker;
        Uni.createFrom().completionStage(outbox.whenEmpty())
                .ifNoItem().after(settings.stopTimeout()).recoverWithItem(() -> null)
                .emitOn(onContext)
                .chain(() -> publish(current, currentTracker, TopicContract.status(device.id()), TopicContract.OFFLINE.getBytes(), true))
                .ifNoItem().after(settings.stopTimeout()).fail()
                .emitOn(onContext)
                .chain(current::disconnect)
                .ifNoItem().after(settings.stopTimeout()).fail()
                .emitOn(onContext)
                .subscribe().with(ok -> finishStop(true), failure -> {
                    closeQuietly(current);
                    finishStop(false);
                });
    }

    private void finishStop(boolean clean) {
        if (state == State.STOPPED) {
            return;
        }
        state = State.STOPPED;
        cancelTimers();
        listener.stopped(device.id(), clean);
        firstConnection.completeExceptionally(new IllegalStateException(device.id() + " stopped before it connected"));
        stopped.complete(null);
    }

    private void cancelTimers() {
        if (tickTimer >= 0) {
            vertx.cancelTimer(tickTimer);
            tickTimer = -1;
        }
        if (reconnectTimer >= 0) {
            vertx.cancelTimer(reconnectTimer);
            reconnectTimer = -1;
        }
    }

    private static void closeQuietly(MqttClient attempt) {
        if (attempt.isConnected()) {
            attempt.disconnect().subscribe().with(ok -> { }, failure -> { });
        }
    }

    private static boolean isRefusal(Throwable failure) {
        if (failure instanceof MqttConnectionException refused) {
            MqttConnectReturnCode code = refused.code();
            return code == MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD
                    || code == MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED
                    || code == MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED;
        }
        return false;
    }

    static String reason(Throwable failure) {
        if (failure instanceof MqttConnectionException refused) {
            return "refused: " + refused.code();
        }
        if (failure instanceof io.smallrye.mutiny.TimeoutException) {
            return "no answer in time";
        }
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}
