package dev.dispatch.order.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.protobuf.Message;

import dev.dispatch.order.support.Caller;
import dev.dispatch.order.support.Orders;
import dev.dispatch.proto.order.v1.DispatchOrderRequest;
import dev.dispatch.proto.order.v1.GetOrderRequest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import jakarta.inject.Inject;

/**
 * The raw {@code grpc-message} of a refused call, read over HTTP/2 the way any client library receives it: encoded as
 * the gRPC spec says (only bytes outside 0x20–0x7E and '%'), so that grpc-js, which decodes it with
 * {@code decodeURI}, shows "order_id: is required" and not "order_id%3A is required".
 */
@QuarkusTest
class StatusMessageOnTheWireTest {

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URL app;

    private HttpClient http2;

    @BeforeEach
    void connect() {
        http2 = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
    }

    @AfterEach
    void disconnect() throws Exception {
        http2.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aMissingOrderIdReadsAsWritten() throws Exception {
        MultiMap status = call("GetOrder", Orders.newCustomer(), GetOrderRequest.newBuilder().build());

        assertThat(status.get("grpc-status")).isEqualTo("3");
        assertThat(status.get("grpc-message")).isEqualTo("order_id: is required");
        assertThat(status.get("grpc-status-details-bin")).isNotBlank();
    }

    @Test
    void punctuationIsNotEscaped() throws Exception {
        MultiMap status = call("DispatchOrder", Orders.OPERATOR, DispatchOrderRequest.newBuilder()
                .setOrderId(UUID.randomUUID().toString()).setDeviceId("courier 1").build());

        assertThat(status.get("grpc-status")).isEqualTo("3");
        assertThat(status.get("grpc-message")).isEqualTo("device_id: is required: 1 to 64 letters, digits, '.', '_', ':' or '-'");
    }

    /** One unary call of OrderService; the response headers and trailers together (a refusal may be trailers-only). */
    private MultiMap call(String method, Caller caller, Message request) throws Exception {
        byte[] bytes = request.toByteArray();
        Buffer frame = Buffer.buffer().appendByte((byte) 0).appendInt(bytes.length).appendBytes(bytes);
        return http2.request(HttpMethod.POST, app.getPort(), app.getHost(), "/dispatch.order.v1.OrderService/" + method)
                .compose(req -> req.putHeader("content-type", "application/grpc").putHeader("te", "trailers")
                        .putHeader("authorization", "Bearer " + caller.token()).send(frame))
                .compose(response -> response.body().map(body -> {
                    assertThat(response.version()).isEqualTo(HttpVersion.HTTP_2);
                    return MultiMap.caseInsensitiveMultiMap().addAll(response.headers()).addAll(response.trailers());
                }))
                .toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
}
