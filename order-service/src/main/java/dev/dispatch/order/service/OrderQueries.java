package dev.dispatch.order.service;

import java.util.List;
import java.util.UUID;

import dev.dispatch.order.model.Caller;
import dev.dispatch.order.model.Order;
import dev.dispatch.order.model.OrderPage;
import dev.dispatch.order.model.OrderRejected;
import dev.dispatch.order.model.OrderStatus;
import dev.dispatch.order.model.OrderValidator;
import dev.dispatch.order.model.PageToken;
import dev.dispatch.order.repository.OrderRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** GetOrder and ListOrders, scoped to what the caller may see. */
@ApplicationScoped
public class OrderQueries {

    private final OrderRepository orders;

    OrderQueries(OrderRepository orders) {
        this.orders = orders;
    }

    /** NOT_FOUND for an order that does not exist and for one the caller may not see alike, so ids cannot be probed. */
    public Uni<Order> get(Caller caller, UUID orderId) {
        return orders.find(orderId).map(order -> {
            if (order == null || !caller.maySee(order)) {
                throw OrderRejected.notFound(orderId.toString());
            }
            return order;
        });
    }

    public Uni<OrderPage> list(Caller caller, OrderStatus status, int requestedPageSize, String pageToken) {
        int pageSize = OrderValidator.pageSize(requestedPageSize);
        PageToken after = PageToken.decode(pageToken);
        // One more than asked: whether it exists says whether there is a next page.
        return orders.list(caller.scope(), status, after == null ? null : after.createdAt(), after == null ? null : after.id(), pageSize + 1)
                .map(found -> {
                    if (found.size() <= pageSize) {
                        return new OrderPage(found, null);
                    }
                    List<Order> page = found.subList(0, pageSize);
                    return new OrderPage(page, PageToken.after(page.get(pageSize - 1)).encode());
                });
    }
}
