package dev.dispatch.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dispatch.notification.model.EventStream;
import dev.dispatch.notification.model.NewNotification;
import dev.dispatch.notification.model.Preferences;
import dev.dispatch.notification.service.EventMapper;
import dev.dispatch.notification.support.CloudEvents;
import dev.dispatch.notification.support.Ids;
import dev.dispatch.platform.cloudevents.ReceivedEvent;
import dev.dispatch.testsupport.contracts.Contracts;
import io.vertx.core.json.JsonObject;

/**
 * The consumer side of the event contracts (contracts/asyncapi.yaml and its schemas), without Quarkus: the test
 * fixtures cover every event type of the three addresses and each conforms to its schema (the fixture builders
 * assert it), the preferences know every order event type (and, for operators, every alert type), and every type the
 * producers send has a sentence of its own.
 */
class ConsumedEventsContractTest {

    static final List<String> ORDER_TYPES = List.of("placed", "paid", "payment-declined", "payment-failed", "dispatched", "delivered",
            "cancelled");

    static List<JsonObject> fixtures(EventStream stream) {
        List<JsonObject> events = new ArrayList<>();
        String order = Ids.order();
        switch (stream) {
            case ORDER_EVENTS -> ORDER_TYPES.forEach(type -> events.add(CloudEvents.order(type, order, "alice")));
            case DELIVERY_EVENTS -> {
                events.add(CloudEvents.delivery("progress", order, "alice", new JsonObject()));
                events.add(CloudEvents.delivery("completed", order, "alice", new JsonObject()));
            }
            case DEVICE_ALERTS -> {
                events.add(CloudEvents.deviceAlert("temperature", "courier-7", new JsonObject().put("orderId", order).put("customerId", "alice")));
                events.add(CloudEvents.deviceAlert("battery", "courier-7", new JsonObject()));
                events.add(CloudEvents.deviceAlert("offline", "courier-7", new JsonObject().put("orderId", order).put("customerId", "alice")));
                events.add(CloudEvents.sensorAlert("temperature", "tag-7", new JsonObject().put("courierDeviceId", "courier-7")
                        .put("orderId", order).put("customerId", "alice")));
                events.add(CloudEvents.sensorAlert("shock", "tag-7", new JsonObject().put("courierDeviceId", "courier-7")));
                events.add(CloudEvents.sensorAlert("battery", "tag-8", new JsonObject()));
            }
        }
        return events;
    }

    @Test
    void theFixturesCoverEveryTypeOfEveryAddressThisServiceConsumes() {
        for (EventStream stream : EventStream.values()) {
            assertThat(fixtures(stream)).extracting(event -> event.getString("type")).as(stream.address())
                    .containsExactlyInAnyOrderElementsOf(Contracts.messageNames(stream.address()));
        }
    }

    @Test
    void theFixturesOfThisServicesTestsConformToTheirSchemas() {
        for (EventStream stream : EventStream.values()) {
            for (JsonObject event : fixtures(stream)) {
                assertThat(Contracts.eventErrors(stream.address(), event.encode())).as(event.getString("type")).isEmpty();
            }
        }
    }

    @Test
    void theContractsCatchAFixtureThatDrifts() {
        JsonObject paid = CloudEvents.order("paid", Ids.order(), "alice");
        paid.getJsonObject("data").put("status", "SHIPPED");
        assertThat(Contracts.eventErrors(CloudEvents.ORDER_EVENTS, paid.encode())).isNotEmpty();
        JsonObject unknown = CloudEvents.envelope("/order-service", "dispatch.order.gift-wrapped", Ids.order(), new JsonObject());
        assertThat(Contracts.eventErrors(CloudEvents.ORDER_EVENTS, unknown.encode())).isNotEmpty();
    }

    @Test
    void thePreferencesKnowEveryOrderEventType() {
        assertThat(Preferences.KNOWN_TYPES).containsExactlyInAnyOrderElementsOf(Contracts.messageNames(EventStream.ORDER_EVENTS.address()));
    }

    @Test
    void theContractsCatchASensorAlertThatDrifts() {
        JsonObject orderWithoutCustomer = CloudEvents.sensorAlert("shock", "tag-7", new JsonObject());
        orderWithoutCustomer.getJsonObject("data").put("orderId", Ids.order());
        assertThat(Contracts.eventErrors(CloudEvents.DEVICE_ALERTS, orderWithoutCustomer.encode())).anyMatch(e -> e.contains("customerId"));
        JsonObject deviceShaped = CloudEvents.sensorAlert("temperature", "tag-7", new JsonObject());
        deviceShaped.getJsonObject("data").put("temperatureC", 9.5);
        assertThat(Contracts.eventErrors(CloudEvents.DEVICE_ALERTS, deviceShaped.encode())).isNotEmpty();
        JsonObject humidity = CloudEvents.envelope("/iot-ingest", "dispatch.sensor.alert.humidity", "tag-7", new JsonObject());
        assertThat(Contracts.eventErrors(CloudEvents.DEVICE_ALERTS, humidity.encode())).isNotEmpty();
    }

    /** A sensor alert is not told as a device alert ("Cargo temperature alert on device tag-7"): it names the sensor as such. */
    @Test
    void sensorAlertsHaveSentencesOfTheirOwn() {
        List<String> texts = new ArrayList<>();
        for (JsonObject event : fixtures(EventStream.DEVICE_ALERTS)) {
            if (event.getString("type").startsWith("dispatch.sensor.")) {
                NewNotification n = EventMapper.toNotification(EventStream.DEVICE_ALERTS,
                        ReceivedEvent.parse(event.encode().getBytes(StandardCharsets.UTF_8)));
                assertThat(n.text()).as(n.type()).containsIgnoringCase("cargo sensor " + event.getString("subject"))
                        .doesNotContain("device " + event.getString("subject"));
                assertThat(n.operatorsOnly()).as(n.type()).isTrue();
                texts.add(n.text());
            }
        }
        assertThat(texts).hasSize(3).doesNotHaveDuplicates();
    }

    /** Alerts reach operators only, so it is their preferences that list every type of device-alerts. */
    @Test
    void thePreferencesOfOperatorsKnowEveryAlertType() {
        assertThat(Preferences.ALERT_TYPES).containsExactlyInAnyOrderElementsOf(Contracts.messageNames(EventStream.DEVICE_ALERTS.address()));
        assertThat(Preferences.ALL_ON.effective(true).keySet())
                .containsAll(Contracts.messageNames(EventStream.DEVICE_ALERTS.address()));
    }

    @Test
    void everyTypeTheProducersSendHasASentenceOfItsOwn() {
        for (EventStream stream : EventStream.values()) {
            for (JsonObject event : fixtures(stream)) {
                NewNotification n = EventMapper.toNotification(stream,
                        ReceivedEvent.parse(event.encode().getBytes(StandardCharsets.UTF_8)));
                assertThat(n.text()).as(n.type())
                        .doesNotContain(": " + n.type().substring(n.type().lastIndexOf('.') + 1))
                        .doesNotStartWith("Delivery update for")
                        .doesNotStartWith("Alert from");
            }
        }
    }
}
