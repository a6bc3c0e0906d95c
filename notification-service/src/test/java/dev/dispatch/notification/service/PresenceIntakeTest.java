package dev.dispatch.notification.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.dispatch.notification.model.CourierPresence;
import dev.dispatch.notification.support.CloudEvents;
import dev.dispatch.notification.support.Ids;
import dev.dispatch.platform.cloudevents.InvalidEvent;
import dev.dispatch.platform.cloudevents.ReceivedEvent;
import dev.dispatch.testsupport.contracts.Contracts;
import io.vertx.core.json.JsonObject;

/** The consumer side of contracts/events/courier-presence.v1.json: what the contract allows is read, what it forbids is refused. */
class PresenceIntakeTest {

    private static final Instant SINCE = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void readsEachPresenceTheContractAllows() {
        String order = Ids.order();
        assertThat(read(CloudEvents.presence("courier-1", "available", null, SINCE)))
                .isEqualTo(new CourierPresence("courier-1", CourierPresence.State.AVAILABLE, java.util.Optional.empty(), SINCE));
        CourierPresence away = read(CloudEvents.presence("courier-1", "away", order, SINCE));
        assertThat(away.state()).isEqualTo(CourierPresence.State.AWAY);
        assertThat(away.status()).hasValue("delivering order " + order);
        assertThat(read(CloudEvents.presence("courier-1", "offline", null, SINCE)).state()).isEqualTo(CourierPresence.State.OFFLINE);
        assertThat(Contracts.messageNames(CloudEvents.COURIER_PRESENCE)).containsExactly(PresenceIntake.TYPE);
    }

    @Test
    void refusesWhatTheContractForbids() {
        JsonObject good = CloudEvents.presence("courier-1", "away", Ids.order(), SINCE);
        refused(good.copy().put("type", "dispatch.courier.presence.guessed"), "type");
        refused(withData(good, d -> d.put("presence", "busy")), "presence");
        refused(withData(good, d -> d.remove("orderId")), "orderId");
        refused(withData(good, d -> d.put("orderId", "not-a-uuid")), "UUID");
        refused(withData(good, d -> d.put("deviceId", "bad id/with slash")), "deviceId");
        refused(withData(good, d -> d.put("since", "yesterday")), "since");
        refused(withData(good, d -> d.remove("since")), "since");
        // Stricter than the schema (which only describes it): the subject is the device, or the event is not trusted.
        assertThatThrownBy(() -> read(good.copy().put("subject", "courier-2"))).isInstanceOf(InvalidEvent.class).hasMessageContaining("subject");
        refused(good.copy().putNull("data"), "data");
        JsonObject availableWithOrder = withData(CloudEvents.presence("courier-1", "available", null, SINCE), d -> d.put("orderId", Ids.order()));
        refused(availableWithOrder, "orderId");
    }

    private static CourierPresence read(JsonObject event) {
        return PresenceIntake.presence(ReceivedEvent.parse(event.encode().getBytes()));
    }

    private static void refused(JsonObject event, String reason) {
        assertThat(Contracts.eventErrors(CloudEvents.COURIER_PRESENCE, event.encode())).as("the contract refuses it too").isNotEmpty();
        assertThatThrownBy(() -> read(event)).isInstanceOf(InvalidEvent.class).hasMessageContaining(reason);
    }

    private static JsonObject withData(JsonObject event, java.util.function.Consumer<JsonObject> change) {
        JsonObject copy = event.copy();
        change.accept(copy.getJsonObject("data"));
        return copy;
    }
}
