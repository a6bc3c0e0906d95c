package dev.dispatch.simulator.coap;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.Endpoint;

import dev.dispatch.simulator.contract.CoapContract;
import dev.dispatch.simulator.contract.CoapPayloads;
import dev.dispatch.simulator.contract.SensorConfig;
import dev.dispatch.simulator.contract.SensorCredentials;
import dev.dispatch.simulator.contract.SensorReading;
import dev.dispatch.simulator.device.ReadingBuffer;
import dev.dispatch.simulator.device.SensorSettings;
import dev.dispatch.simulator.device.SimulatedSensor;

/**
 * One cargo sensor tag on CoAP. It wakes every report interval, takes a reading and POSTs it to
 * {@code sensors/{id}/readings} — CON (or NON), over coaps with its own pre-shared key (or plain coap). What is not
 * answered 2.04 stays in its buffer: once iot-ingest answers again, everything buffered goes as one array (a body
 * larger than one datagram, so Californium sends it block-wise, RFC 7959 Block1). It observes
 * {@code sensors/{id}/config} (RFC 7641) and applies a new report interval at once. After an outage it starts a new
 * DTLS handshake and observes its configuration again (iot-ingest may have restarted and forgotten both).
 * <p>
 * Thread-safe: the fleet's scheduler, Californium's threads and the courier's door events meet on its lock.
 */
public final class SensorTag {

    private final SensorCredentials credentials;
    private final SimulatedSensor sensor;
    private final ReadingBuffer buffer;
    private final CoapSettings coap;
    private final CoapStack stack;
    private final Endpoint endpoint;
    private final CoapClient client;
    private final ScheduledExecutorService scheduler;
    private final TagListener listener;
    private final Clock clock;
    private final Duration firstWake;
    private final int maxMessageSize;

    // guarded by this
    private ScheduledFuture<?> wake;
    private long lastWakeNanos;
    private Request inFlight;
    private ScheduledFuture<?> inFlightTimeout;
    private CoapObserveRelation relation;
    private Request observeRequest;
    private boolean configObserved;
    private String lastConfigProblem;
    private boolean lostContact;
    private boolean started;
    private boolean stopped;
    private boolean finished;

    SensorTag(SensorCredentials credentials, SensorSettings settings, CoapSettings coap, CoapStack stack,
              ScheduledExecutorService scheduler, TagListener listener, Clock clock) {
        this.credentials = credentials;
        this.sensor = new SimulatedSensor(credentials.sensorId(), settings, clock);
        this.buffer = new ReadingBuffer(settings.bufferCapacity());
        this.coap = coap;
        this.stack = stack;
        this.scheduler = scheduler;
        this.listener = listener;
        this.clock = clock;
        this.endpoint = stack.endpointFor(credentials, coap.secure());
        this.client = stack.client(endpoint);
        this.maxMessageSize = stack.configuration().get(CoapConfig.MAX_MESSAGE_SIZE);
        // Tags wake at different moments (the same ones on every run): within the first interval, at most 2 s.
        long window = Math.max(1, Math.min(settings.reportInterval().toMillis(), 2000));
        this.firstWake = Duration.ofMillis(new Random(credentials.sensorId().hashCode()).nextLong(window));
    }

    public String id() {
        return credentials.sensorId();
    }

    public String courierDeviceId() {
        return credentials.courierDeviceId();
    }

    /** Observes its configuration and schedules its first wake. */
    public synchronized void start() {
        if (started || stopped) {
            return;
        }
        started = true;
        listener.started(id(), courierDeviceId(), coap.uri(CoapContract.readingsPath(id())), coap.uri(CoapContract.configPath(id())));
        observeConfig();
        scheduleWake(firstWake);
    }

    /** The courier's cargo door opened or closed: the next reading carries the jolt. */
    public synchronized void doorEvent(boolean opened) {
        if (stopped) {
            return;
        }
        double g = sensor.doorEvent(opened);
        listener.shock(id(), courierDeviceId(), opened, g);
    }

    /** Takes a reading now, as if the interval had passed (tests; the schedule goes on from here). */
    public void wakeNow() {
        wake();
    }

    public synchronized Duration reportInterval() {
        return sensor.reportInterval();
    }

    public synchronized Optional<SensorConfig> config() {
        return sensor.config();
    }

    public synchronized int buffered() {
        return buffer.size();
    }

    /** Stops waking, cancels what is under way and its observation (iot-ingest is told), closes its endpoint. */
    public void stop() {
        try {
            beginStop().get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException notAnswered) {
            // iot-ingest forgets the observation on its own, after its next notification finds nobody
        }
        finishStop();
    }

    /**
     * Stops waking and cancels what is under way; deregisters the observation (RFC 7641: a GET with Observe 1 and
     * the observation's token).
     *
     * @return completes when iot-ingest answered the deregistration (or at once, when there is none)
     */
    CompletableFuture<Void> beginStop() {
        Request observe;
        synchronized (this) {
            if (stopped) {
                return CompletableFuture.completedFuture(null);
            }
            stopped = true;
            if (wake != null) {
                wake.cancel(false);
            }
            if (inFlight != null) {
                inFlight.cancel();
                inFlightTimeout.cancel(false);
                inFlight = null;
            }
            observe = observeRequest;
            if (relation != null && !relation.isCanceled()) {
                relation.reactiveCancel();
            } else {
                observe = null;
            }
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (observe == null || observe.getToken() == null) {
            done.complete(null);
            return done;
        }
        Request cancel = Request.newGet();
        cancel.setURI(observe.getURI());
        cancel.setToken(observe.getToken());
        cancel.getOptions().setAccept(coap.contentFormat());
        cancel.setObserveCancel();
        client.advanced(new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                done.complete(null);
            }

            @Override
            public void onError() {
                done.complete(null);
            }
        }, cancel);
        return done;
    }

    /** Closes what {@link #beginStop()} left: the client and the sensor's endpoint. */
    void finishStop() {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
        }
        client.shutdown();
        stack.release(endpoint);
        listener.stopped(id());
    }

    // --- waking and sending

    private void scheduleWake(Duration delay) {
        if (wake != null) {
            wake.cancel(false);
        }
        wake = scheduler.schedule(this::wake, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    }

    private synchronized void wake() {
        if (stopped) {
            return;
        }
        lastWakeNanos = System.nanoTime();
        scheduleWake(sensor.reportInterval());
        SensorReading reading = sensor.reading();
        listener.readingTaken(id(), reading);
        if (buffer.add(reading)) {
            listener.readingsDropped(id(), 1, "the buffer holds " + buffer.capacity() + " readings: the oldest went");
        }
        if (inFlight == null) {
            send();
        }
    }

    private void send() {
        // A margin of 5 min below iot-ingest's 24 h: the batch may take a while to arrive.
        int old = buffer.dropTakenBefore(clock.instant().minus(CoapContract.MAX_READING_AGE).plusSeconds(300));
        if (old > 0) {
            listener.readingsDropped(id(), old, "taken more than 24 h ago: iot-ingest would refuse them");
        }
        if (buffer.isEmpty()) {
            return;
        }
        List<SensorReading> batch = buffer.oldest(CoapContract.MAX_BATCH);
        boolean asArray = batch.size() > 1;
        byte[] body = asArray ? CoapPayloads.encodeBatch(batch, coap.contentFormat())
                : CoapPayloads.encode(batch.get(0), coap.contentFormat());
        Request request = new Request(Code.POST, coap.confirmable() ? Type.CON : Type.NON);
        request.setURI(coap.uri(CoapContract.readingsPath(id())));
        request.getOptions().setContentFormat(coap.contentFormat());
        request.setPayload(body);
        long sentAt = System.nanoTime();
        int count = batch.size();
        boolean blockwise = body.length > maxMessageSize;
        inFlight = request;
        inFlightTimeout = scheduler.schedule(() -> unanswered(request, "no answer within " + coap.requestTimeout().toSeconds() + " s"),
                coap.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        client.advanced(new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                answered(request, response, count, asArray, body.length, blockwise, Duration.ofNanos(System.nanoTime() - sentAt));
            }

            @Override
            public void onError() {
                unanswered(request, "no answer" + (request.getSendError() == null ? "" : " (" + request.getSendError().getMessage() + ")"));
            }
        }, request);
    }

    private synchronized void answered(Request request, CoapResponse response, int count, boolean batch, int bytes,
                                       boolean blockwise, Duration latency) {
        if (request != inFlight || stopped) {
            return;
        }
        settle();
        ResponseCode code = response.getCode();
        String diagnostic = response.getPayloadSize() > 0 && code != ResponseCode.CHANGED ? response.getResponseText() : null;
        switch (Answer.of(code)) {
            case STORED -> {
                buffer.remove(count);
                listener.readingsStored(id(), count, batch, bytes, blockwise, latency);
                backInContact();
                if (!buffer.isEmpty()) {
                    send(); // more than one batch was buffered
                }
            }
            case RETRY -> {
                Long maxAge = response.getOptions().getMaxAge();
                listener.readingsKept(id(), buffer.size(), Answer.describe(code, diagnostic)
                        + (response.getOptions().hasMaxAge() ? " (retry after " + maxAge + " s)" : ""));
                if (response.getOptions().hasMaxAge() && maxAge < sensor.reportInterval().toSeconds()) {
                    scheduler.schedule(this::retry, maxAge, TimeUnit.SECONDS);
                }
            }
            case REFUSED -> {
                buffer.remove(count);
                listener.readingsDropped(id(), count, Answer.describe(code, diagnostic));
                backInContact();
            }
        }
    }

    private synchronized void retry() {
        if (!stopped && inFlight == null && !buffer.isEmpty()) {
            send();
        }
    }

    private synchronized void unanswered(Request request, String reason) {
        if (request != inFlight || stopped) {
            return;
        }
        settle();
        request.cancel();
        if (coap.secure()) {
            // If iot-ingest restarted, it knows our DTLS session no more and drops its records silently.
            CoapStack.forgetSession(endpoint);
        }
        lostContact = true;
        listener.readingsKept(id(), buffer.size(), reason);
    }

    private void settle() {
        inFlight = null;
        if (inFlightTimeout != null) {
            inFlightTimeout.cancel(false);
        }
    }

    private void backInContact() {
        boolean wasLost = lostContact;
        lostContact = false;
        if (wasLost || !configObserved || relation == null || relation.isCanceled()) {
            if (relation != null && !relation.isCanceled()) {
                relation.reactiveCancel();
            }
            observeConfig();
        }
    }

    // --- the observed configuration

    private void observeConfig() {
        Request get = Request.newGet();
        get.setURI(coap.uri(CoapContract.configPath(id())));
        get.getOptions().setAccept(coap.contentFormat());
        get.setObserve();
        configObserved = true;
        observeRequest = get;
        relation = client.observe(get, new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                configArrived(response);
            }

            @Override
            public void onError() {
                configFailed("no answer to the observe request");
            }
        });
    }

    private synchronized void configArrived(CoapResponse response) {
        if (stopped) {
            return;
        }
        if (response.getCode() != ResponseCode.CONTENT) {
            configObserved = false;
            configFailed(Answer.describe(response.getCode(), response.getPayloadSize() > 0 ? response.getResponseText() : null));
            return;
        }
        CoapPayloads.ParsedConfig parsed = CoapPayloads.parseConfig(response.getPayload(), response.getOptions().getContentFormat());
        if (!parsed.valid()) {
            configFailed("unreadable configuration: " + parsed.error());
            return;
        }
        lastConfigProblem = null;
        Optional<SensorConfig> before = sensor.config();
        if (before.isPresent() && parsed.config().version() <= before.get().version()) {
            return; // seen it (a re-registration answers with the current configuration)
        }
        Optional<Duration> previous = sensor.apply(parsed.config());
        listener.configApplied(id(), parsed.config(), previous);
        if (previous.isPresent() && lastWakeNanos != 0) {
            // At once: the next wake is one new interval after the last one (now, if that is already past).
            long since = System.nanoTime() - lastWakeNanos;
            scheduleWake(sensor.reportInterval().minusNanos(since));
        }
    }

    private synchronized void configFailed(String reason) {
        if (stopped) {
            return;
        }
        configObserved = false;
        if (!reason.equals(lastConfigProblem)) {
            lastConfigProblem = reason;
            listener.configRefused(id(), reason);
        }
    }
}
