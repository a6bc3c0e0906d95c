package dev.dispatch.gateway.backend;

import java.util.List;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;

import dev.dispatch.gateway.model.FieldPaths;
import dev.dispatch.platform.problem.FieldError;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;

/** The words for a failed backend call that REST problems and GraphQL errors share. */
public final class BackendMessages {

    private BackendMessages() {
    }

    /** A request shed before it was sent: nothing was done, so trying again later is safe. */
    public static String overloaded() {
        return "Too many orders are being placed right now; this one was not placed: try again shortly";
    }

    public static String unavailable(Backend backend, Status status) {
        return status.getCode() == Status.Code.DEADLINE_EXCEEDED
                ? backend.subject() + " did not answer in time; try again shortly"
                : backend.subject() + " is unavailable; try again shortly";
    }

    /** Each bad field the backend listed in a google.rpc.BadRequest detail, named as the API's clients name it. */
    public static List<FieldError> fieldErrors(Throwable e) {
        com.google.rpc.Status rich = StatusProto.fromThrowable(e);
        return rich == null ? List.of() : rich.getDetailsList().stream()
                .filter(any -> any.is(BadRequest.class))
                .flatMap(any -> unpack(any).getFieldViolationsList().stream())
                .map(v -> new FieldError(FieldPaths.ofProto(v.getField()), v.getDescription()))
                .toList();
    }

    /** The backend's description, which for the codes it is shown for is written for callers. */
    public static String describe(Status status) {
        return status.getDescription() == null ? status.getCode().name() : status.getDescription();
    }

    private static BadRequest unpack(Any any) {
        try {
            return any.unpack(BadRequest.class);
        } catch (InvalidProtocolBufferException e) {
            return BadRequest.getDefaultInstance();
        }
    }
}
