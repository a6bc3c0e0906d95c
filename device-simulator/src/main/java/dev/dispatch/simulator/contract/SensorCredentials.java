package dev.dispatch.simulator.contract;

/**
 * What provisioning a sensor gives it (the gateway's {@code POST /api/sensors} answers it once): its id, the DTLS PSK
 * identity (the id) and the key, printable ASCII used as its bytes, as libcoap's {@code coap-client -k} takes it.
 *
 * @param courierDeviceId the courier whose cargo box it rides in, or empty
 */
public record SensorCredentials(String sensorId, String pskIdentity, String pskKey, String courierDeviceId) {

    public SensorCredentials {
        CoapContract.requireValidSensorId(sensorId);
        if (pskIdentity == null || pskIdentity.isEmpty() || pskKey == null || pskKey.isEmpty()) {
            throw new IllegalArgumentException("sensor " + sensorId + ": a PSK identity and key are required");
        }
        courierDeviceId = courierDeviceId == null ? "" : courierDeviceId;
    }

    /** Never the key: this ends up in logs. */
    @Override
    public String toString() {
        return "SensorCredentials[" + sensorId + ", identity " + pskIdentity + ", key ***]";
    }
}
