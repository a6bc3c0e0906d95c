package dev.dispatch.platform.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

class AmqpBodiesTest {

    @Test
    void takesEveryBodyTheConnectorHandsOverAsItsBytes() {
        byte[] json = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(AmqpBodies.bytes(json)).isSameAs(json);
        assertThat(AmqpBodies.bytes("{\"a\":1}")).isEqualTo(json);
        assertThat(AmqpBodies.bytes(Buffer.buffer(json))).isEqualTo(json);
        assertThat(AmqpBodies.bytes(io.vertx.mutiny.core.buffer.Buffer.buffer(json))).isEqualTo(json);
        assertThat(AmqpBodies.bytes(new JsonObject().put("a", 1))).isEqualTo(json);
    }

    @Test
    void refusesOtherBodiesNamingWhatTheyWere() {
        assertThatThrownBy(() -> AmqpBodies.bytes(null)).isInstanceOf(InvalidEvent.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> AmqpBodies.bytes(List.of(1))).isInstanceOf(InvalidEvent.class).hasMessageContaining("List");
    }
}
