package dev.dispatch.iot.support;

import dev.dispatch.testsupport.internal.InternalCallers;

/** DeviceService and SensorService serve operators only: the tests call them as one, with the gateway's token. */
public final class Operator {

    /** iot-ingest's name, the audience of the tokens it accepts. */
    public static final String AUDIENCE = "iot-ingest";

    private Operator() {
    }

    /** The injected gRPC client, sending an operator's token with every call. */
    public static <T> T calling(T client) {
        return InternalCallers.as(client, InternalCallers.operator("operator-1", AUDIENCE));
    }
}
