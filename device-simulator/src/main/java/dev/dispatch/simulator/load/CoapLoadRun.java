package dev.dispatch.simulator.load;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.Endpoint;

import dev.dispatch.simulator.coap.CoapSettings;
import dev.dispatch.simulator.coap.CoapStack;
import dev.dispatch.simulator.contract.CoapContract;
import dev.dispatch.simulator.contract.CoapPayloads;
import dev.dispatch.simulator.contract.SensorCredentials;
import dev.dispatch.simulator.device.SensorSettings;
import dev.dispatch.simulator.device.SimulatedSensor;

/**
 * The CoAP ingest benchmark: N provisioned sensors POST one reading each at a fixed total rate for a fixed time;
 * then it reports what was sent, what iot-ingest answered (2.04, 4.29, other codes, nothing) and how fast, and —
 * given iot-ingest's metrics endpoint — how its {@code dispatch_coap_readings_total} grew. Before the timed phase
 * every sensor GETs its configuration once, so that the DTLS handshakes are not measured as ingest.
 * <p>
 * {@link #run()} blocks: call it from a plain thread.
 */
public final class CoapLoadRun {

    private static final Duration METRICS_POLL = Duration.ofMillis(250);

    private final List<SensorCredentials> sensors;
    private final CoapSettings coap;
    private final double ratePerSecond;
    private final Duration duration;
    private final Optional<IngestMetrics> metrics;
    private final Duration catchUpTimeout;
    private final Duration connectTimeout;

    public CoapLoadRun(List<SensorCredentials> sensors, CoapSettings coap, double ratePerSecond, Duration duration,
                       Optional<URI> metricsUrl, Duration catchUpTimeout, Duration connectTimeout) {
        if (sensors.isEmpty()) {
            throw new IllegalArgumentException("a load run needs at least one sensor");
        }
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be above 0, was " + ratePerSecond);
        }
        this.sensors = List.copyOf(sensors);
        this.coap = coap;
        this.ratePerSecond = ratePerSecond;
        this.duration = duration;
        this.metrics = metricsUrl.map(IngestMetrics::new);
        this.catchUpTimeout = catchUpTimeout;
        this.connectTimeout = connectTimeout;
    }

    public CoapLoadReport run() throws InterruptedException {
        String[] metricsNote = {null};
        CoapIngestCounters before = metrics.map(m -> read(m, metricsNote)).orElse(null);
        Counters counters = new Counters();
        ScheduledExecutorService ticks = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "coap-load");
            thread.setDaemon(true);
            return thread;
        });
        try (CoapStack stack = new CoapStack()) {
            List<CoapClient> clients = new ArrayList<>();
            for (SensorCredentials sensor : sensors) {
                Endpoint endpoint = stack.endpointFor(sensor, coap.secure());
                clients.add(stack.client(endpoint));
            }
            Duration connectTime = connect(clients);

            long period = Math.max(1, Math.round(sensors.size() * 1e9 / ratePerSecond));
            Random phases = new Random(42);
            List<ScheduledFuture<?>> schedules = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < sensors.size(); i++) {
                SimulatedSensor sensor = new SimulatedSensor(sensors.get(i).sensorId(), SensorSettings.defaults(), Clock.systemUTC());
                CoapClient client = clients.get(i);
                String uri = coap.uri(CoapContract.readingsPath(sensor.id()));
                schedules.add(ticks.scheduleAtFixedRate(() -> send(client, uri, sensor, counters),
                        (long) (phases.nextDouble() * period), period, TimeUnit.NANOSECONDS));
            }
            Thread.sleep(duration.toMillis());
            schedules.forEach(s -> s.cancel(false));
            long lastSent = counters.lastSentNanos.get();
            Duration window = Duration.ofNanos(Math.max(0, (lastSent == 0 ? System.nanoTime() : lastSent) - started));
            long deadline = System.nanoTime() + coap.requestTimeout().toNanos();
            while (!counters.pending.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            counters.pending.keySet().forEach(request -> {
                if (counters.pending.remove(request) != null) {
                    request.cancel();
                    counters.noAnswer.increment();
                }
            });

            CoapIngestCounters after = null;
            Optional<Duration> catchUp = Optional.empty();
            String catchUpNote = null;
            if (metrics.isPresent() && metricsNote[0] == null) {
                long target = counters.changed.sum();
                long catchUpDeadline = System.nanoTime() + catchUpTimeout.toNanos();
                while (true) {
                    after = read(metrics.get(), metricsNote);
                    OptionalDouble was = before.readings();
                    if (after == null || was.isEmpty() || after.readings().isEmpty()) {
                        catchUpNote = "not reported (no " + CoapIngestCounters.READINGS + ")";
                        break;
                    }
                    double counted = after.readings().getAsDouble() - was.getAsDouble();
                    if (counted >= target) {
                        catchUp = Optional.of(Duration.ofNanos(Math.max(0, System.nanoTime() - lastSent)));
                        break;
                    }
                    if (System.nanoTime() > catchUpDeadline) {
                        catchUpNote = String.format("not within %d s: counted %.0f of %d answered 2.04",
                                catchUpTimeout.toSeconds(), counted, target);
                        break;
                    }
                    Thread.sleep(METRICS_POLL.toMillis());
                }
            }
            Map<String, Long> other = new TreeMap<>();
            counters.other.forEach((code, count) -> other.put(code, count.sum()));
            String transport = coap.scheme() + " (" + (coap.confirmable() ? "CON" : "NON") + ", "
                    + CoapContract.formatName(coap.contentFormat()) + ")";
            return new CoapLoadReport(sensors.size(), transport, ratePerSecond, duration, connectTime, window,
                    counters.sent.sum(), counters.changed.sum(), counters.tooMany.sum(), other, counters.noAnswer.sum(),
                    counters.latencies.percentile(0.50), counters.latencies.percentile(0.99), counters.latencies.max(),
                    metrics.map(m -> m.url().toString()).orElse(null), before, after, metricsNote[0], catchUp, catchUpNote);
        } finally {
            ticks.shutdownNow();
        }
    }

    // Every sensor GETs its configuration (CON): the DTLS handshakes happen here, not in the timed phase.
    private Duration connect(List<CoapClient> clients) throws InterruptedException {
        long started = System.nanoTime();
        CountDownLatch answered = new CountDownLatch(clients.size());
        AtomicReference<String> firstProblem = new AtomicReference<>();
        LongAdder failures = new LongAdder();
        for (int i = 0; i < clients.size(); i++) {
            String id = sensors.get(i).sensorId();
            Request get = Request.newGet();
            get.setURI(coap.uri(CoapContract.configPath(id)));
            get.getOptions().setAccept(coap.contentFormat());
            clients.get(i).advanced(new CoapHandler() {
                @Override
                public void onLoad(CoapResponse response) {
                    if (response.getCode() != ResponseCode.CONTENT) {
                        failures.increment();
                        firstProblem.compareAndSet(null, id + ": " + response.getCode().text + " " + response.getResponseText());
                    }
                    answered.countDown();
                }

                @Override
                public void onError() {
                    failures.increment();
                    firstProblem.compareAndSet(null, id + ": no answer");
                    answered.countDown();
                }
            }, get);
        }
        boolean all = answered.await(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        long missing = answered.getCount() + failures.sum();
        if (!all || failures.sum() > 0) {
            throw new CoapLoadFailed(missing + " of " + clients.size() + " sensors got no 2.05 to GET config within "
                    + connectTimeout.toSeconds() + " s" + (firstProblem.get() == null ? "" : " (first: " + firstProblem.get() + ")")
                    + (coap.secure() ? "; with coaps a refused DTLS handshake (wrong key, unknown identity) gets no answer at all" : ""));
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private void send(CoapClient client, String uri, SimulatedSensor sensor, Counters counters) {
        Request request = new Request(Code.POST, coap.confirmable() ? Type.CON : Type.NON);
        request.setURI(uri);
        request.getOptions().setContentFormat(coap.contentFormat());
        request.setPayload(CoapPayloads.encode(sensor.reading(), coap.contentFormat()));
        long sentAt = System.nanoTime();
        counters.pending.put(request, sentAt);
        counters.sent.increment();
        counters.lastSentNanos.accumulateAndGet(sentAt, Math::max);
        client.advanced(new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                if (counters.pending.remove(request) == null) {
                    return;
                }
                ResponseCode code = response.getCode();
                if (code == ResponseCode.CHANGED) {
                    counters.changed.increment();
                    counters.latencies.record(Duration.ofNanos(System.nanoTime() - sentAt));
                } else if (code == ResponseCode.TOO_MANY_REQUESTS) {
                    counters.tooMany.increment();
                } else {
                    counters.other.computeIfAbsent(code.text, c -> new LongAdder()).increment();
                }
            }

            @Override
            public void onError() {
                if (counters.pending.remove(request) != null) {
                    counters.noAnswer.increment();
                }
            }
        }, request);
    }

    private static CoapIngestCounters read(IngestMetrics metrics, String[] note) {
        try {
            return metrics.readCoap().await().atMost(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            note[0] = "metrics unavailable at " + metrics.url() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return null;
        }
    }

    private static final class Counters {
        final LongAdder sent = new LongAdder();
        final LongAdder changed = new LongAdder();
        final LongAdder tooMany = new LongAdder();
        final LongAdder noAnswer = new LongAdder();
        final Map<String, LongAdder> other = new ConcurrentHashMap<>();
        final Map<Request, Long> pending = new ConcurrentHashMap<>();
        final LatencyRecorder latencies = new LatencyRecorder();
        final AtomicLong lastSentNanos = new AtomicLong();
    }

    /** The load run could not start measuring (the sensors got no answer). */
    public static final class CoapLoadFailed extends RuntimeException {
        CoapLoadFailed(String message) {
            super(message);
        }
    }
}
