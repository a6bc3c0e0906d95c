package dev.dispatch.order.service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.jboss.logging.Logger;

import dev.dispatch.order.config.OrderConfig;
import dev.dispatch.order.model.Change;
import dev.dispatch.order.model.Order;
import dev.dispatch.order.model.OrderStateMachine;
import dev.dispatch.order.model.OrderStatus;
import dev.dispatch.order.model.PaymentState;
import dev.dispatch.order.model.PaymentStatus;
import dev.dispatch.order.payment.PaymentClient;
import dev.dispatch.order.payment.PaymentMapper;
import dev.dispatch.order.payment.PaymentRefused;
import dev.dispatch.order.repository.OrderRepository;
import io.grpc.Status;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Settles orders' payments with payment-service: authorizes orders awaiting payment, gives up on
 * them after the bounded time, and makes sure an order that ended before payment-service answered
 * (cancelled, or failed) keeps no money: a late authorization is refunded.
 */
@ApplicationScoped
public class PaymentSettlement {

    public static final String UNAVAILABLE = "payment_unavailable";
    public static final String REFUSED = "payment_refused";
    public static final String NOT_CHARGED = "not_charged";
    public static final String LATE_AUTHORIZATION_REFUNDED = "late_authorization_refunded";

    private static final Logger LOG = Logger.getLogger(PaymentSettlement.class);

    private final PaymentClient payments;
    private final OrderChanges changes;
    private final OrderRepository orders;
    private final OrderConfig config;

    PaymentSettlement(PaymentClient payments, OrderChanges changes, OrderRepository orders, OrderConfig config) {
        this.payments = payments;
        this.changes = changes;
        this.orders = orders;
        this.config = config;
    }

    /**
     * Asks for the order's authorization: the answer moves it to PAID or PAYMENT_DECLINED. When
     * payment-service cannot answer now the order simply stays AWAITING_PAYMENT (the scheduler asks
     * again); the result is the order as it is then, never a payment failure. The caller holds the order's claim (a new
     * order's, or {@link #retry}'s).
     */
    public Uni<Order> authorize(Order order) {
        return payments.authorize(PaymentMapper.toAuthorizeRequest(order))
                .flatMap(payment -> changes.apply(order.id(), current -> onAuthorization(current, PaymentMapper.toState(payment))))
                .onFailure(PaymentClient::isUnavailable).recoverWithUni(failure -> {
                    LOG.debugf("order %s stays AWAITING_PAYMENT: %s", order.id(), failure.getMessage());
                    return orders.find(order.id());
                })
                .onFailure(PaymentRefused.class).recoverWithUni(failure -> changes.apply(order.id(), current ->
                        current.status() != OrderStatus.AWAITING_PAYMENT ? Change.keep() : Change.transition(
                                OrderStateMachine.move(current, OrderStatus.PAYMENT_FAILED, failure.getMessage())
                                        .withPayment(current.payment().withStatus(PaymentStatus.FAILED, REFUSED)))));
    }

    /**
     * Asks again for an order awaiting payment, claiming it first so that no other attempt (PlaceOrder's, a replay's,
     * another replica's) runs at the same time; past the bound the order fails instead. The order as it is then, or null
     * when it did not need this attempt: it no longer awaits payment, or another attempt holds it.
     */
    public Uni<Order> retry(UUID orderId) {
        return orders.claimForAuthorization(orderId, attemptLease()).flatMap(claimed -> {
            if (claimed == null) {
                return Uni.createFrom().nullItem();
            }
            return isPastBound(claimed) ? expire(orderId) : authorize(claimed);
        });
    }

    /**
     * How long one authorization attempt may take, and so how long its claim holds: {@link PaymentClient#authorize} makes
     * at most two calls (one retry, 200 + up to 100 ms apart), each within the deadline; the rest is margin.
     */
    public Duration attemptLease() {
        return config.payment().deadline().multipliedBy(2).plusSeconds(1);
    }

    /** Past the bound, an order still awaiting payment fails; whatever payment-service may still record is refunded later. */
    public Uni<Order> expire(UUID orderId) {
        return changes.apply(orderId, current -> {
            if (current.status() != OrderStatus.AWAITING_PAYMENT || !isPastBound(current)) {
                return Change.keep();
            }
            LOG.infof("order %s: no answer from payment-service within %s, the order fails", orderId, config.payment().retryBound());
            return Change.transition(OrderStateMachine.move(current, OrderStatus.PAYMENT_FAILED,
                            "payment-service did not answer within " + config.payment().retryBound())
                    .withPayment(current.payment().withStatus(PaymentStatus.PENDING, UNAVAILABLE)));
        });
    }

    public boolean isPastBound(Order order) {
        return order.createdAt().plus(config.payment().retryBound()).isBefore(OffsetDateTime.now());
    }

    /**
     * For an order that ended (CANCELLED, PAYMENT_FAILED) while its payment was still unanswered:
     * asks payment-service what happened, refunds a captured payment, and records the outcome.
     * "No payment" counts only once payment-service can no longer be processing a late call.
     */
    public Uni<Order> settleEnded(Order order) {
        return payments.paymentOfOrder(order.id().toString())
                .flatMap(payment -> {
                    PaymentState state = PaymentMapper.toState(payment);
                    long refundable = PaymentMapper.refundableMinor(payment);
                    if (state.status() != PaymentStatus.AUTHORIZED || refundable <= 0) {
                        return record(order.id(), state.status() == PaymentStatus.AUTHORIZED
                                ? state.withStatus(PaymentStatus.REFUNDED, LATE_AUTHORIZATION_REFUNDED) : state);
                    }
                    LOG.infof("order %s ended as %s but was charged meanwhile: refunding", order.id(), order.status());
                    return payments.refund(PaymentMapper.toRefundRequest(order, refundable, "order " + order.status()))
                            .flatMap(refund -> record(order.id(), state.withStatus(PaymentStatus.REFUNDED, LATE_AUTHORIZATION_REFUNDED)));
                })
                .onFailure(f -> f instanceof PaymentRefused r && r.code() == Status.Code.NOT_FOUND).recoverWithUni(notFound ->
                        order.updatedAt().plus(config.payment().settleAfter()).isBefore(OffsetDateTime.now())
                                ? record(order.id(), new PaymentState(null, PaymentStatus.NONE, NOT_CHARGED))
                                : Uni.createFrom().item(order));
    }

    private Uni<Order> record(UUID orderId, PaymentState outcome) {
        return changes.apply(orderId, current -> current.status().isFinal() && current.payment().status() == PaymentStatus.PENDING
                ? Change.update(current.withPayment(outcome))
                : Change.keep());
    }

    private static Change onAuthorization(Order current, PaymentState payment) {
        if (current.status() != OrderStatus.AWAITING_PAYMENT) {
            // Already settled by a concurrent call, or cancelled meanwhile (then settleEnded refunds).
            return Change.keep();
        }
        return switch (payment.status()) {
            case AUTHORIZED -> Change.transition(OrderStateMachine.move(current, OrderStatus.PAID, null).withPayment(payment));
            case DECLINED -> Change.transition(OrderStateMachine.move(current, OrderStatus.PAYMENT_DECLINED, payment.reason())
                    .withPayment(payment));
            default -> Change.transition(OrderStateMachine.move(current, OrderStatus.PAYMENT_FAILED, "payment already " + payment.status())
                    .withPayment(payment.withStatus(PaymentStatus.FAILED, REFUSED)));
        };
    }
}
