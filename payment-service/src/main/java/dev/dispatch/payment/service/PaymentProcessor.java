package dev.dispatch.payment.service;

import static dev.dispatch.payment.model.PaymentRejected.Kind.CONFLICT;
import static dev.dispatch.payment.model.PaymentRejected.Kind.INVALID;
import static dev.dispatch.payment.model.PaymentRejected.Kind.NOT_FOUND;
import static dev.dispatch.payment.model.PaymentRejected.Kind.PRECONDITION;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.dispatch.payment.config.PaymentConfig;
import dev.dispatch.payment.model.AuthorizationPolicy;
import dev.dispatch.payment.model.AuthorizationRequest;
import dev.dispatch.payment.model.DeclineReason;
import dev.dispatch.payment.model.Payment;
import dev.dispatch.payment.model.PaymentRejected;
import dev.dispatch.payment.model.PaymentScope;
import dev.dispatch.payment.model.PaymentStatus;
import dev.dispatch.payment.model.Refund;
import dev.dispatch.payment.model.RefundOutcome;
import dev.dispatch.payment.model.RefundRequest;
import dev.dispatch.payment.model.RequestRules;
import dev.dispatch.payment.repository.PaymentRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The payment rules: one payment per order (authorizing twice returns the first result and charges
 * once), refunds idempotent by refund id and never above what was captured.
 */
@ApplicationScoped
public class PaymentProcessor {

    private final PaymentRepository repository;
    private final AuthorizationPolicy policy;

    PaymentProcessor(PaymentRepository repository, PaymentConfig config) {
        this.repository = repository;
        this.policy = new AuthorizationPolicy(config.amountLimitMinor());
    }

    public Uni<Payment> authorize(AuthorizationRequest request) {
        RequestRules.validate(request);
        return repository.findByOrderId(request.orderId())
                .flatMap(existing -> existing != null
                        ? Uni.createFrom().item(sameAuthorization(existing, request))
                        : decideAndStore(request));
    }

    public Uni<RefundOutcome> refund(RefundRequest request) {
        RequestRules.validate(request);
        // Lock the payment first: concurrent refunds of one payment (same id or not) run one after the other.
        return repository.pool().withTransaction(tx -> repository.findByOrderId(tx, request.orderId(), true)
                .flatMap(payment -> {
                    if (payment == null) {
                        return Uni.createFrom().failure(new PaymentRejected(NOT_FOUND, "no payment for order " + request.orderId()));
                    }
                    return repository.findRefund(tx, request.refundId()).flatMap(existing -> existing != null
                            ? Uni.createFrom().item(sameRefund(existing, payment, request))
                            : newRefund(tx, payment, request));
                }));
    }

    /** The order's payment; NOT_FOUND also when it is outside the scope, with the same message as a missing one. */
    public Uni<Payment> byOrderId(String orderId, PaymentScope scope) {
        RequestRules.requireId("order_id", orderId);
        return repository.findByOrderId(orderId).map(p -> found(p, scope, "no payment for order " + orderId));
    }

    public Uni<Payment> byId(String paymentId, PaymentScope scope) {
        return repository.findById(RequestRules.paymentId(paymentId)).map(p -> found(p, scope, "no payment " + paymentId));
    }

    /** The payments of those orders that have one within the scope; the others are left out. */
    public Uni<List<Payment>> byOrderIds(List<String> orderIds, PaymentScope scope) {
        RequestRules.validateOrderIds(orderIds);
        return orderIds.isEmpty()
                ? Uni.createFrom().item(List.of())
                : repository.findByOrderIds(orderIds).map(found -> found.stream().filter(scope::sees).toList());
    }

    private Uni<Payment> decideAndStore(AuthorizationRequest request) {
        Optional<DeclineReason> decline = policy.decline(request.paymentToken(), request.amountMinor());
        Payment candidate = new Payment(UUID.randomUUID(), request.orderId(), request.customerId(),
                decline.isPresent() ? PaymentStatus.DECLINED : PaymentStatus.AUTHORIZED,
                request.amountMinor(), 0, request.currency(), decline.orElse(null), null, null);
        // Lost a race with a concurrent call for the same order: answer with the winner's payment.
        return repository.insertIfAbsent(candidate)
                .flatMap(stored -> stored != null
                        ? Uni.createFrom().item(stored)
                        : repository.findByOrderId(request.orderId()).map(winner -> sameAuthorization(winner, request)));
    }

    private Uni<RefundOutcome> newRefund(SqlClient tx, Payment payment, RefundRequest request) {
        if (!payment.captured()) {
            throw new PaymentRejected(PRECONDITION, "the payment of order " + request.orderId() + " was declined; nothing to refund");
        }
        if (!payment.currency().equals(request.currency())) {
            throw new PaymentRejected(INVALID, "refund currency " + request.currency() + " differs from the payment's " + payment.currency());
        }
        if (request.amountMinor() > payment.refundableMinor()) {
            throw new PaymentRejected(PRECONDITION, "refund of " + request.amountMinor() + " exceeds the refundable "
                    + payment.refundableMinor() + " " + payment.currency());
        }
        return repository.insertRefund(tx, request.refundId(), payment.id(), request.amountMinor(), request.reason())
                .flatMap(refund -> repository.addRefunded(tx, payment.id(), refund.amountMinor())
                        .map(updated -> new RefundOutcome(refund, updated)));
    }

    private static Payment sameAuthorization(Payment existing, AuthorizationRequest request) {
        if (existing.amountMinor() != request.amountMinor() || !existing.currency().equals(request.currency())
                || !existing.customerId().equals(request.customerId())) {
            throw new PaymentRejected(CONFLICT, "order " + request.orderId()
                    + " already has a payment for another amount, currency or customer");
        }
        return existing;
    }

    private static RefundOutcome sameRefund(Refund existing, Payment payment, RefundRequest request) {
        if (!existing.paymentId().equals(payment.id()) || existing.amountMinor() != request.amountMinor()) {
            throw new PaymentRejected(CONFLICT, "refund " + request.refundId() + " already exists with another order or amount");
        }
        return new RefundOutcome(existing, payment);
    }

    private static Payment found(Payment payment, PaymentScope scope, String message) {
        if (payment == null || !scope.sees(payment)) {
            throw new PaymentRejected(NOT_FOUND, message);
        }
        return payment;
    }
}
