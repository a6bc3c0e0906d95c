package dev.dispatch.testsupport.internal;

import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.dispatch.testsupport.grpc.RawCall;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
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
        return RawCall.status(channel, fullMethodName, headers, new byte[0]).getCode();
    }
}
