package dev.dispatch.payment.grpc;

import dev.dispatch.payment.model.PaymentScope;
import dev.dispatch.platform.identity.CallerIdentity;
import dev.dispatch.platform.identity.Role;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Who may do what with payments, from the caller's verified internal token (payment.proto): only order-service, as
 * itself, authorizes and refunds; it and operators read every payment, a customer only their own; anyone else is
 * PERMISSION_DENIED.
 */
final class PaymentAccess {

    static final String ORDER_SERVICE = "order-service";

    private PaymentAccess() {
    }

    /** Authorize and Refund: money moves only when order-service asks, never for a user directly. */
    static void requireOrderService(CallerIdentity caller) {
        if (!caller.isService(ORDER_SERVICE)) {
            throw denied("only order-service authorizes and refunds payments");
        }
    }

    /** The payments GetPayment and ListPayments may show this caller. */
    static PaymentScope readScope(CallerIdentity caller) {
        if (caller.isService(ORDER_SERVICE) || caller.is(Role.OPERATOR)) {
            return PaymentScope.ALL;
        }
        if (caller.is(Role.CUSTOMER)) {
            return PaymentScope.ofCustomer(caller.subject());
        }
        throw denied("payments are read by order-service, operators and the paying customer only");
    }

    private static StatusRuntimeException denied(String reason) {
        return Status.PERMISSION_DENIED.withDescription(reason).asRuntimeException();
    }
}
