package dev.dispatch.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.dispatch.notification.model.EventStream;
import dev.dispatch.notification.model.NewNotification;
import dev.dispatch.platform.cloudevents.ReceivedEvent;

/** Which order, customer and device an event names, per stream, and what of it a notification keeps. */
class EventMapperTest {

    static ReceivedEvent event(String type, String subject, String data) {
        String json = "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/test\",\"type\":\"" + type + "\""
                + (subject == null ? "" : ",\"subject\":\"" + subject + "\"")
                + ",\"time\":\"2026-01-01T12:00:00Z\""
                + (data == null ? "" : ",\"data\":" + data) + "}";
        return ReceivedEvent.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anOrderEventNamesItsOrderInTheDataOrTheSubjectAndItsCustomerInTheData() {
        NewNotification n = EventMapper.toNotification(EventStream.ORDER_EVENTS,
                event("dispatch.order.paid", "order-from-subject", "{\"orderId\":\"order-from-data\",\"customerId\":\"alice\"}"));
        assertThat(n.eventId()).isEqualTo("e-1");
        assertThat(n.source()).isEqualTo("/test");
        assertThat(n.type()).isEqualTo("dispatch.order.paid");
        assertThat(n.orderId()).isEqualTo("order-from-data");
        assertThat(n.customerId()).isEqualTo("alice");
        assertThat(n.operatorsOnly()).isFalse();
        assertThat(n.time()).isEqualTo(Instant.parse("2026-01-01T12:00:00Z"));
        assertThat(n.text()).isEqualTo("Payment received for order order-fr.");
        assertThat(n.dataJson()).isEqualTo("{\"orderId\":\"order-from-data\",\"customerId\":\"alice\"}");

        NewNotification bySubject = EventMapper.toNotification(EventStream.ORDER_EVENTS, event("dispatch.order.paid", "o-9", "{}"));
        assertThat(bySubject.orderId()).isEqualTo("o-9");
        assertThat(bySubject.customerId()).as("the owner is looked up when storing").isNull();
    }

    @Test
    void aDeliveryEventNamingOnlyTheOrderHasNoCustomerYet() {
        NewNotification n = EventMapper.toNotification(EventStream.DELIVERY_EVENTS,
                event("dispatch.delivery.progress", "o-2", "{\"distanceMeters\":850}"));
        assertThat(n.orderId()).isEqualTo("o-2");
        assertThat(n.customerId()).isNull();
        assertThat(n.operatorsOnly()).isFalse();
        assertThat(n.text()).isEqualTo("Your courier is 850 m from the destination of order o-2.");
    }

    @Test
    void aDeviceAlertNamesTheDeviceInTheSubjectAndIsForOperatorsOnly() {
        NewNotification n = EventMapper.toNotification(EventStream.DEVICE_ALERTS,
                event("dispatch.device.battery-low", "truck-1", "{\"orderId\":\"o-3\",\"customerId\":\"alice\"}"));
        assertThat(n.orderId()).as("only the data names an order: the subject is the device").isEqualTo("o-3");
        assertThat(n.customerId()).isEqualTo("alice");
        assertThat(n.operatorsOnly()).isTrue();
        assertThat(n.text()).isEqualTo("Battery low on device truck-1 (order o-3).");

        NewNotification noOrder = EventMapper.toNotification(EventStream.DEVICE_ALERTS,
                event("dispatch.device.offline", "truck-1", "{\"deviceId\":\"truck-2\"}"));
        assertThat(noOrder.orderId()).isNull();
        assertThat(noOrder.text()).as("the data's deviceId comes first").isEqualTo("Device truck-2 went offline.");
    }

    @Test
    void aSensorAlertNamesTheSensorInTheSubjectTheOrderInTheDataAndIsForOperatorsOnly() {
        NewNotification n = EventMapper.toNotification(EventStream.DEVICE_ALERTS,
                event("dispatch.sensor.alert.temperature", "tag-1", "{\"schemaVersion\":1,\"sensorId\":\"tag-1\",\"courierDeviceId\":\"courier-1\","
                        + "\"orderId\":\"o-5\",\"customerId\":\"alice\",\"value\":9.5,\"limit\":8.0,\"readingTime\":\"2026-12-02T10:15:30Z\"}"));
        assertThat(n.orderId()).isEqualTo("o-5");
        assertThat(n.customerId()).isEqualTo("alice");
        assertThat(n.operatorsOnly()).isTrue();
        assertThat(n.type()).isEqualTo("dispatch.sensor.alert.temperature");
        assertThat(n.text()).isEqualTo("Cargo sensor tag-1 on courier-1 reads 9.5 °C, above the 8.0 °C limit (order o-5).");

        NewNotification unbound = EventMapper.toNotification(EventStream.DEVICE_ALERTS,
                event("dispatch.sensor.alert.battery", "tag-2", "{\"sensorId\":\"tag-2\",\"value\":14.5,\"limit\":15.0}"));
        assertThat(unbound.orderId()).isNull();
        assertThat(unbound.customerId()).isNull();
        assertThat(unbound.text()).isEqualTo("Battery low on cargo sensor tag-2: 14.5 %, below 15.0 %.");
    }

    @Test
    void anOrderEventMayNameItsCourier() {
        NewNotification n = EventMapper.toNotification(EventStream.ORDER_EVENTS,
                event("dispatch.order.dispatched", "o-4", "{\"deviceId\":\"courier-7\"}"));
        assertThat(n.text()).isEqualTo("Order o-4 is on its way with courier courier-7.");
    }

    @Test
    void anEventWithoutDataOrSubjectStillBecomesANotification() {
        NewNotification n = EventMapper.toNotification(EventStream.ORDER_EVENTS, event("dispatch.order.delivered", null, null));
        assertThat(n.orderId()).isNull();
        assertThat(n.customerId()).isNull();
        assertThat(n.dataJson()).isNull();
        assertThat(n.text()).isEqualTo("Order ? was delivered.");

        NewNotification blank = EventMapper.toNotification(EventStream.ORDER_EVENTS,
                event("dispatch.order.delivered", "o-5", "{\"orderId\":\" \",\"customerId\":42}"));
        assertThat(blank.orderId()).as("a blank orderId is no orderId").isEqualTo("o-5");
        assertThat(blank.customerId()).as("a number is taken as its text").isEqualTo("42");
    }
}
