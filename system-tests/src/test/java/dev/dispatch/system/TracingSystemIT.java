package dev.dispatch.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.sun.net.httpserver.HttpServer;

import io.restassured.http.ContentType;

/**
 * One trace across every protocol: the five services export to an OTLP receiver in this test (http/protobuf, the
 * JDK's HttpServer), and one order placed over REST is one trace through gateway → gRPC → order-service →
 * payment-service, PostgreSQL, the outbox → AMQP → notification-service and iot-ingest, and on to the customer's
 * WebSocket and SSE stream (a push span per send, child of the span the notification was stored in), every span's
 * parent in the same trace. Its delivery by a simulated courier is a trace of its own that starts at the device's MQTT
 * message in iot-ingest and reaches order-service through delivery-events, and the customer's sockets again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TracingSystemIT {

    private static final Set<String> SERVICES = Set.of("gateway", "order-service", "payment-service", "notification-service", "iot-ingest");
    private static final Duration EXPORTED = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ConcurrentLinkedQueue<ExportedSpan> spans = new ConcurrentLinkedQueue<>();
    private HttpServer receiver;
    private DispatchSystem system;
    private String gateway;
    private ServiceProcess notifications;

    @BeforeAll
    void startSystem() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            try (InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                spans.addAll(OtlpTraces.decode(body.readAllBytes()));
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, 0); // an empty ExportTraceServiceResponse: all accepted
            } finally {
                exchange.close();
            }
        });
        receiver.start();

        system = new DispatchSystem("tracing").startBroker().withEnvForAll(Map.of(
                "QUARKUS_OTEL_SDK_DISABLED", "false",
                "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + receiver.getAddress().getPort(),
                "QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms"));
        system.start("payment-service", "payments", Map.of());
        system.start("order-service", "orders", Map.of("payments", "payment-service"));
        system.start("iot-ingest", "iot", Map.of());
        notifications = system.start("notification-service", "notifications", Map.of());
        gateway = system.start("gateway", null,
                Map.of("orders", "order-service", "devices", "iot-ingest", "payments", "payment-service")).baseUrl();
    }

    @AfterAll
    void stopSystem() {
        if (system != null) {
            system.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void anOrderIsOneTraceThroughEveryServiceAndItsDeliveryReachesOrderServiceFromMqtt() throws Exception {
        String alice = system.token("customer", "alice");
        String operator = system.token("operator", "olga");
        system.startSimulator("courier-traced", "--devices", "1", "--id-prefix", "trace-courier-", "--report-interval", "1",
                "--speed", "150");
        String device = "trace-courier-1";
        // The customer watches over both push channels, as the tracking page does.
        List<String> onWebSocket = new CopyOnWriteArrayList<>();
        List<String> onSse = new CopyOnWriteArrayList<>();
        WebSocket socket = openWebSocket(alice, onWebSocket);
        CompletableFuture<HttpResponse<Stream<String>>> sse = HTTP.sendAsync(HttpRequest.newBuilder(
                        URI.create(notifications.baseUrl() + "/api/notifications/stream"))
                .header("Authorization", "Bearer " + alice).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        sse.thenAccept(response -> response.body().forEach(onSse::add));
        await("the customer's WebSocket and SSE stream are live").atMost(Duration.ofSeconds(30))
                .until(() -> onSse.contains(":connected") && onWebSocket.stream().anyMatch(m -> m.contains("\"welcome\"")));
        try {
            placeDispatchAndDeliver(alice, operator, device);
        } finally {
            socket.abort();
            sse.cancel(true);
        }
    }

    private void placeDispatchAndDeliver(String alice, String operator, String device) {
        await("the device registered").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> given().auth().oauth2(operator).get(gateway + "/api/devices/" + device)
                        .then().statusCode(200).body("status", equalTo("ONLINE")));

        String orderId = given().auth().oauth2(alice).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of(
                        "items", new Object[] {Map.of("sku", "TEA-01", "name", "Tea", "quantity", 1, "unitPriceMinor", 450)},
                        "currency", "EUR",
                        "deliveryAddress", Map.of("street", "Unter den Linden 1", "city", "Berlin", "postalCode", "10117",
                                "country", "DE", "latitude", 52.5170, "longitude", 13.3889),
                        "paymentToken", "tok_approve"))
                .post(gateway + "/api/orders")
                .then().statusCode(201).body("status", equalTo("PAID")).extract().path("id");

        // The order placed: REST at the gateway, gRPC to order-service and payment-service, its events through the
        // outbox and AMQP to notification-service and iot-ingest, pushed to the customer's WebSocket and SSE stream —
        // one trace, every parent in it.
        await("the placed order's trace reaches all five services").atMost(EXPORTED).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    List<ExportedSpan> trace = traceOf(s -> s.service().equals("gateway") && s.kind() == 2 && s.name().equals("POST /api/orders"));
                    assertThat(services(trace)).as(describe(trace)).containsAll(SERVICES);
                    assertThat(trace).as(describe(trace)).anyMatch(s -> s.name().equals("order-events publish") && s.service().equals("order-service"))
                            .anyMatch(s -> s.name().equals("order-events process") && s.service().equals("notification-service"))
                            .anyMatch(s -> s.name().equals("order-events process") && s.service().equals("iot-ingest"));
                    assertPushedOverBothChannels(trace);
                    assertParentsInTrace(trace);
                });
        System.out.println("[TracingSystemIT] the placed order's trace:\n" + describe(traceOf(
                s -> s.service().equals("gateway") && s.kind() == 2 && s.name().equals("POST /api/orders"))));

        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("deviceId", device))
                .post(gateway + "/api/orders/" + orderId + "/dispatch")
                .then().statusCode(200).body("status", equalTo("DISPATCHED"));
        await("delivered").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> given().auth().oauth2(alice).get(gateway + "/api/orders/" + orderId)
                        .then().statusCode(200).body("status", equalTo("DELIVERED")));

        // The dispatch: order-service's event binds the device in iot-ingest, in the dispatch's trace.
        await("the dispatch's trace reaches iot-ingest").atMost(EXPORTED).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    List<ExportedSpan> trace = traceOf(s -> s.service().equals("gateway") && s.kind() == 2
                            && s.name().startsWith("POST /api/orders/") && s.name().endsWith("/dispatch"));
                    assertThat(services(trace)).as(describe(trace)).contains("gateway", "order-service", "iot-ingest", "notification-service");
                    assertParentsInTrace(trace);
                });

        // The delivery: the device's MQTT message starts a trace in iot-ingest that reaches order-service over AMQP.
        await("the delivery's trace from MQTT reaches order-service").atMost(EXPORTED).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    List<ExportedSpan> trace = deliveryTrace();
                    assertThat(services(trace)).as(describe(trace)).contains("iot-ingest", "order-service", "notification-service");
                    assertThat(trace).as(describe(trace)).anyMatch(s -> s.name().equals("delivery-events publish") && s.service().equals("iot-ingest"));
                    assertPushedOverBothChannels(trace);
                    assertParentsInTrace(trace);
                });
        System.out.println("[TracingSystemIT] the delivery's trace:\n" + describe(deliveryTrace()));
    }

    // The trace that a device's MQTT event started in iot-ingest and order-service took part in: the delivery's (the
    // progress events, from telemetry, are traces of their own that start at iot-ingest's relay).
    private List<ExportedSpan> deliveryTrace() {
        Set<String> started = spans.stream().filter(s -> s.service().equals("iot-ingest") && s.parentSpanId().isEmpty()
                && s.name().equals("devices/{deviceId}/events process")).map(ExportedSpan::traceId).collect(Collectors.toSet());
        return traceOf(s -> started.contains(s.traceId()) && s.service().equals("order-service") && s.name().equals("delivery-events process"));
    }

    /** Every span of the (one) trace that has a span matching {@code which}. */
    private List<ExportedSpan> traceOf(java.util.function.Predicate<ExportedSpan> which) {
        Set<String> traceIds = spans.stream().filter(which).map(ExportedSpan::traceId).collect(Collectors.toSet());
        assertThat(traceIds).as("traces with such a span").hasSize(1);
        String traceId = traceIds.iterator().next();
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    // The customer's sockets got the events' notifications: a push span per channel in notification-service, each the
    // child of the consumer span its notification was stored in (order-events or delivery-events).
    private static void assertPushedOverBothChannels(List<ExportedSpan> trace) {
        Map<String, ExportedSpan> byId = trace.stream().collect(Collectors.toMap(ExportedSpan::spanId, s -> s, (a, b) -> a));
        List<ExportedSpan> pushes = trace.stream().filter(s -> s.name().equals("notification push")).toList();
        assertThat(pushes).as(describe(trace)).extracting(s -> s.attributes().get("channel")).contains("websocket", "sse");
        assertThat(pushes).allSatisfy(push -> {
            assertThat(push.service()).isEqualTo("notification-service");
            assertThat(push.kind()).as("producer").isEqualTo(4);
            ExportedSpan parent = byId.get(push.parentSpanId());
            assertThat(parent).as("the parent of " + push).isNotNull();
            assertThat(parent.service()).isEqualTo("notification-service");
            assertThat(parent.kind()).as("consumer").isEqualTo(5);
            assertThat(parent.name()).endsWith("-events process");
        });
    }

    private WebSocket openWebSocket(String token, List<String> received) throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + notifications.port() + "/ws/notifications?access_token=" + token);
        return HTTP.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    received.add(partial.toString());
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }).get();
    }

    private static void assertParentsInTrace(List<ExportedSpan> trace) {
        Set<String> ids = trace.stream().map(ExportedSpan::spanId).collect(Collectors.toSet());
        assertThat(trace.stream().filter(s -> s.parentSpanId().isEmpty())).as("one root").hasSize(1);
        assertThat(trace).as("every parent is a span of the trace: " + describe(trace))
                .allSatisfy(s -> assertThat(s.parentSpanId().isEmpty() || ids.contains(s.parentSpanId())).as(s.toString()).isTrue());
    }

    private static Set<String> services(List<ExportedSpan> trace) {
        return trace.stream().map(ExportedSpan::service).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String describe(List<ExportedSpan> trace) {
        Map<String, List<String>> byService = new TreeMap<>();
        trace.forEach(s -> byService.computeIfAbsent(s.service(), k -> new java.util.ArrayList<>()).add(s.name()));
        return byService.entrySet().stream().map(e -> "  " + e.getKey() + ": " + e.getValue().stream().distinct().sorted().toList())
                .collect(Collectors.joining("\n"));
    }

    /**
     * One span as exported; ids in hex, parentSpanId empty for a root; kind as OTLP numbers it (2 server, 3 client, 4
     * producer, 5 consumer); its string attributes.
     */
    record ExportedSpan(String service, String traceId, String spanId, String parentSpanId, String name, int kind,
            Map<String, String> attributes) {
    }

    /**
     * Just enough of OTLP's ExportTraceServiceRequest (protobuf wire format): resource_spans{resource{attributes},
     * scope_spans{spans{trace_id, span_id, parent_span_id, name, kind, attributes}}}; the service is the resource's
     * service.name.
     */
    static final class OtlpTraces {

        private OtlpTraces() {
        }

        static List<ExportedSpan> decode(byte[] request) throws IOException {
            List<ExportedSpan> out = new java.util.ArrayList<>();
            for (byte[] resourceSpans : Wire.fields(request, 1)) {
                String service = "";
                for (byte[] resource : Wire.fields(resourceSpans, 1)) {
                    service = attributes(resource, 1).getOrDefault("service.name", "");
                }
                for (byte[] scopeSpans : Wire.fields(resourceSpans, 2)) {
                    for (byte[] span : Wire.fields(scopeSpans, 2)) {
                        out.add(new ExportedSpan(service, Wire.hex(span, 1), Wire.hex(span, 2), Wire.hex(span, 4),
                                Wire.string(span, 5), (int) Wire.varint(span, 6), attributes(span, 9)));
                    }
                }
            }
            return out;
        }

        // KeyValue{key, value: AnyValue{string_value}}; attributes of other types are left out.
        private static Map<String, String> attributes(byte[] message, int number) {
            Map<String, String> attributes = new TreeMap<>();
            for (byte[] attribute : Wire.fields(message, number)) {
                Wire.fields(attribute, 2).stream().map(v -> Wire.string(v, 1)).filter(java.util.Objects::nonNull).findFirst()
                        .ifPresent(value -> attributes.put(Wire.string(attribute, 1), value));
            }
            return attributes;
        }
    }

    /** Protobuf's wire format, read by field number: length-delimited fields as bytes, varints as numbers. */
    static final class Wire {

        private Wire() {
        }

        static List<byte[]> fields(byte[] message, int number) {
            List<byte[]> found = new java.util.ArrayList<>();
            read(message, (field, type, value, bytes) -> {
                if (field == number && type == 2) {
                    found.add(bytes);
                }
            });
            return found;
        }

        static String string(byte[] message, int number) {
            List<byte[]> values = fields(message, number);
            return values.isEmpty() ? null : new String(values.get(0), StandardCharsets.UTF_8);
        }

        static String hex(byte[] message, int number) {
            List<byte[]> values = fields(message, number);
            return values.isEmpty() ? "" : HexFormat.of().formatHex(values.get(0));
        }

        static long varint(byte[] message, int number) {
            long[] found = {0};
            read(message, (field, type, value, bytes) -> {
                if (field == number && type == 0) {
                    found[0] = value;
                }
            });
            return found[0];
        }

        interface Visitor {
            void field(int number, int type, long value, byte[] bytes);
        }

        private static void read(byte[] message, Visitor visitor) {
            ByteArrayInputStream in = new ByteArrayInputStream(message);
            while (in.available() > 0) {
                long key = readVarint(in);
                int number = (int) (key >>> 3);
                int type = (int) (key & 7);
                switch (type) {
                    case 0 -> visitor.field(number, type, readVarint(in), null);
                    case 1 -> visitor.field(number, type, 0, take(in, 8));
                    case 2 -> visitor.field(number, type, 0, take(in, (int) readVarint(in)));
                    case 5 -> visitor.field(number, type, 0, take(in, 4));
                    default -> throw new IllegalArgumentException("unsupported wire type " + type);
                }
            }
        }

        private static byte[] take(ByteArrayInputStream in, int length) {
            if (length > in.available()) {
                throw new IllegalArgumentException("truncated field");
            }
            byte[] bytes = new byte[length];
            in.read(bytes, 0, length);
            return bytes;
        }

        private static long readVarint(ByteArrayInputStream in) {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = in.read();
                if (b < 0) {
                    throw new IllegalArgumentException("truncated varint");
                }
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("malformed varint");
        }
    }
}
