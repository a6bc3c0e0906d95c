package dev.dispatch.iot.http;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The broker's device-login questions, at /q/metrics as {@code dispatch_broker_device_logins_total{outcome}}
 * ({@code accepted}, {@code rejected}, {@code unauthorized}, {@code bad-request}, {@code unavailable}), every tag
 * registered at start-up. A refused device login is logged at DEBUG only (a revoked device retries every few seconds);
 * a caller without the right token at WARN, at most once a minute (the broker's token is likely misconfigured).
 */
@Startup
@ApplicationScoped
public class LoginMetrics {

    private static final Logger LOG = Logger.getLogger(LoginMetrics.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Counter accepted;
    private final Counter rejected;
    private final Counter unauthorized;
    private final Counter badRequest;
    private final Counter unavailable;
    private final AtomicLong nextUnauthorizedLog = new AtomicLong(System.nanoTime());

    LoginMetrics(MeterRegistry registry) {
        accepted = counter(registry, "accepted");
        rejected = counter(registry, "rejected");
        unauthorized = counter(registry, "unauthorized");
        badRequest = counter(registry, "bad-request");
        unavailable = counter(registry, "unavailable");
    }

    void accepted() {
        accepted.increment();
    }

    void rejected(String username) {
        rejected.increment();
        LOG.debugf("device login refused for %s", username);
    }

    void unauthorized(SocketAddress from) {
        unauthorized.increment();
        long now = System.nanoTime();
        long due = nextUnauthorizedLog.get();
        if (now - due >= 0 && nextUnauthorizedLog.compareAndSet(due, now + LOG_EVERY_NANOS)) {
            LOG.warnf("a device-login question from %s without the broker's token (dispatch.iot.broker-auth.token) was refused", from);
        }
    }

    void badRequest() {
        badRequest.increment();
    }

    void unavailable() {
        unavailable.increment();
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("dispatch.broker.device.logins").description("The broker's device-login questions, by answer")
                .tag("outcome", outcome).register(registry);
    }
}
