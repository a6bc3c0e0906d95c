package dev.dispatch.iot.coap;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The CoAP counters, at /q/metrics as {@code dispatch_coap_rejected_total{reason}} and
 * {@code dispatch_coap_readings_total} (readings stored), every tag registered at start-up. A rejection is logged on
 * one WARN line (no stack), at most once a minute per reason, with how many more of that reason were not logged:
 * a flood of bad requests cannot flood the log.
 */
@Startup
@ApplicationScoped
public class CoapMetrics {

    private static final Logger LOG = Logger.getLogger(CoapMetrics.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Map<CoapRejection, Counter> rejected = new EnumMap<>(CoapRejection.class);
    private final Map<CoapRejection, AtomicLong> nextLog = new EnumMap<>(CoapRejection.class);
    private final Map<CoapRejection, AtomicInteger> unlogged = new EnumMap<>(CoapRejection.class);
    private final Counter readings;

    CoapMetrics(MeterRegistry registry) {
        long now = System.nanoTime();
        for (CoapRejection reason : CoapRejection.values()) {
            rejected.put(reason, Counter.builder("dispatch.coap.rejected").description("CoAP requests and DTLS handshakes refused, by reason")
                    .tag("reason", reason.tag()).register(registry));
            nextLog.put(reason, new AtomicLong(now));
            unlogged.put(reason, new AtomicInteger());
        }
        readings = Counter.builder("dispatch.coap.readings").description("Sensor readings received over CoAP and stored").register(registry);
    }

    public void rejected(CoapRejection reason, String detail) {
        rejected.get(reason).increment();
        long now = System.nanoTime();
        AtomicLong next = nextLog.get(reason);
        long due = next.get();
        if (now - due >= 0 && next.compareAndSet(due, now + LOG_EVERY_NANOS)) {
            int more = unlogged.get(reason).getAndSet(0);
            LOG.warnf("CoAP rejected (%s): %s%s", reason.tag(), detail, more == 0 ? "" : " (and " + more + " more of this kind not logged)");
        } else {
            unlogged.get(reason).incrementAndGet();
        }
    }

    public void stored(int count) {
        readings.increment(count);
    }
}
