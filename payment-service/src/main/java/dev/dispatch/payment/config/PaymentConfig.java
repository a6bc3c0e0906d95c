package dev.dispatch.payment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "dispatch.payment")
public interface PaymentConfig {

    /** Any authorization above this many minor units is declined (AMOUNT_LIMIT_EXCEEDED). */
    @WithDefault("1000000")
    long amountLimitMinor();
}
