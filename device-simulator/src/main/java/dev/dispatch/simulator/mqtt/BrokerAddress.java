package dev.dispatch.simulator.mqtt;

import java.util.Map;

/** Where the broker's MQTT acceptor listens and who the devices log in as. */
public record BrokerAddress(String host, int port, String user, String password) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 1884;
    public static final String DEFAULT_USER = "dispatch";
    public static final String DEFAULT_PASSWORD = "dispatch";

    public BrokerAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("broker host is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("broker port must be from 1 to 65535, was " + port);
        }
    }

    /** From {@code DISPATCH_BROKER_HOST}, {@code _MQTT_PORT}, {@code _USER}, {@code _PASSWORD}, as the rest of the system reads them. */
    public static BrokerAddress fromEnvironment(Map<String, String> env) {
        return new BrokerAddress(
                env.getOrDefault("DISPATCH_BROKER_HOST", DEFAULT_HOST),
                Integer.parseInt(env.getOrDefault("DISPATCH_BROKER_MQTT_PORT", String.valueOf(DEFAULT_PORT))),
                env.getOrDefault("DISPATCH_BROKER_USER", DEFAULT_USER),
                env.getOrDefault("DISPATCH_BROKER_PASSWORD", DEFAULT_PASSWORD));
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
