package dev.dispatch.order.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The order-service's own settings ({@code dispatch.order.*}); the timers' periods are read by name in @Scheduled. */
@ConfigMapping(prefix = "dispatch.order")
public interface OrderConfig {

    Payment payment();

    Outbox outbox();

    interface Payment {

        /** Deadline of each single call to payment-service, set afresh on every call (and every retry). */
        @WithDefault("1500ms")
        Duration deadline();

        /** How long an order may wait for its authorization before it becomes PAYMENT_FAILED. */
        @WithDefault("2m")
        Duration retryBound();

        /** How often orders awaiting payment, and unsettled payments of ended orders, are looked at again. */
        @WithDefault("5s")
        Duration retryEvery();

        /**
         * How long after an order ended without a payment answer payment-service may still record a late
         * authorization; after that, "no payment found" is taken as final.
         */
        @WithDefault("30s")
        Duration settleAfter();

        /** At most this many orders per scheduler run. */
        @WithDefault("50")
        int batchSize();
    }

    interface Outbox {

        /** The timer that backs up the trigger after each commit. */
        @WithDefault("1s")
        Duration relayEvery();

        /** How long the relay waits for the broker to accept one event before it tries again later. */
        @WithDefault("5s")
        Duration sendTimeout();

        /** Events read per round; the relay loops until none is pending. */
        @WithDefault("100")
        int batchSize();

        /** The PostgreSQL advisory lock that lets one instance relay at a time. */
        @WithDefault("4242001")
        long lockKey();
    }
}
