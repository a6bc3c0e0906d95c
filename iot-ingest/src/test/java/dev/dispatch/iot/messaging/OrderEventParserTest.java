package dev.dispatch.iot.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.dispatch.iot.model.InvalidOrderEvent;
import dev.dispatch.iot.model.OrderEvent;
import dev.dispatch.iot.support.OrderEvents;
import io.vertx.core.json.JsonObject;

/** order-service's CloudEvents as iot-ingest reads them; anything it cannot read is an InvalidOrderEvent (for the DLQ). */
class OrderEventParserTest {

    private final String orderId = UUID.randomUUID().toString();

    @Test
    void aDispatchedEventNamesTheDeviceCustomerDestinationAndLimit() {
        JsonObject dispatched = OrderEvents.dispatched(orderId, "alice", "courier-1", 52.5321, 13.3849, 8.0);

        OrderEvent event = parse(dispatched);

        assertThat(event).isEqualTo(new OrderEvent(dispatched.getString("id"), "/order-service", OrderEvent.DISPATCHED,
                UUID.fromString(orderId), "alice", "courier-1", 52.5321, 13.3849, 8.0));
    }

    @Test
    void aDispatchWithoutATemperatureLimitHasNone() {
        assertThat(parse(OrderEvents.dispatched(orderId, "alice", "courier-1", 52.5, 13.4, null)).maxCargoTemperatureC()).isNull();
        JsonObject nullLimit = OrderEvents.dispatched(orderId, "alice", "courier-1", 52.5, 13.4, null);
        nullLimit.getJsonObject("data").putNull("maxCargoTemperatureC");
        assertThat(parse(nullLimit).maxCargoTemperatureC()).isNull();
    }

    @Test
    void otherTypesNeedOnlyTheOrder() {
        JsonObject cancelled = OrderEvents.of("dispatch.order.cancelled", orderId, "carol", "CANCELLED");

        assertThat(parse(cancelled)).isEqualTo(new OrderEvent(cancelled.getString("id"), "/order-service", OrderEvent.CANCELLED,
                UUID.fromString(orderId), null, null, null, null, null));
        JsonObject unknown = OrderEvents.of("dispatch.order.paid", orderId, "carol", "PAID").put("type", "dispatch.order.gift-wrapped");
        assertThat(parse(unknown).type()).as("a type of a later contract version").isEqualTo("dispatch.order.gift-wrapped");
    }

    @Test
    void aBodyThatIsNotACloudEventIsInvalid() {
        assertInvalid("{not json".getBytes(StandardCharsets.UTF_8));
        assertInvalid("[]".getBytes(StandardCharsets.UTF_8));
        assertInvalid(new byte[0]);
        assertInvalid(event(e -> e.put("specversion", "0.3")));
        assertInvalid(event(e -> e.remove("specversion")));
        assertInvalid(event(e -> e.remove("id")));
        assertInvalid(event(e -> e.put("id", "")));
        assertInvalid(event(e -> e.remove("source")));
        // order-events has one producer: an event claiming another source is forged or misrouted.
        assertInvalid(event(e -> e.put("source", "/iot-ingest")));
        assertInvalid(event(e -> e.put("source", "/attacker")));
        assertInvalid(event(e -> e.remove("type")));
        assertInvalid(event(e -> e.put("type", 7)));
        assertInvalid(event(e -> e.put("time", "yesterday")));
    }

    @Test
    void anEventWithoutItsOrderIsInvalid() {
        assertInvalid(event(e -> e.remove("data")));
        assertInvalid(event(e -> e.put("data", "an order")));
        assertInvalid(event(e -> e.getJsonObject("data").remove("orderId")));
        assertInvalid(event(e -> e.getJsonObject("data").put("orderId", "order-1")));
        assertInvalid(event(e -> e.getJsonObject("data").put("orderId", 42)));
    }

    @Test
    void aDispatchWithoutAUsableDeviceCustomerOrDestinationIsInvalid() {
        assertInvalid(event(e -> e.getJsonObject("data").remove("deviceId")));
        assertInvalid(event(e -> e.getJsonObject("data").put("deviceId", "bad id")));
        assertInvalid(event(e -> e.getJsonObject("data").remove("customerId")));
        assertInvalid(event(e -> e.getJsonObject("data").remove("deliveryAddress")));
        assertInvalid(event(e -> e.getJsonObject("data").getJsonObject("deliveryAddress").put("latitude", 123.0)));
        assertInvalid(event(e -> e.getJsonObject("data").getJsonObject("deliveryAddress").put("longitude", -181)));
        assertInvalid(event(e -> e.getJsonObject("data").getJsonObject("deliveryAddress").put("latitude", "52.5")));
        assertInvalid(event(e -> e.getJsonObject("data").getJsonObject("deliveryAddress").remove("longitude")));
        assertInvalid(event(e -> e.getJsonObject("data").put("maxCargoTemperatureC", "cold")));
    }

    private byte[] event(Consumer<JsonObject> change) {
        JsonObject event = OrderEvents.dispatched(orderId, "dave", "courier-1", 52.5, 13.4, 8.0);
        change.accept(event);
        return event.toBuffer().getBytes();
    }

    private static OrderEvent parse(JsonObject event) {
        return OrderEventParser.parse(event.toBuffer().getBytes());
    }

    private static void assertInvalid(byte[] body) {
        assertThatThrownBy(() -> OrderEventParser.parse(body)).as(new String(body, StandardCharsets.UTF_8)).isInstanceOf(InvalidOrderEvent.class);
    }
}
