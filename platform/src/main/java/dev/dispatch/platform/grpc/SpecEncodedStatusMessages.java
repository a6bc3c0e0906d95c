package dev.dispatch.platform.grpc;

import java.nio.charset.StandardCharsets;

import org.eclipse.microprofile.config.ConfigProvider;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import jakarta.enterprise.inject.spi.Prioritized;

/**
 * Sends a failed call's message ({@code grpc-message}) percent-encoded the way the gRPC HTTP/2 spec says: only the
 * bytes outside 0x20–0x7E, and '%', are escaped. The Vert.x gRPC server that serves our services on the HTTP port
 * ({@code quarkus.grpc.server.use-separate-server=false}) escapes it with {@code URLEncoder} instead, so
 * "order_id: is required" leaves as "order_id%3A%20is%20required". grpc-java decodes any escape, but grpc-js (Node)
 * decodes with {@code decodeURI}, which keeps the escapes of reserved characters: a Node client reads
 * "order_id%3A is required".
 * <p>
 * The interceptor puts the message, already encoded, into the trailers under {@code grpc-message} and closes with no
 * description: Vert.x writes {@code grpc-message} only from a description, so ours goes out as it is. On grpc-java's
 * own transport (a separate gRPC server) the framework encodes as the spec says and drops such a trailer, so there the
 * interceptor steps aside. It is the outermost interceptor, so it sees the status quarkus-grpc's exception handling
 * made. A service switches it on with an {@code @ApplicationScoped @GlobalInterceptor} subclass (abstract here, so
 * that quarkus-grpc does not report it as an interceptor nobody registered).
 * <p>
 * It also corrects one status: a request whose bytes are no valid protobuf message is dropped by the Vert.x transport
 * without a word, and the call then ends as INTERNAL "Half-closed without a request" — a server fault to the client,
 * though the client sent garbage (or no request at all). It leaves as INVALID_ARGUMENT.
 */
public abstract class SpecEncodedStatusMessages implements ServerInterceptor, Prioritized {

    static final Metadata.Key<String> MESSAGE = Metadata.Key.of("grpc-message", Metadata.ASCII_STRING_MARSHALLER);

    // What grpc-java's unary and server-streaming handlers close with when no request message arrived.
    static final String HALF_CLOSED_WITHOUT_REQUEST = "Half-closed without a request";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final boolean vertxTransport;

    protected SpecEncodedStatusMessages() {
        this(!ConfigProvider.getConfig()
                .getOptionalValue("quarkus.grpc.server.use-separate-server", Boolean.class).orElse(true));
    }

    /** {@code vertxTransport}: gRPC is served by the Vert.x HTTP server (the case this corrects). */
    protected SpecEncodedStatusMessages(boolean vertxTransport) {
        this.vertxTransport = vertxTransport;
    }

    /** The message as the spec sends it: UTF-8, each byte outside 0x20–0x7E and each '%' as %XX. */
    public static String encode(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        StringBuilder encoded = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c >= 0x20 && c <= 0x7E && c != '%') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return encoded.toString();
    }

    /** INTERNAL "Half-closed without a request" (see the class comment) as the client's mistake it is. */
    static Status noRequest(Status status, ServerCall<?, ?> call) {
        if (status.getCode() != Status.Code.INTERNAL || !HALF_CLOSED_WITHOUT_REQUEST.equals(status.getDescription())) {
            return status;
        }
        return Status.INVALID_ARGUMENT.withDescription("the request is not a valid " + call.getMethodDescriptor().getFullMethodName()
                + " request message (no message, or bytes that are no protobuf of its type)");
    }

    @Override
    public int getPriority() {
        // Higher than every quarkus-grpc interceptor (its exception handler included): called first, so closed last.
        return Integer.MAX_VALUE;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (!vertxTransport) {
            return next.startCall(call, headers);
        }
        return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                status = noRequest(status, call);
                if (status.isOk() || status.getDescription() == null) {
                    super.close(status, trailers);
                    return;
                }
                Metadata withMessage = new Metadata();
                withMessage.merge(trailers);
                withMessage.discardAll(MESSAGE);
                withMessage.put(MESSAGE, encode(status.getDescription()));
                super.close(status.withDescription(null), withMessage);
            }
        }, headers);
    }
}
