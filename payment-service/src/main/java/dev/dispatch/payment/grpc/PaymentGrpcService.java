package dev.dispatch.payment.grpc;

import java.util.function.Supplier;

import dev.dispatch.payment.model.PaymentRejected;
import dev.dispatch.payment.model.PaymentScope;
import dev.dispatch.payment.service.PaymentProcessor;
import dev.dispatch.platform.grpc.InternalAuthentication;
import dev.dispatch.platform.identity.CallerIdentity;
import dev.dispatch.proto.payment.v1.AuthorizeRequest;
import dev.dispatch.proto.payment.v1.GetPaymentRequest;
import dev.dispatch.proto.payment.v1.ListPaymentsRequest;
import dev.dispatch.proto.payment.v1.ListPaymentsResponse;
import dev.dispatch.proto.payment.v1.Payment;
import dev.dispatch.proto.payment.v1.PaymentService;
import dev.dispatch.proto.payment.v1.RefundRequest;
import dev.dispatch.proto.payment.v1.RefundResult;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

/**
 * payment.v1.PaymentService over gRPC: each call checks what its verified caller may do ({@link PaymentAccess}), maps
 * the message to the model, runs the payment rules and maps the answer back; a refusal becomes its status code (see
 * {@link FailureStatus}). The caller is read where a method starts, on the thread the call arrived on.
 */
@GrpcService
public class PaymentGrpcService implements PaymentService {

    private final PaymentProcessor payments;

    PaymentGrpcService(PaymentProcessor payments) {
        this.payments = payments;
    }

    @Override
    public Uni<Payment> authorize(AuthorizeRequest request) {
        CallerIdentity caller = InternalAuthentication.caller();
        return call(() -> {
            PaymentAccess.requireOrderService(caller);
            return payments.authorize(PaymentMapper.toDomain(request)).map(PaymentMapper::toProto);
        });
    }

    @Override
    public Uni<RefundResult> refund(RefundRequest request) {
        CallerIdentity caller = InternalAuthentication.caller();
        return call(() -> {
            PaymentAccess.requireOrderService(caller);
            return payments.refund(PaymentMapper.toDomain(request)).map(PaymentMapper::toProto);
        });
    }

    @Override
    public Uni<Payment> getPayment(GetPaymentRequest request) {
        CallerIdentity caller = InternalAuthentication.caller();
        return call(() -> {
            PaymentScope scope = PaymentAccess.readScope(caller);
            return switch (request.getKeyCase()) {
                case PAYMENT_ID -> payments.byId(request.getPaymentId(), scope).map(PaymentMapper::toProto);
                case ORDER_ID -> payments.byOrderId(request.getOrderId(), scope).map(PaymentMapper::toProto);
                case KEY_NOT_SET -> throw new PaymentRejected(PaymentRejected.Kind.INVALID, "payment_id or order_id is required");
            };
        });
    }

    @Override
    public Uni<ListPaymentsResponse> listPayments(ListPaymentsRequest request) {
        CallerIdentity caller = InternalAuthentication.caller();
        return call(() -> payments.byOrderIds(request.getOrderIdsList(), PaymentAccess.readScope(caller))
                .map(list -> ListPaymentsResponse.newBuilder()
                        .addAllPayments(list.stream().map(PaymentMapper::toProto).toList())
                        .build()));
    }

    /** Runs a call so that a rule's refusal becomes its status code and anything else a bare INTERNAL. */
    private static <T> Uni<T> call(Supplier<Uni<? extends T>> body) {
        return Uni.createFrom().<T>deferred(body).onFailure().transform(FailureStatus::of);
    }
}
