package dev.dispatch.platform.cloudevents;

import java.nio.charset.StandardCharsets;

/**
 * The body of an AMQP message as bytes. The connector hands a data section over as bytes (with
 * {@code cloud-events=false}); a body sent as an AMQP value arrives as a String, a Buffer or a JsonObject and is
 * taken as its JSON text. Anything else is not a structured CloudEvent.
 */
public final class AmqpBodies {

    private AmqpBodies() {
    }

    public static byte[] bytes(Object payload) {
        if (payload instanceof byte[] bytes) {
            return bytes;
        }
        if (payload instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (payload instanceof io.vertx.core.buffer.Buffer buffer) {
            return buffer.getBytes();
        }
        if (payload instanceof io.vertx.mutiny.core.buffer.Buffer buffer) {
            return buffer.getBytes();
        }
        if (payload instanceof io.vertx.core.json.JsonObject json) {
            return json.encode().getBytes(StandardCharsets.UTF_8);
        }
        throw new InvalidEvent("the body is not a structured CloudEvent but " + (payload == null ? "empty" : payload.getClass().getSimpleName()));
    }
}
