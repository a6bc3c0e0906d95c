package dev.dispatch.payment.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dispatch.testsupport.grpc.RawCall;
import dev.dispatch.testsupport.internal.InternalCallers;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Bytes that are not the request message are the caller's mistake: INVALID_ARGUMENT, never INTERNAL. */
@QuarkusTest
class GarbageRequestTest {

    @TestHTTPResource("/")
    URL app;

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = ManagedChannelBuilder.forAddress(app.getHost(), app.getPort()).usePlaintext().build();
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    @Test
    void bytesThatAreNoProtobufMessageAreInvalidArgument() {
        // A field header announcing 100 bytes of a length-delimited field, then two: truncated.
        Status status = RawCall.status(channel, "dispatch.payment.v1.PaymentService/Authorize",
                InternalCallers.headers(InternalCallers.service("order-service", "payment-service")), new byte[] { 0x0a, 100, 1, 2 });

        assertThat(status.getCode()).as(status.toString()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).contains("not a valid");
    }
}
