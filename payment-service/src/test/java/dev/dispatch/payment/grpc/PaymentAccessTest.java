package dev.dispatch.payment.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.dispatch.payment.model.Payment;
import dev.dispatch.payment.model.PaymentScope;
import dev.dispatch.payment.model.PaymentStatus;
import dev.dispatch.platform.identity.CallerIdentity;
import dev.dispatch.platform.identity.Role;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

class PaymentAccessTest {

    private static final CallerIdentity ORDER_SERVICE = new CallerIdentity("order-service", Role.SERVICE, "order-service");
    private static final CallerIdentity GATEWAY = new CallerIdentity("gateway", Role.SERVICE, "gateway");
    private static final CallerIdentity OPERATOR = user("operator-1", Role.OPERATOR);
    private static final CallerIdentity ALICE = user("alice", Role.CUSTOMER);
    private static final CallerIdentity COURIER = user("courier-1", Role.COURIER);

    @Test
    void onlyOrderServiceAsItselfMovesMoney() {
        assertThatCode(() -> PaymentAccess.requireOrderService(ORDER_SERVICE)).doesNotThrowAnyException();
        for (CallerIdentity caller : new CallerIdentity[] {GATEWAY, OPERATOR, ALICE, COURIER, user("order-service", Role.CUSTOMER)}) {
            assertDenied(() -> PaymentAccess.requireOrderService(caller));
        }
    }

    @Test
    void orderServiceAndOperatorsReadEveryPayment() {
        assertThat(PaymentAccess.readScope(ORDER_SERVICE)).isEqualTo(PaymentScope.ALL);
        assertThat(PaymentAccess.readScope(OPERATOR)).isEqualTo(PaymentScope.ALL);
        assertThat(PaymentScope.ALL.sees(payment("anyone"))).isTrue();
    }

    @Test
    void aCustomerReadsOnlyTheirOwn() {
        PaymentScope scope = PaymentAccess.readScope(ALICE);

        assertThat(scope.sees(payment("alice"))).isTrue();
        assertThat(scope.sees(payment("bob"))).isFalse();
    }

    @Test
    void couriersAndOtherServicesReadNothing() {
        assertDenied(() -> PaymentAccess.readScope(COURIER));
        assertDenied(() -> PaymentAccess.readScope(GATEWAY));
    }

    private static CallerIdentity user(String subject, Role role) {
        return CallerIdentity.user(subject, role);
    }

    private static Payment payment(String customerId) {
        return new Payment(UUID.randomUUID(), "order-1", customerId, PaymentStatus.AUTHORIZED, 100, 0, "EUR", null, null, null);
    }

    private static void assertDenied(Runnable check) {
        assertThatThrownBy(check::run)
                .isInstanceOf(StatusRuntimeException.class)
                .satisfies(e -> assertThat(((StatusRuntimeException) e).getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
    }
}
