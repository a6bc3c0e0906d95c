package dev.dispatch.order.config;

import java.time.Duration;

import dev.dispatch.platform.outbox.OutboxSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The order-service's own settings ({@code dispatch.order.*}); the timers' periods are read by name in @Scheduled. */
@ConfigMapping(prefix = "dispatch.order")
public interface OrderConfig {

    Payment payment();

    /** The relay of order events ({@code dispatch.order.outbox.*}); the lock key is set in application.properties. */
    OutboxSettings outbox();

    interface Payment {

        /** Deadline of each single call to payment-service, set afresh on every call (and every retry). */
        @WithDefault("1500ms")
        Duration deadline();

        /** How long an order may wait for its authorization before it becomes PAYMENT_FAILED. */
        @WithDefault("2m")
        Duration retryBound();

        /**
         * How often orders awaiting payment, and unsettled payments of ended orders, are looked at again. Also the back-off
         * while payment-service is away: a retry that gets no answer waits for the next period.
         */
        @WithDefault("5s")
        Duration retryEvery();

        /**
         * How long after an order ended without a payment answer payment-service may still record a late
         * authorization; after that, "no payment found" is taken as final.
         */
        @WithDefault("30s")
        Duration settleAfter();

        /**
         * Orders read per round of the scheduler. Orders awaiting payment are taken round after round while a full round
         * was settled; refunds and late charges of ended orders get one round per period.
         */
        @WithDefault("50")
        int batchSize();

        /** Authorizations the scheduler has in flight at once (each of a different order). */
        @WithDefault("8")
        int concurrency();
    }
}
