package dev.dispatch.contracts;

import static dev.dispatch.contracts.Json.with;
import static dev.dispatch.contracts.Json.without;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The event schemas take the events as order-service and iot-ingest write them, and refuse what breaks their rules. */
class EventSchemasTest {

    private static final String ORDER = "events/order-event.v1.json";
    private static final String DELIVERY = "events/delivery-event.v1.json";
    private static final String ALERT = "events/device-alert.v1.json";
    private static final String SENSOR_ALERT = "events/sensor-alert.v1.json";
    private static final String PRESENCE = "events/courier-presence.v1.json";

    // As OrderEventMapper writes it: times from the database (microseconds), no null fields.
    private static final ObjectNode PLACED = Json.object("""
            {'specversion':'1.0','id':'2b7f0c1e-9a4d-4e3b-8c5f-6a7b8c9d0e1f','source':'/order-service',
             'type':'dispatch.order.placed','subject':'3f2a9c1e-5b7d-4c8e-9f01-23456789abcd',
             'time':'2026-11-25T10:00:00.123456Z','datacontenttype':'application/json',
             'data':{'schemaVersion':1,'orderId':'3f2a9c1e-5b7d-4c8e-9f01-23456789abcd','customerId':'alice',
               'status':'AWAITING_PAYMENT','version':1,
               'items':[{'sku':'COOLER-01','name':'Cooler','quantity':2,'unitPriceMinor':1250}],
               'total':{'amountMinor':2500,'currency':'EUR'},
               'deliveryAddress':{'street':'Invalidenstrasse 116','city':'Berlin','postalCode':'10115','country':'DE',
                                  'latitude':52.5321,'longitude':13.3849},
               'payment':{'status':'PENDING'},
               'createdAt':'2026-11-25T10:00:00.123456Z','updatedAt':'2026-11-25T10:00:00.123456Z'}}""");

    // As OutgoingEvents writes them (EventData records; time truncated to microseconds).
    private static final ObjectNode PROGRESS = Json.object("""
            {'specversion':'1.0','id':'4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8','source':'/iot-ingest',
             'type':'dispatch.delivery.progress','subject':'3f2a9c1e-5b7d-4c8e-9f01-23456789abcd',
             'time':'2026-11-25T10:07:02.345678Z','datacontenttype':'application/json',
             'data':{'schemaVersion':1,'orderId':'3f2a9c1e-5b7d-4c8e-9f01-23456789abcd','customerId':'alice',
               'deviceId':'courier-1','latitude':52.5219,'longitude':13.4132,'distanceMeters':2230,
               'cargoTemperatureC':4.0,'batteryPercent':100.0,'deviceTime':'2026-11-25T10:07:02.117Z'}}""");
    private static final ObjectNode COMPLETED = Json.object("""
            {'specversion':'1.0','id':'0e1d2c3b-4a59-3687-9a5b-c4d3e2f1a0b9','source':'/iot-ingest',
             'type':'dispatch.delivery.completed','subject':'3f2a9c1e-5b7d-4c8e-9f01-23456789abcd',
             'time':'2026-11-25T10:19:02.501Z','datacontenttype':'application/json',
             'data':{'schemaVersion':1,'orderId':'3f2a9c1e-5b7d-4c8e-9f01-23456789abcd','customerId':'alice',
               'deviceId':'courier-1','latitude':52.5321,'longitude':13.3849,'deliveredAt':'2026-11-25T10:19:02.417Z'}}""");
    private static final ObjectNode BATTERY = Json.object("""
            {'specversion':'1.0','id':'6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e','source':'/iot-ingest',
             'type':'dispatch.device.alert.battery','subject':'courier-2','time':'2026-11-25T11:00:00Z',
             'datacontenttype':'application/json',
             'data':{'schemaVersion':1,'deviceId':'courier-2','batteryPercent':14.5,'thresholdPercent':15.0}}""");
    private static final ObjectNode TEMPERATURE = Json.object("""
            {'specversion':'1.0','id':'5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d','source':'/iot-ingest',
             'type':'dispatch.device.alert.temperature','subject':'courier-1','time':'2026-11-25T10:09:00Z',
             'datacontenttype':'application/json',
             'data':{'schemaVersion':1,'deviceId':'courier-1','orderId':'3f2a9c1e-5b7d-4c8e-9f01-23456789abcd',
               'customerId':'alice','temperatureC':9.3,'limitC':8.0,'consecutiveReadings':4}}""");
    private static final ObjectNode OFFLINE = Json.object("""
            {'specversion':'1.0','id':'7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f','source':'/iot-ingest',
             'type':'dispatch.device.alert.offline','subject':'courier-1','time':'2026-11-25T10:12:00Z',
             'datacontenttype':'application/json',
             'data':{'schemaVersion':1,'deviceId':'courier-1','orderId':'3f2a9c1e-5b7d-4c8e-9f01-23456789abcd',
               'customerId':'alice','lastSeenAt':'2026-11-25T10:11:58.250Z'}}""");

    // The brief's sensor alert: a sensor in courier-1's box while it delivers alice's order.
    private static final ObjectNode SENSOR_TEMPERATURE = Json.object("""
            {'specversion':'1.0','id':'8d9e0f1a-2b3c-4d4e-9f5a-6b7c8d9e0f1a','source':'/iot-ingest',
             'type':'dispatch.sensor.alert.temperature','subject':'tag-1','time':'2026-12-02T10:15:30.412Z',
             'datacontenttype':'application/json',
             'data':{'schemaVersion':1,'sensorId':'tag-1','courierDeviceId':'courier-1',
               'orderId':'3f2a9c1e-5b7d-4c8e-9f01-23456789abcd','customerId':'alice','value':9.5,'limit':8.0,
               'readingTime':'2026-12-02T10:15:30Z'}}""");

    @Test
    void orderEventsAsOrderServiceWritesThem() {
        assertThat(Documents.errors(ORDER, PLACED)).isEmpty();
        ObjectNode paid = with(with(with(PLACED, "/type", "dispatch.order.paid"), "/data/status", "PAID"), "/data/version", 2);
        paid = with(paid, "/data/payment", Json.object("{'paymentId':'7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6','status':'AUTHORIZED'}"));
        assertThat(Documents.errors(ORDER, paid)).isEmpty();
        ObjectNode dispatched = with(with(with(paid, "/type", "dispatch.order.dispatched"), "/data/status", "DISPATCHED"),
                "/data/deviceId", "courier-1");
        assertThat(Documents.errors(ORDER, dispatched)).isEmpty();
        ObjectNode declined = with(with(with(PLACED, "/type", "dispatch.order.payment-declined"), "/data/status", "PAYMENT_DECLINED"),
                "/data/payment", Json.object("{'status':'DECLINED','reason':'insufficient_funds'}"));
        assertThat(Documents.errors(ORDER, with(declined, "/data/statusReason", "insufficient_funds"))).isEmpty();
        assertThat(Documents.errors(ORDER, with(PLACED, "/data/maxCargoTemperatureC", 8.0))).isEmpty();
    }

    @Test
    void orderEventsThatBreakTheRules() {
        assertInvalid(ORDER, with(PLACED, "/type", "dispatch.order.paid"), "status");                  // type and status disagree
        assertInvalid(ORDER, with(with(PLACED, "/type", "dispatch.order.dispatched"), "/data/status", "DISPATCHED"), "deviceId");
        assertInvalid(ORDER, with(PLACED, "/type", "dispatch.order.gift-wrapped"), "type");
        assertInvalid(ORDER, with(PLACED, "/source", "/iot-ingest"), "source");
        assertInvalid(ORDER, with(PLACED, "/id", "42"), "id");
        assertInvalid(ORDER, with(PLACED, "/time", "yesterday"), "time");
        assertInvalid(ORDER, with(PLACED, "/traceparent", "00-abc"), "traceparent");                  // no extension attributes
        assertInvalid(ORDER, without(PLACED, "/data/total"), "total");
        assertInvalid(ORDER, with(PLACED, "/data/items", Documents.parse("[]")), "items");
        assertInvalid(ORDER, with(PLACED, "/data/total/currency", "eur"), "currency");
    }

    @Test
    void anEventMayCarryItsTraceContextAsTheDistributedTracingExtensionHasIt() {
        ObjectNode traced = with(with(PLACED, "/traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
                "/tracestate", "vendor=1");
        assertThat(Documents.errors(ORDER, traced)).isEmpty();
        assertThat(Documents.errors(DELIVERY, with(COMPLETED, "/traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00")))
                .isEmpty();
        assertInvalid(ORDER, with(PLACED, "/traceparent", "4bf92f3577b34da6a3ce929d0e0e4736"), "traceparent");
    }

    @Test
    void deliveryEventsAsIotIngestWritesThem() {
        assertThat(Documents.errors(DELIVERY, PROGRESS)).isEmpty();
        assertThat(Documents.errors(DELIVERY, COMPLETED)).isEmpty();
    }

    @Test
    void deliveryEventsThatBreakTheRules() {
        assertInvalid(DELIVERY, with(PROGRESS, "/data/distanceMeters", -1), "distanceMeters");
        assertInvalid(DELIVERY, with(PROGRESS, "/data/distanceMeters", 12.5), "distanceMeters");       // rounded to the metre
        assertInvalid(DELIVERY, with(PROGRESS, "/data/deviceId", "courier 1"), "deviceId");
        assertInvalid(DELIVERY, without(COMPLETED, "/data/deliveredAt"), "deliveredAt");
        assertInvalid(DELIVERY, with(COMPLETED, "/type", "dispatch.delivery.progress"), "distanceMeters"); // progress data required
        assertInvalid(DELIVERY, with(COMPLETED, "/source", "/order-service"), "source");
    }

    @Test
    void deviceAlertsAsIotIngestWritesThem() {
        assertThat(Documents.errors(ALERT, BATTERY)).isEmpty();                                          // unbound: no order
        assertThat(Documents.errors(ALERT, with(with(BATTERY, "/data/orderId", "3f2a9c1e-5b7d-4c8e-9f01-23456789abcd"),
                "/data/customerId", "alice"))).isEmpty();
        assertThat(Documents.errors(ALERT, TEMPERATURE)).isEmpty();
        assertThat(Documents.errors(ALERT, OFFLINE)).isEmpty();
    }

    @Test
    void deviceAlertsThatBreakTheRules() {
        assertInvalid(ALERT, without(TEMPERATURE, "/data/orderId"), "orderId");                         // only battery may be unbound
        assertInvalid(ALERT, with(TEMPERATURE, "/data/consecutiveReadings", 0), "consecutiveReadings");
        assertInvalid(ALERT, without(BATTERY, "/data/thresholdPercent"), "thresholdPercent");
        assertInvalid(ALERT, without(OFFLINE, "/data/lastSeenAt"), "lastSeenAt");
        assertInvalid(ALERT, with(OFFLINE, "/subject", "not a device id"), "subject");
    }

    private static final ObjectNode AWAY = Json.object("""
            {'specversion':'1.0','id':'0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d','source':'/iot-ingest',
             'type':'dispatch.courier.presence.changed','subject':'courier-1','time':'2026-11-25T10:05:00.125Z',
             'datacontenttype':'application/json',
             'data':{'schemaVersion':1,'deviceId':'courier-1','presence':'away',
               'orderId':'3f2a9c1e-5b7d-4c8e-9f01-23456789abcd','since':'2026-11-25T10:05:00.118Z'}}""");

    @Test
    void courierPresenceAsIotIngestWritesIt() {
        assertThat(Documents.errors(PRESENCE, AWAY)).isEmpty();
        ObjectNode available = with(without(AWAY, "/data/orderId"), "/data/presence", "available");
        assertThat(Documents.errors(PRESENCE, available)).isEmpty();
        assertThat(Documents.errors(PRESENCE, with(available, "/data/presence", "offline"))).isEmpty();
    }

    @Test
    void courierPresenceThatBreaksTheRules() {
        assertInvalid(PRESENCE, without(AWAY, "/data/orderId"), "orderId");                                // away: with its order
        assertInvalid(PRESENCE, with(AWAY, "/data/presence", "available"), "not");                         // free: no order
        assertInvalid(PRESENCE, with(AWAY, "/data/presence", "busy"), "presence");
        assertInvalid(PRESENCE, with(AWAY, "/data/presence", "AWAY"), "presence");
        for (String field : new String[] {"schemaVersion", "deviceId", "presence", "since"}) {
            assertInvalid(PRESENCE, without(AWAY, "/data/" + field), field);
        }
        assertInvalid(PRESENCE, with(AWAY, "/data/orderId", "order-1"), "orderId");
        assertInvalid(PRESENCE, with(AWAY, "/data/since", "10:05"), "since");
        assertInvalid(PRESENCE, with(AWAY, "/data/status", "ONLINE"), "status");
        assertInvalid(PRESENCE, with(AWAY, "/subject", "courier 1"), "subject");
        assertInvalid(PRESENCE, with(AWAY, "/type", "dispatch.device.alert.offline"), "type");
        assertInvalid(PRESENCE, with(AWAY, "/source", "/order-service"), "source");
        assertInvalid(ALERT, AWAY, "type");
    }

    @Test
    void sensorAlertsAsIotIngestWritesThem() {
        assertThat(Documents.errors(SENSOR_ALERT, SENSOR_TEMPERATURE)).isEmpty();
        ObjectNode unbound = without(without(SENSOR_TEMPERATURE, "/data/orderId"), "/data/customerId");
        assertThat(Documents.errors(SENSOR_ALERT, unbound)).as("a courier that delivers nothing").isEmpty();
        assertThat(Documents.errors(SENSOR_ALERT, without(unbound, "/data/courierDeviceId"))).as("a sensor with no courier").isEmpty();
        ObjectNode shock = with(with(with(SENSOR_TEMPERATURE, "/type", "dispatch.sensor.alert.shock"), "/data/value", 6.2),
                "/data/limit", 4.0);
        assertThat(Documents.errors(SENSOR_ALERT, shock)).isEmpty();
        ObjectNode battery = with(with(with(unbound, "/type", "dispatch.sensor.alert.battery"), "/data/value", 14.5), "/data/limit", 15);
        assertThat(Documents.errors(SENSOR_ALERT, battery)).isEmpty();
        // the edges: the coldest order limit (-50) with a sensor at its own minimum, and the strongest shock
        assertThat(Documents.errors(SENSOR_ALERT, with(with(SENSOR_TEMPERATURE, "/data/limit", -50), "/data/value", -40))).isEmpty();
        assertThat(Documents.errors(SENSOR_ALERT, with(with(shock, "/data/value", 200), "/data/limit", 0.1))).isEmpty();
        assertThat(Documents.errors(SENSOR_ALERT, with(SENSOR_TEMPERATURE, "/data/readingTime", "2026-12-02T11:15:30.5+01:00"))).isEmpty();
    }

    @Test
    void sensorAlertsThatBreakTheRules() {
        assertInvalid(SENSOR_ALERT, without(SENSOR_TEMPERATURE, "/data/customerId"), "customerId");      // orderId without customerId
        assertInvalid(SENSOR_ALERT, without(SENSOR_TEMPERATURE, "/data/orderId"), "orderId");            // customerId without orderId
        for (String field : new String[] {"schemaVersion", "sensorId", "value", "limit", "readingTime"}) {
            assertInvalid(SENSOR_ALERT, without(SENSOR_TEMPERATURE, "/data/" + field), field);
        }
        assertInvalid(SENSOR_ALERT, with(SENSOR_TEMPERATURE, "/data/deviceId", "courier-1"), "deviceId"); // not a device alert's data
        assertInvalid(SENSOR_ALERT, with(SENSOR_TEMPERATURE, "/data/temperatureC", 9.5), "temperatureC");
        assertInvalid(SENSOR_ALERT, with(SENSOR_TEMPERATURE, "/data/value", "9.5"), "value");
        assertInvalid(SENSOR_ALERT, with(SENSOR_TEMPERATURE, "/data/value", 85.5), "value");              // beyond a reading's range
        assertInvalid(SENSOR_ALERT, with(with(SENSOR_TEMPERATURE, "/type", "dispatch.sensor.alert.shock"), "/data/limit", 0), "limit");
        assertInvalid(SENSOR_ALERT, with(with(SENSOR_TEMPERATURE, "/type", "dispatch.sensor.alert.battery"), "/data/value", 100.5),
                "value");
        assertInvalid(SENSOR_ALERT, with(SENSOR_TEMPERATURE, "/data/orderId", "order-1"), "orderId");
        assertInvalid(SENSOR_ALERT, with(SENSOR_TEMPERATURE, "/data/customerId", ""), "customerId");
        assertInvalid(SENSOR_ALERT, with(SENSOR_TEMPERATURE, "/data/courierDeviceId", "courier 1"), "courierDeviceId");
        assertInvalid(SENSOR_ALERT, with(SENSOR_TEMPERATURE, "/data/sensorId", "x".repeat(65)), "sensorId");
        assertInvalid(SENSOR_ALERT, with(SENSOR_TEMPERATURE, "/data/readingTime", "10:15"), "readingTime");
        assertInvalid(SENSOR_ALERT, with(SENSOR_TEMPERATURE, "/data/schemaVersion", 2), "schemaVersion");
        assertInvalid(SENSOR_ALERT, with(SENSOR_TEMPERATURE, "/subject", "tag 1"), "subject");
        assertInvalid(SENSOR_ALERT, with(SENSOR_TEMPERATURE, "/type", "dispatch.sensor.alert.humidity"), "type");
        assertInvalid(SENSOR_ALERT, with(SENSOR_TEMPERATURE, "/type", "dispatch.device.alert.temperature"), "type");
        assertInvalid(SENSOR_ALERT, with(SENSOR_TEMPERATURE, "/source", "/device-simulator"), "source");
        // and the device alert schema does not take a sensor alert
        assertInvalid(ALERT, SENSOR_TEMPERATURE, "type");
    }

    static void assertInvalid(String schema, JsonNode event, String mentioned) {
        assertThat(Documents.errors(schema, event)).as(schema + " on " + event).isNotEmpty().anyMatch(error -> error.contains(mentioned));
    }
}
