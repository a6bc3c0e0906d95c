package dev.dispatch.platform.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ReceivedEventTest {

    @Test
    void readsEveryAttributeAndTheData() {
        ReceivedEvent event = parse("""
                {"specversion":"1.0","id":"e-1","source":"/order-service","type":"dispatch.order.paid","subject":"o-1",
                 "time":"2026-12-02T10:15:30.123Z","datacontenttype":"application/json","data":{"orderId":"o-1","customerId":"alice"}}""");

        assertThat(event.id()).isEqualTo("e-1");
        assertThat(event.source()).isEqualTo("/order-service");
        assertThat(event.type()).isEqualTo("dispatch.order.paid");
        assertThat(event.subject()).isEqualTo("o-1");
        assertThat(event.time()).isEqualTo(Instant.parse("2026-12-02T10:15:30.123Z"));
        assertThat(event.dataText("customerId")).isEqualTo("alice");
        assertThat(event.dataText("missing")).isNull();
    }

    @Test
    void anEventWithoutTimeIsDatedOnArrival() {
        Instant before = Instant.now();
        ReceivedEvent event = parse("{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"/s\",\"type\":\"t\"}");
        assertThat(event.time()).isBetween(before, Instant.now());
        assertThat(event.data()).isNull();
        assertThat(event.dataText("x")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON                 | {nope                                                              | the body is not JSON",
            "an array                 | [1,2]                                                              | the body is not a JSON object",
            "JSON null                | null                                                               | the body is not a JSON object",
            "wrong specversion        | {\"specversion\":\"0.3\",\"id\":\"e\",\"source\":\"/s\",\"type\":\"t\"}     | specversion must be 1.0",
            "no id                    | {\"specversion\":\"1.0\",\"source\":\"/s\",\"type\":\"t\"}                | the attribute 'id' is missing",
            "numeric type             | {\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"/s\",\"type\":7}        | the attribute 'type' must be",
            "blank source             | {\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\" \",\"type\":\"t\"}     | the attribute 'source' must be",
            "bad time                 | {\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"/s\",\"type\":\"t\",\"time\":\"yesterday\"} | is not an RFC 3339 timestamp"})
    void refusesWhatIsNotACloudEventWithAReason(String what, String body, String reason) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(InvalidEvent.class).hasMessageContaining(reason);
    }

    @Test
    void refusesOverlongAttributes() {
        String id = "x".repeat(ReceivedEvent.MAX_ATTRIBUTE_LENGTH + 1);
        assertThatThrownBy(() -> parse("{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/s\",\"type\":\"t\"}"))
                .isInstanceOf(InvalidEvent.class).hasMessageContaining("'id'");
    }

    @Test
    void readsTheProducersTraceContextAndIgnoresAMalformedOne() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String traced = "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/s\",\"type\":\"t\",\"traceparent\":\"" + traceparent
                + "\",\"tracestate\":\"vendor=1\"}";
        assertThat(parse(traced).trace()).isEqualTo(new TraceContext(traceparent, "vendor=1"));
        assertThat(ReceivedEvent.traceOf(traced.getBytes(StandardCharsets.UTF_8))).isEqualTo(new TraceContext(traceparent, "vendor=1"));

        // The trace is never a reason to refuse an event: a malformed one is dropped, the event is read.
        ReceivedEvent malformed = parse("{\"specversion\":\"1.0\",\"id\":\"e-2\",\"source\":\"/s\",\"type\":\"t\",\"traceparent\":\"nope\"}");
        assertThat(malformed.id()).isEqualTo("e-2");
        assertThat(malformed.trace()).isNull();
        assertThat(ReceivedEvent.traceOf("not json".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void aTraceContextBecomesTheRemoteParentOfTheNextSpan() {
        io.opentelemetry.api.trace.SpanContext parent = io.opentelemetry.api.trace.Span.fromContext(
                TraceContext.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null).asParent()).getSpanContext();
        assertThat(parent.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(parent.getSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(parent.isRemote()).isTrue();
        assertThat(parent.isSampled()).isTrue();
        // Outside any span there is nothing to carry.
        assertThat(TraceContext.current()).isNull();
    }

    @Test
    void anEventFromAnotherProducerThanTheAddressesIsRefused() {
        byte[] paid = "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/iot-ingest\",\"type\":\"dispatch.order.paid\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ReceivedEvent.parse(paid, "/order-service"))
                .isInstanceOf(InvalidEvent.class)
                .hasMessage("the source '/iot-ingest' is not /order-service, the one producer of this address");
        assertThat(ReceivedEvent.parse(paid, "/iot-ingest").id()).isEqualTo("e-1");
    }

    private static ReceivedEvent parse(String json) {
        return ReceivedEvent.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
