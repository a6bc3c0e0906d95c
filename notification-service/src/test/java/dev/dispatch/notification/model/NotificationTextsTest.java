package dev.dispatch.notification.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The human texts: one sentence per known type, a generic one per stream for any other, and odd data tolerated. */
class NotificationTextsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ORDER = "3f2a9c1e-7b4d-4c1a-9e2f-0a1b2c3d4e5f";

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    static String order(String type, String data) throws Exception {
        return NotificationTexts.describe(EventStream.ORDER_EVENTS, type, data == null ? null : json(data), ORDER, null);
    }

    @Test
    void knownOrderEventsHaveTheirOwnSentenceWithTheShortOrderIdAndTotal() throws Exception {
        String total = "{\"total\":{\"amountMinor\":2800,\"currency\":\"EUR\"}}";
        assertThat(order("dispatch.order.placed", total)).isEqualTo("Your order 3f2a9c1e was placed (28.00 EUR).");
        assertThat(order("dispatch.order.paid", total)).isEqualTo("Payment received for order 3f2a9c1e (28.00 EUR).");
        assertThat(order("dispatch.order.delivered", null)).isEqualTo("Order 3f2a9c1e was delivered.");
        assertThat(order("dispatch.order.cancelled", "{}")).isEqualTo("Order 3f2a9c1e was cancelled.");
    }

    @Test
    void theTotalFollowsTheCurrencysDecimalsAndIsLeftOutWhenItIsNotATotal() throws Exception {
        assertThat(order("dispatch.order.paid", "{\"total\":{\"amountMinor\":2800,\"currency\":\"JPY\"}}"))
                .isEqualTo("Payment received for order 3f2a9c1e (2800 JPY).");
        assertThat(order("dispatch.order.paid", "{\"total\":{\"amountMinor\":2805,\"currency\":\"XYZ\"}}"))
                .as("an unknown currency gets two decimals").isEqualTo("Payment received for order 3f2a9c1e (28.05 XYZ).");
        assertThat(order("dispatch.order.paid", "{\"total\":{\"amountMinor\":\"2800\",\"currency\":\"EUR\"}}"))
                .isEqualTo("Payment received for order 3f2a9c1e.");
        assertThat(order("dispatch.order.paid", "{\"total\":{\"amountMinor\":2800}}")).isEqualTo("Payment received for order 3f2a9c1e.");
        assertThat(order("dispatch.order.paid", "{\"total\":\"28 EUR\"}")).isEqualTo("Payment received for order 3f2a9c1e.");
        assertThat(order("dispatch.order.paid", null)).isEqualTo("Payment received for order 3f2a9c1e.");
    }

    @Test
    void aReasonComesFromStatusReasonOrThePaymentWithUnderscoresAsSpaces() throws Exception {
        assertThat(order("dispatch.order.payment-declined", "{\"statusReason\":\"card_declined\"}"))
                .isEqualTo("Payment for order 3f2a9c1e was declined: card declined.");
        assertThat(order("dispatch.order.payment-failed", "{\"payment\":{\"reason\":\"provider_unavailable\"}}"))
                .isEqualTo("Payment for order 3f2a9c1e could not be completed: provider unavailable.");
        assertThat(order("dispatch.order.cancelled", "{\"statusReason\":\" \",\"payment\":{\"reason\":42}}"))
                .as("a blank status reason and a payment reason that is not text are no reason")
                .isEqualTo("Order 3f2a9c1e was cancelled.");
    }

    @Test
    void aDispatchedOrderNamesItsCourierWhenKnown() {
        assertThat(NotificationTexts.describe(EventStream.ORDER_EVENTS, "dispatch.order.dispatched", null, ORDER, "courier-7"))
                .isEqualTo("Order 3f2a9c1e is on its way with courier courier-7.");
        assertThat(NotificationTexts.describe(EventStream.ORDER_EVENTS, "dispatch.order.dispatched", null, ORDER, null))
                .isEqualTo("Order 3f2a9c1e is on its way.");
    }

    @Test
    void anUnknownOrderEventIsNamedByTheLastSegmentOfItsType() throws Exception {
        assertThat(order("dispatch.order.gift-wrapped", "{}")).isEqualTo("Order 3f2a9c1e: gift wrapped.");
        assertThat(order("dispatch.order.re_routed", null)).isEqualTo("Order 3f2a9c1e: re routed.");
        assertThat(order("dispatch", null)).as("a type without dots").isEqualTo("Order 3f2a9c1e: dispatch.");
    }

    @Test
    void withoutAnOrderIdTheOrderIsAQuestionMarkAndAShortIdIsKeptWhole() {
        assertThat(NotificationTexts.describe(EventStream.ORDER_EVENTS, "dispatch.order.delivered", null, null, null))
                .isEqualTo("Order ? was delivered.");
        assertThat(NotificationTexts.describe(EventStream.ORDER_EVENTS, "dispatch.order.delivered", null, "o-1", null))
                .isEqualTo("Order o-1 was delivered.");
    }

    @Test
    void deliveryEventsSayHowFarTheCourierIs() throws Exception {
        assertThat(delivery("dispatch.delivery.progress", "{\"distanceMeters\":850}"))
                .isEqualTo("Your courier is 850 m from the destination of order 3f2a9c1e.");
        assertThat(delivery("dispatch.delivery.progress", "{\"distanceToDestinationMeters\":12345.6}"))
                .isEqualTo("Your courier is 12.3 km from the destination of order 3f2a9c1e.");
        assertThat(delivery("dispatch.delivery.progress", "{\"remainingMeters\":1000}"))
                .isEqualTo("Your courier is 1.0 km from the destination of order 3f2a9c1e.");
        assertThat(delivery("dispatch.delivery.progress", "{\"distanceMeters\":\"near\"}"))
                .isEqualTo("Your courier is on the way with order 3f2a9c1e.");
        assertThat(delivery("dispatch.delivery.progress", null)).isEqualTo("Your courier is on the way with order 3f2a9c1e.");
        assertThat(delivery("dispatch.delivery.completed", null)).isEqualTo("Order 3f2a9c1e has been handed over.");
        assertThat(delivery("dispatch.delivery.delivered", null)).isEqualTo("Order 3f2a9c1e has been handed over.");
        assertThat(delivery("dispatch.delivery.rerouted", null)).isEqualTo("Delivery update for order 3f2a9c1e: rerouted.");
    }

    @Test
    void deviceAlertsNameTheDeviceAndTheOrderIfAny() throws Exception {
        assertThat(alert("dispatch.device.temperature-high", "{\"temperatureC\":9.5}", ORDER, "truck-1"))
                .isEqualTo("Cargo temperature alert on device truck-1 (order 3f2a9c1e): 9.5 °C.");
        assertThat(alert("dispatch.device.temperature-high", "{\"value\":\"hot\"}", null, "truck-1"))
                .isEqualTo("Cargo temperature alert on device truck-1.");
        assertThat(alert("dispatch.device.battery-low", null, null, "truck-1")).isEqualTo("Battery low on device truck-1.");
        assertThat(alert("dispatch.device.offline", null, ORDER, "truck-1"))
                .isEqualTo("Device truck-1 went offline (order 3f2a9c1e).");
        assertThat(alert("dispatch.device.door-open", null, null, null)).isEqualTo("Alert from device ?: door open.");
    }

    @Test
    void sensorAlertsNameTheSensorItsCourierTheReadingAndTheLimit() throws Exception {
        String bound = "{\"sensorId\":\"tag-1\",\"courierDeviceId\":\"courier-1\",\"value\":9.5,\"limit\":8.0}";
        assertThat(alert("dispatch.sensor.alert.temperature", bound, ORDER, "tag-1"))
                .isEqualTo("Cargo sensor tag-1 on courier-1 reads 9.5 °C, above the 8.0 °C limit (order 3f2a9c1e).");
        assertThat(alert("dispatch.sensor.alert.shock", "{\"sensorId\":\"tag-1\",\"courierDeviceId\":\"courier-1\",\"value\":6.2,\"limit\":4}",
                null, "tag-1"))
                .isEqualTo("Cargo sensor tag-1 on courier-1 felt a shock of 6.2 g, above the 4.0 g limit.");
        assertThat(alert("dispatch.sensor.alert.battery", "{\"sensorId\":\"tag-2\",\"value\":14.5,\"limit\":15.0}", null, "tag-2"))
                .isEqualTo("Battery low on cargo sensor tag-2: 14.5 %, below 15.0 %.");
        assertThat(alert("dispatch.sensor.alert.battery", "{\"sensorId\":\"tag-1\",\"courierDeviceId\":\"courier-1\",\"value\":9,\"limit\":15}",
                ORDER, "tag-1"))
                .isEqualTo("Battery low on cargo sensor tag-1 on courier-1: 9.0 %, below 15.0 % (order 3f2a9c1e).");
    }

    @Test
    void aSensorAlertsNumbersAreRoundedForPeopleAndOddDataIsLeftOut() throws Exception {
        assertThat(alert("dispatch.sensor.alert.temperature", "{\"sensorId\":\"tag-1\",\"value\":9.399999618530273,\"limit\":-0.125}",
                null, "tag-1"))
                .isEqualTo("Cargo sensor tag-1 reads 9.4 °C, above the -0.13 °C limit.");
        assertThat(alert("dispatch.sensor.alert.shock", "{\"sensorId\":\"tag-1\",\"value\":100,\"limit\":\"4\"}", null, "tag-1"))
                .as("a limit that is not a number").isEqualTo("Cargo sensor tag-1 felt a shock of 100.0 g.");
        assertThat(alert("dispatch.sensor.alert.temperature", "{\"sensorId\":\"tag-1\",\"value\":\"hot\",\"limit\":8}", null, "tag-1"))
                .isEqualTo("Cargo sensor tag-1 is too warm.");
        assertThat(alert("dispatch.sensor.alert.shock", null, null, "tag-1")).as("no data: the id the event names")
                .isEqualTo("Cargo sensor tag-1 was shocked.");
        assertThat(alert("dispatch.sensor.alert.battery", "{\"sensorId\":\" \",\"courierDeviceId\":7}", ORDER, null))
                .isEqualTo("Battery low on cargo sensor ? (order 3f2a9c1e).");
        assertThat(alert("dispatch.sensor.alert.temperature", "{\"sensorId\":\"tag-9\"}", null, "tag-1"))
                .as("the data's sensorId comes first").isEqualTo("Cargo sensor tag-9 is too warm.");
    }

    @Test
    void anUnknownSensorAlertIsStillAnAlertOfItsSensor() throws Exception {
        assertThat(alert("dispatch.sensor.alert.humidity", "{\"sensorId\":\"tag-1\"}", null, "tag-1"))
                .isEqualTo("Alert from device tag-1: humidity.");
    }

    @Test
    void aKnownOrderTypeKeepsItsSentenceOnAnyStream() {
        assertThat(NotificationTexts.describe(EventStream.DEVICE_ALERTS, "dispatch.order.delivered", null, ORDER, "truck-1"))
                .isEqualTo("Order 3f2a9c1e was delivered.");
    }

    private static String delivery(String type, String data) throws Exception {
        return NotificationTexts.describe(EventStream.DELIVERY_EVENTS, type, data == null ? null : json(data), ORDER, null);
    }

    private static String alert(String type, String data, String orderId, String deviceId) throws Exception {
        return NotificationTexts.describe(EventStream.DEVICE_ALERTS, type, data == null ? null : json(data), orderId, deviceId);
    }
}
