package dev.dispatch.order.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.dispatch.order.support.DeliveryEvents;
import dev.dispatch.platform.cloudevents.InvalidEvent;
import dev.dispatch.testsupport.contracts.Contracts;
import io.vertx.core.json.JsonObject;

/** Reading delivery events, without a broker: what a completion names, and every body that is refused. */
class DeliveryEventTest {

    private static final String ORDER = UUID.randomUUID().toString();

    @Test
    void theFixturesAreRealDeliveryEventsByTheContract() {
        Contracts.assertValidEvent("delivery-events", DeliveryEvents.completed(UUID.randomUUID().toString(), ORDER, "courier-1").encode());
        Contracts.assertValidEvent("delivery-events", DeliveryEvents.progress(ORDER, "courier-1").encode());
        assertThat(Contracts.messageNames("delivery-events")).contains(DeliveryEvent.COMPLETED);
    }

    @Test
    void aCompletionNamesTheEventTheOrderAndTheDevice() {
        String id = UUID.randomUUID().toString();

        DeliveryEvent event = parse(DeliveryEvents.completed(id, ORDER, "courier-1"));

        assertThat(event).isEqualTo(new DeliveryEvent("/iot-ingest", id, DeliveryEvent.COMPLETED, UUID.fromString(ORDER), "courier-1"));
        assertThat(event.isCompletion()).isTrue();
    }

    @Test
    void withoutAnOrderIdInTheDataTheSubjectNamesTheOrder() {
        JsonObject event = DeliveryEvents.completed(UUID.randomUUID().toString(), ORDER, "courier-1");
        event.getJsonObject("data").remove("orderId");

        assertThat(parse(event).orderId()).isEqualTo(UUID.fromString(ORDER));
    }

    @Test
    void otherTypesNeedNoOrderNorDevice() {
        DeliveryEvent progress = parse(DeliveryEvents.progress("not even a uuid", "courier-1"));
        DeliveryEvent unknown = parse(DeliveryEvents.envelope("e-1", "dispatch.delivery.rerouted", null, null));

        assertThat(progress.isCompletion()).isFalse();
        assertThat(progress.orderId()).isNull();
        assertThat(unknown.type()).isEqualTo("dispatch.delivery.rerouted");
        assertThat(unknown.isCompletion()).isFalse();
    }

    @Test
    void aBodyThatIsNoCloudEventIsInvalid() {
        JsonObject good = DeliveryEvents.completed(UUID.randomUUID().toString(), ORDER, "courier-1");
        assertInvalid("{not json");
        assertInvalid("[1, 2]");
        assertInvalid("\"text\"");
        assertInvalid(good.copy().put("specversion", "0.3").encode());
        assertInvalid(without(good, "id").encode());
        assertInvalid(without(good, "source").encode());
        assertInvalid(without(good, "type").encode());
        assertInvalid(good.copy().put("id", 42).encode());
        assertInvalid(good.copy().put("time", "yesterday").encode());
    }

    @Test
    void anEventFromAnotherSourceThanIotIngestIsInvalid() {
        JsonObject forged = DeliveryEvents.completed(UUID.randomUUID().toString(), ORDER, "courier-1").put("source", "/device-simulator");

        assertThatThrownBy(() -> parse(forged)).isInstanceOf(InvalidEvent.class).hasMessageContaining("/device-simulator")
                .hasMessageContaining("/iot-ingest");
        assertInvalid(DeliveryEvents.progress(ORDER, "courier-1").put("source", "/iot-ingest/").encode());
    }

    @Test
    void aCompletionWithoutAUsableOrderOrDeviceIsInvalid() {
        String id = UUID.randomUUID().toString();
        assertInvalid(DeliveryEvents.completed(id, "not-a-uuid", "courier-1").encode());
        JsonObject noDevice = DeliveryEvents.completed(id, ORDER, "courier-1");
        noDevice.getJsonObject("data").remove("deviceId");
        assertInvalid(noDevice.encode());
        JsonObject numericDevice = DeliveryEvents.completed(id, ORDER, "courier-1");
        numericDevice.getJsonObject("data").put("deviceId", 7);
        assertInvalid(numericDevice.encode());
        assertInvalid(DeliveryEvents.envelope(id, DeliveryEvent.COMPLETED, ORDER, null).encode());
        JsonObject noOrderAtAll = DeliveryEvents.completed(id, ORDER, "courier-1");
        noOrderAtAll.getJsonObject("data").remove("orderId");
        noOrderAtAll.remove("subject");
        assertInvalid(noOrderAtAll.encode());
    }

    private static DeliveryEvent parse(JsonObject event) {
        return DeliveryEvent.parse(event.encode().getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject without(JsonObject event, String attribute) {
        JsonObject copy = event.copy();
        copy.remove(attribute);
        return copy;
    }

    private static void assertInvalid(String body) {
        assertThatThrownBy(() -> DeliveryEvent.parse(body.getBytes(StandardCharsets.UTF_8))).as(body).isInstanceOf(InvalidEvent.class);
    }
}
