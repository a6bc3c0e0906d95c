package dev.dispatch.testsupport.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;

/**
 * Calls every method of a gRPC service the way any client could, with an empty request and the given headers, and
 * reports the status each one answered: proof that a check runs before every method, including ones added later.
 */
public final class GrpcAuthChecks {

    private GrpcAuthChecks() {
    }

    /** {@link #callEveryMethod(Channel, ServiceDescriptor, Metadata)} over a channel of its own to the test app. */
    public static Map<String, Status.Code> callEveryMethod(URL app, ServiceDescriptor service, Metadata headers) {
        ManagedChannel channel = ManagedChannelBuilder.forAddress(app.getHost(), app.getPort()).usePlaintext().build();
        try {
            return callEveryMethod(channel, service, headers);
        } finally {
            channel.shutdownNow();
        }
    }

    /** Every method of the service answering {@code code}: what a whole-service check expects. */
    public static Map<String, Status.Code> everyMethod(ServiceDescriptor service, Status.Code code) {
        Map<String, Status.Code> all = new LinkedHashMap<>();
        service.getMethods().forEach(m -> all.put(m.getBareMethodName(), code));
        return all;
    }

    /** Method name → the status it closed with. */
    public static Map<String, Status.Code> callEveryMethod(Channel channel, ServiceDescriptor service, Metadata headers) {
        Map<String, Status.Code> answers = new LinkedHashMap<>();
        for (MethodDescriptor<?, ?> method : service.getMethods()) {
            answers.put(method.getBareMethodName(), call(channel, method.getFullMethodName(), headers));
        }
        return answers;
    }

    private static Status.Code call(Channel channel, String fullMethodName, Metadata headers) {
        MethodDescriptor<byte[], byte[]> raw = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNKNOWN)
                .setFullMethodName(fullMethodName)
                .setRequestMarshaller(Bytes.INSTANCE)
                .setResponseMarshaller(Bytes.INSTANCE)
                .build();
        ClientCall<byte[], byte[]> call = channel.newCall(raw, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS));
        CompletableFuture<Status> closed = new CompletableFuture<>();
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onClose(Status status, Metadata trailers) {
                closed.complete(status);
            }
        }, headers);
        call.request(Integer.MAX_VALUE);
        call.sendMessage(new byte[0]);
        call.halfClose();
        try {
            return closed.get(15, TimeUnit.SECONDS).getCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            call.cancel("no answer", null);
            throw new IllegalStateException(fullMethodName + " did not answer", e);
        }
    }

    private enum Bytes implements MethodDescriptor.Marshaller<byte[]> {
        INSTANCE;

        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
