package dev.dispatch.simulator.coap;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.dispatch.simulator.contract.SensorCredentials;
import dev.dispatch.simulator.device.SensorSettings;

/**
 * N provisioned sensor tags on CoAP, each riding (or not) in a courier's cargo box: the one entry point for the
 * command line. Door events of a courier jolt the tags that ride with it.
 */
public final class TagFleet implements AutoCloseable {

    private final CoapStack stack = new CoapStack();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sensor-tags");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, SensorTag> tags = new LinkedHashMap<>();
    private final CoapSettings coap;

    public TagFleet(List<SensorCredentials> sensors, SensorSettings settings, CoapSettings coap, TagListener listener) {
        this(sensors, settings, coap, listener, Clock.systemUTC());
    }

    public TagFleet(List<SensorCredentials> sensors, SensorSettings settings, CoapSettings coap, TagListener listener, Clock clock) {
        this.coap = coap;
        try {
            for (SensorCredentials credentials : sensors) {
                tags.put(credentials.sensorId(), new SensorTag(credentials, settings, coap, stack, scheduler, listener, clock));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public CoapSettings coap() {
        return coap;
    }

    public List<String> sensorIds() {
        return List.copyOf(tags.keySet());
    }

    public SensorTag tag(String sensorId) {
        SensorTag tag = tags.get(sensorId);
        if (tag == null) {
            throw new IllegalArgumentException("no sensor " + sensorId + " in this fleet");
        }
        return tag;
    }

    /** Every tag observes its configuration and starts waking. */
    public void start() {
        tags.values().forEach(SensorTag::start);
    }

    /** The courier's cargo door opened or closed: every tag riding with it feels it. */
    public void doorEvent(String courierDeviceId, boolean opened) {
        for (SensorTag tag : tags.values()) {
            if (!courierDeviceId.isEmpty() && tag.courierDeviceId().equals(courierDeviceId)) {
                tag.doorEvent(opened);
            }
        }
    }

    /** Stops every tag: all deregister their observation at once, waiting up to 2 s for the answers, then close. */
    @Override
    public void close() {
        List<CompletableFuture<Void>> deregistered = new ArrayList<>();
        for (SensorTag tag : tags.values()) {
            try {
                deregistered.add(tag.beginStop());
            } catch (RuntimeException ignored) {
                // stopping the rest anyway
            }
        }
        try {
            CompletableFuture.allOf(deregistered.toArray(CompletableFuture[]::new)).get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException notAllAnswered) {
            // iot-ingest forgets an observation on its own once a notification finds nobody
        }
        for (SensorTag tag : tags.values()) {
            try {
                tag.finishStop();
            } catch (RuntimeException ignored) {
                // closing the rest anyway
            }
        }
        scheduler.shutdownNow();
        stack.close();
        try {
            scheduler.awaitTermination(Duration.ofSeconds(2).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
