package dev.dispatch.order.service;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.jboss.logging.Logger;

import dev.dispatch.order.config.OrderConfig;
import dev.dispatch.order.model.Order;
import dev.dispatch.order.model.OrderStatus;
import dev.dispatch.order.repository.OrderRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The payment work that outlives a request, on a timer: orders awaiting payment are authorized again
 * (or fail past the bound), started cancellations get their refund, and orders that ended before
 * payment-service answered get their payment settled. Every step is idempotent and decided on the
 * locked order, so replicas running this at the same time do no harm.
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

    @Scheduled(every = "${dispatch.order.payment.retry-every}", delayed = "${dispatch.order.payment.retry-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        int batch = config.payment().batchSize();
        // Orders younger than one call's deadline may still have their PlaceOrder call in flight.
        return each(orders.awaitingPayment(config.payment().deadline(), batch), this::retryAuthorization)
                .call(() -> each(orders.refunding(config.payment().deadline(), batch), this::completeCancellation))
                .call(() -> each(orders.endedWithUnsettledPayment(batch), this::settleEnded));
    }

    private Uni<Order> retryAuthorization(Order order) {
        if (order.status() != OrderStatus.AWAITING_PAYMENT) {
            return Uni.createFrom().item(order);
        }
        return settlement.isPastBound(order) ? settlement.expire(order.id()) : settlement.authorize(order);
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
}
