package dev.dispatch.order.service;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import dev.dispatch.order.config.OrderConfig;
import dev.dispatch.order.model.Order;
import dev.dispatch.order.model.OrderStatus;
import dev.dispatch.order.repository.OrderRepository;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The payment work that outlives a request, on a timer: orders awaiting payment are authorized again
 * (or fail past the bound), started cancellations get their refund, and orders that ended before
 * payment-service answered get their payment settled. Every step is idempotent and decided on the
 * locked order, so replicas running this at the same time do no harm; an authorization is claimed
 * first, so no order is ever asked for twice at the same time.
 */
@ApplicationScoped
public class PaymentScheduler {

    private static final Logger LOG = Logger.getLogger(PaymentScheduler.class);

    private final OrderRepository orders;
    private final PaymentSettlement settlement;
    private final OrderCancellation cancellation;
    private final OrderConfig config;

    PaymentScheduler(OrderRepository orders, PaymentSettlement settlement, OrderCancellation cancellation, OrderConfig config) {
        this.orders = orders;
        this.settlement = settlement;
        this.cancellation = cancellation;
        this.config = config;
    }

    /** A setting that would stop the scheduler stops the start instead, naming it. */
    void checkSettings(@Observes StartupEvent start) {
        if (config.payment().batchSize() < 1 || config.payment().concurrency() < 1) {
            throw new IllegalArgumentException("dispatch.order.payment.batch-size and dispatch.order.payment.concurrency must be at"
                    + " least 1, they are " + config.payment().batchSize() + " and " + config.payment().concurrency());
        }
    }

    @Scheduled(every = "${dispatch.order.payment.retry-every}", delayed = "${dispatch.order.payment.retry-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        int batch = config.payment().batchSize();
        return drainAwaitingPayment()
                .call(() -> each(orders.refunding(config.payment().deadline(), batch), this::completeCancellation))
                .call(() -> each(orders.endedWithUnsettledPayment(batch), this::settleEnded));
    }

    /**
     * Orders awaiting payment, round after round while the last round was full and every one of its orders was settled:
     * a backlog left by an outage goes as fast as payment-service answers, {@code concurrency} orders at a time. An order
     * payment-service does not answer for ends the drain; the rest waits for the next period (the back-off).
     */
    private Uni<Void> drainAwaitingPayment() {
        long start = System.nanoTime();
        return Uni.createFrom().deferred(this::authorizeRound)
                .repeat().whilst(Round::goOn)
                .collect().with(Collectors.summingInt(Round::settled))
                .invoke(settled -> {
                    if (settled > 0) {
                        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                        LOG.infof("%d orders awaiting payment settled in %d ms", settled, millis);
                    }
                })
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("payment retries postponed: %s", failure.getMessage());
                    return null;
                });
    }

    /**
     * One round: the first order alone, as a probe (a circuit breaker that is half-open lets one trial call through and
     * refuses the others), then the rest, {@code concurrency} at a time.
     */
    private Uni<Round> authorizeRound() {
        int batch = config.payment().batchSize();
        AtomicBoolean unanswered = new AtomicBoolean();
        return orders.awaitingPayment(batch).flatMap(ids -> ids.isEmpty() ? Uni.createFrom().item(new Round(0, false))
                : attempt(ids.get(0), unanswered).flatMap(first -> Multi.createFrom().iterable(ids.subList(1, ids.size()))
                        .onItem().transformToUni(id -> attempt(id, unanswered))
                        .merge(config.payment().concurrency())
                        .filter(outcome -> outcome == Outcome.SETTLED)
                        .collect().with(Collectors.counting())
                        .map(settled -> new Round((first == Outcome.SETTLED ? 1 : 0) + settled.intValue(),
                                ids.size() == batch && !unanswered.get()))));
    }

    // Taken up as earlier ones finish: once one is unanswered, the rest of the round is left for the next period.
    private Uni<Outcome> attempt(UUID id, AtomicBoolean unanswered) {
        return Uni.createFrom().deferred(() -> unanswered.get() ? Uni.createFrom().item(Outcome.LEFT) : retry(id).invoke(outcome -> {
            if (outcome == Outcome.UNANSWERED) {
                unanswered.set(true);
            }
        }));
    }

    private Uni<Outcome> retry(UUID id) {
        return settlement.retry(id)
                .map(order -> order == null ? Outcome.NOT_MINE
                        : order.status() == OrderStatus.AWAITING_PAYMENT ? Outcome.UNANSWERED : Outcome.SETTLED)
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("authorization of order %s postponed: %s", id, failure.getMessage());
                    return Outcome.UNANSWERED;
                });
    }

    private Uni<Order> completeCancellation(Order order) {
        return cancellation.completeRefund(order);
    }

    private Uni<Order> settleEnded(Order order) {
        return settlement.settleEnded(order);
    }

    // One order after the other; one order's failure (payment-service still away) does not stop the others.
    private Uni<Void> each(Uni<List<UUID>> ids, Function<Order, Uni<Order>> step) {
        return ids.onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(id -> orders.find(id)
                        .flatMap(order -> order == null ? Uni.createFrom().nullItem() : step.apply(order))
                        .onFailure().recoverWithItem(failure -> {
                            LOG.debugf("payment work on order %s postponed: %s", id, failure.getMessage());
                            return null;
                        }))
                .collect().last()
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("payment work postponed: %s", failure.getMessage());
                    return null;
                });
    }

    /**
     * What became of one order of a round: settled (paid, declined or failed), unanswered (payment-service did not answer:
     * it stays awaiting payment), not mine (another attempt holds it, or it no longer awaits payment), left (not tried).
     */
    private enum Outcome { SETTLED, UNANSWERED, NOT_MINE, LEFT }

    /** {@code goOn}: the round was full and payment-service answered for all of it, so the next one follows at once. */
    private record Round(int settled, boolean goOn) {
    }
}
