package dev.dispatch.order.model;

import java.util.List;

/** One page of ListOrders; nextPageToken is null on the last page. */
public record OrderPage(List<Order> orders, String nextPageToken) {
}
