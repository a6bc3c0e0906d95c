package dev.dispatch.platform.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.grpc.InternalStatus;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

class SpecEncodedStatusMessagesTest {

    @Test
    void onlyBytesOutsidePrintableAsciiAndPercentAreEscaped() {
        assertThat(SpecEncodedStatusMessages.encode("order_id: is required")).isEqualTo("order_id: is required");
        assertThat(SpecEncodedStatusMessages.encode("is required: 1 to 64 letters, digits, '.', '_', ':' or '-'"))
                .isEqualTo("is required: 1 to 64 letters, digits, '.', '_', ':' or '-'");
        assertThat(SpecEncodedStatusMessages.encode("a+b/c?d=e&f#g~*")).isEqualTo("a+b/c?d=e&f#g~*");
        assertThat(SpecEncodedStatusMessages.encode("100% sure")).isEqualTo("100%25 sure");
        assertThat(SpecEncodedStatusMessages.encode("température 9.5 °C")).isEqualTo("temp%C3%A9rature 9.5 %C2%B0C");
        assertThat(SpecEncodedStatusMessages.encode("line\nbreak\ttab\u007f")).isEqualTo("line%0Abreak%09tab%7F");
    }

    @Test
    void grpcJavaDecodesItBackToTheMessage() {
        for (String message : List.of("order_id: is required", "100% sure", "température 9.5 °C", "ünïcödé ✓ 🚚", "a+b %41")) {
            Metadata trailers = new Metadata();
            trailers.put(SpecEncodedStatusMessages.MESSAGE, SpecEncodedStatusMessages.encode(message));
            assertThat(trailers.get(InternalStatus.MESSAGE_KEY)).isEqualTo(message);
        }
    }

    @Test
    void onTheVertxTransportTheEncodedMessageTravelsInTheTrailers() {
        Metadata details = new Metadata();
        Metadata.Key<String> other = Metadata.Key.of("x-kept", Metadata.ASCII_STRING_MARSHALLER);
        details.put(other, "yes");
        StatusRuntimeException failure = Status.INVALID_ARGUMENT.withDescription("order_id: is required °").asRuntimeException(details);

        Closed closed = close(interceptor(true), failure.getStatus(), failure.getTrailers());

        assertThat(closed.status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(closed.status.getDescription()).isNull();
        assertThat(closed.trailers.getAll(SpecEncodedStatusMessages.MESSAGE)).containsExactly("order_id: is required %C2%B0");
        assertThat(closed.trailers.get(other)).isEqualTo("yes");
    }

    @Test
    void successAStatusWithoutMessageAndGrpcJavasTransportAreLeftAlone() {
        Status failed = Status.NOT_FOUND.withDescription("order 1 not found");

        Closed ok = close(interceptor(true), Status.OK, new Metadata());
        Closed bare = close(interceptor(true), Status.INTERNAL, new Metadata());
        Closed separateServer = close(interceptor(false), failed, new Metadata());

        assertThat(ok.status).isSameAs(Status.OK);
        assertThat(ok.trailers.containsKey(SpecEncodedStatusMessages.MESSAGE)).isFalse();
        assertThat(bare.status).isSameAs(Status.INTERNAL);
        assertThat(bare.trailers.containsKey(SpecEncodedStatusMessages.MESSAGE)).isFalse();
        assertThat(separateServer.status).isSameAs(failed);
        assertThat(separateServer.trailers.containsKey(SpecEncodedStatusMessages.MESSAGE)).isFalse();
    }

    /** The interceptor as a service's subclass makes it; {@code vertxTransport}: gRPC on the HTTP server. */
    private static SpecEncodedStatusMessages interceptor(boolean vertxTransport) {
        return new SpecEncodedStatusMessages(vertxTransport) {
        };
    }

    /** Runs one call through the interceptor to a handler that fails it with {@code status}; what reached the transport. */
    private static Closed close(SpecEncodedStatusMessages interceptor, Status status, Metadata trailers) {
        Transport transport = new Transport();
        interceptor.interceptCall(transport, new Metadata(), (call, headers) -> {
            call.close(status, trailers);
            return new ServerCall.Listener<>() {
            };
        });
        return transport.closed;
    }

    private record Closed(Status status, Metadata trailers) {
    }

    /** The transport's end of a call: records how it was closed. */
    private static final class Transport extends ServerCall<String, String> {

        Closed closed;

        @Override
        public void close(Status status, Metadata trailers) {
            closed = new Closed(status, trailers);
        }

        @Override
        public void request(int numMessages) {
        }

        @Override
        public void sendHeaders(Metadata headers) {
        }

        @Override
        public void sendMessage(String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public MethodDescriptor<String, String> getMethodDescriptor() {
            return null;
        }
    }
}
