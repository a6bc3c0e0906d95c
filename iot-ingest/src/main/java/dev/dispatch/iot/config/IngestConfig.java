package dev.dispatch.iot.config;

import java.time.Duration;
import java.util.Optional;

import dev.dispatch.platform.outbox.OutboxSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** iot-ingest's own settings ({@code dispatch.iot.*}); the relay's timer period is read by name in @Scheduled. */
@ConfigMapping(prefix = "dispatch.iot")
public interface IngestConfig {

    Mqtt mqtt();

    Batch batch();

    Telemetry telemetry();

    Progress progress();

    Alerts alerts();

    /** The CoAP server of the cargo sensors ({@code dispatch.iot.coap.*}). */
    Coap coap();

    /** The broker's questions about device logins ({@code dispatch.iot.broker-auth.*}). */
    BrokerAuth brokerAuth();

    /** The relay of delivery events and alerts ({@code dispatch.iot.outbox.*}; the lock key is set in application.properties). */
    OutboxSettings outbox();

    interface Mqtt {

        String host();

        int port();

        Optional<String> username();

        Optional<String> password();

        /**
         * This replica's own MQTT client id: unique per replica (a second connection with the same id takes the
         * session over) and stable across its restarts (its persistent session is found again). Set per replica with
         * DISPATCH_IOT_MQTT_CLIENT_ID; the default is iot-ingest-{HOSTNAME} (application.properties).
         */
        String clientId();

        /**
         * The shared subscription group of all replicas: the broker gives each device message to one connected member
         * ($share/{group}/devices/#), and keeps them in the group's queue {group}.devices.# while none is connected.
         */
        @WithDefault("iot-ingest")
        String shareGroup();

        @WithDefault("2s")
        Duration reconnectEvery();

        @WithDefault("30")
        int keepAliveSeconds();

        /** Larger payloads are rejected (reason oversized) without being parsed. */
        @WithDefault("4096")
        int maxPayloadBytes();

        /** The largest MQTT packet the link decodes at all; anything between max-payload-bytes and this is rejected as oversized. */
        @WithDefault("1048576")
        int maxMessageBytes();
    }

    interface Batch {

        @WithDefault("500")
        int maxSize();

        @WithDefault("100ms")
        Duration flushEvery();

        /** Entries accepted but not yet committed; when full, the MQTT link stops reading until half drained. */
        @WithDefault("5000")
        int capacity();

        /** Wait before a batch whose commit failed is tried again (it is never dropped). */
        @WithDefault("1s")
        Duration retryEvery();
    }

    interface Telemetry {

        @WithDefault("5m")
        Duration maxClockSkew();
    }

    interface Progress {

        @WithDefault("5s")
        Duration every();
    }

    interface Alerts {

        @WithDefault("3")
        int temperatureToleratedReadings();

        @WithDefault("15")
        double batteryLowPercent();

        @WithDefault("5")
        double batteryHysteresisPercent();
    }

    interface BrokerAuth {

        /**
         * The bearer token the broker sends with every {@code POST /internal/broker/device-logins} (env
         * DISPATCH_IOT_BROKER_AUTH_TOKEN); the default is for local runs and tests only.
         */
        @WithDefault("dispatch-broker-auth")
        String token();
    }

    interface Coap {

        /** The address both endpoints bind. */
        @WithDefault("0.0.0.0")
        String host();

        /** Plain coap (UDP), only when {@link #plainEnabled()}; 0 = an ephemeral port (tests). */
        @WithDefault("5683")
        int port();

        /** coaps (DTLS 1.2, pre-shared keys); 0 = an ephemeral port (tests). */
        @WithDefault("5684")
        int securePort();

        /** Whether the unauthenticated plain endpoint is open at all (the local demo and tests; never in Kubernetes). */
        @WithDefault("false")
        boolean plainEnabled();

        /**
         * The AES-256 key (base64 of 32 bytes) under which the sensors' pre-shared keys are stored. Required in the prod
         * profile; dev and test fall back to a derived key, with a warning.
         */
        Optional<String> credentialKey();

        /** The largest request body, reassembled from its blocks (RFC 7959); larger is 4.13. */
        @WithDefault("16384")
        int maxBodyBytes();

        /** At most this many readings in one request (an array). */
        @WithDefault("100")
        int maxBatchReadings();

        /** A reading's time may be this far back (buffered readings), and telemetry.max-clock-skew ahead. */
        @WithDefault("24h")
        Duration maxReadingAge();

        /** Requests per sensor allowed within {@link #rateWindow()}; more are 4.29 Too Many Requests. */
        @WithDefault("20")
        int rateLimit();

        @WithDefault("10s")
        Duration rateWindow();

        /** Max-Age of a 5.03 (the database cannot be reached, or too much waits to be stored). */
        @WithDefault("5")
        int retryAfterSeconds();
    }
}
