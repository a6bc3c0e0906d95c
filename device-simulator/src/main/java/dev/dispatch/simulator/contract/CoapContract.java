package dev.dispatch.simulator.contract;

/**
 * The sensor side of the CoAP contract: the resources a cargo sensor talks to, the content formats and the limits
 * its payloads keep. The normative contract is contracts/asyncapi.yaml (channels {@code sensors/{sensorId}/readings}
 * and {@code sensors/{sensorId}/config}) with the schemas in contracts/coap; this client-side copy is checked against
 * them by the tests (CoapContractConformanceTest).
 */
public final class CoapContract {

    /** Content-Format {@code application/json}. */
    public static final int JSON = 50;
    /** Content-Format {@code application/cbor}: a CBOR map with the JSON field names. */
    public static final int CBOR = 60;

    /** A batch of buffered readings holds at most this many. */
    public static final int MAX_BATCH = 100;
    /** The largest body iot-ingest accepts (4.13 above). */
    public static final int MAX_BODY_BYTES = 16 * 1024;
    /** iot-ingest refuses a reading taken longer ago than this (4.00). */
    public static final java.time.Duration MAX_READING_AGE = java.time.Duration.ofHours(24);

    /** The configuration a sensor may be given (contracts/coap/config.json). */
    public static final int MIN_REPORT_INTERVAL_SECONDS = 5;
    public static final int MAX_REPORT_INTERVAL_SECONDS = 86_400;

    /** The measurement ranges (contracts/coap/reading.json). */
    public static final double MIN_TEMPERATURE_C = -40;
    public static final double MAX_TEMPERATURE_C = 85;
    public static final double MAX_SHOCK_G = 200;

    /** More requests of one sensor than this within {@link #RATE_WINDOW_SECONDS} are answered 4.29. */
    public static final int RATE_LIMIT_REQUESTS = 20;
    public static final int RATE_WINDOW_SECONDS = 10;

    public static final String SCHEME = "coap";
    public static final String SECURE_SCHEME = "coaps";

    private CoapContract() {
    }

    /** A sensor id follows the device-id rule (1-64 of {@code A-Za-z0-9._:-}); it is also the DTLS PSK identity. */
    public static boolean isValidSensorId(String sensorId) {
        return TopicContract.isValidDeviceId(sensorId);
    }

    /** @throws IllegalArgumentException with the rule, for an id the contract does not allow */
    public static String requireValidSensorId(String sensorId) {
        if (!isValidSensorId(sensorId)) {
            throw new IllegalArgumentException("sensor id '" + sensorId
                    + "' must be 1 to 64 letters, digits, '.', '_', ':' or '-'");
        }
        return sensorId;
    }

    /** {@code sensors/{id}/readings}: POST one reading or an array of 1..{@value #MAX_BATCH}. */
    public static String readingsPath(String sensorId) {
        return "sensors/" + sensorId + "/readings";
    }

    /** {@code sensors/{id}/config}: GET, observable. */
    public static String configPath(String sensorId) {
        return "sensors/" + sensorId + "/config";
    }

    public static String formatName(int contentFormat) {
        return switch (contentFormat) {
            case JSON -> "JSON";
            case CBOR -> "CBOR";
            default -> "content format " + contentFormat;
        };
    }
}
