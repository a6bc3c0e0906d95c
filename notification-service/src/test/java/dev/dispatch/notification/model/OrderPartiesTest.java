package dev.dispatch.notification.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Who may call whom on an order. */
class OrderPartiesTest {

    final OrderParties order = new OrderParties("o-1", "alice", "courier-1", true);

    @Test
    void theCustomerCallsTheCourierAndTheCourierTheCustomer() {
        assertThat(order.calleeFor(new Party("alice", PartyRole.CUSTOMER), null)).contains(new Party("courier-1", PartyRole.COURIER));
        assertThat(order.calleeFor(new Party("alice", PartyRole.CUSTOMER), PartyRole.COURIER)).contains(new Party("courier-1", PartyRole.COURIER));
        assertThat(order.calleeFor(new Party("courier-1", PartyRole.COURIER), null)).contains(new Party("alice", PartyRole.CUSTOMER));
    }

    @Test
    void anOperatorCallsWhomeverItNames() {
        Party olga = new Party("olga", PartyRole.OPERATOR);
        assertThat(order.calleeFor(olga, PartyRole.CUSTOMER)).contains(new Party("alice", PartyRole.CUSTOMER));
        assertThat(order.calleeFor(olga, PartyRole.COURIER)).contains(new Party("courier-1", PartyRole.COURIER));
        assertThat(order.calleeFor(olga, null)).isEmpty();
    }

    @Test
    void nobodyElseAndNoOneThemselves() {
        assertThat(order.calleeFor(new Party("bob", PartyRole.CUSTOMER), null)).isEmpty();
        assertThat(order.calleeFor(new Party("courier-2", PartyRole.COURIER), null)).isEmpty();
        // the same id in another role is someone else
        assertThat(order.calleeFor(new Party("alice", PartyRole.COURIER), null)).isEmpty();
        assertThat(order.calleeFor(new Party("alice", PartyRole.CUSTOMER), PartyRole.CUSTOMER)).isEmpty();
        assertThat(order.calleeFor(new Party("courier-1", PartyRole.COURIER), PartyRole.COURIER)).isEmpty();
    }

    @Test
    void onlyAnOpenOrderWithBothPartiesIsCallable() {
        assertThat(order.callable()).isTrue();
        assertThat(new OrderParties("o-1", "alice", "courier-1", false).callable()).isFalse();
        assertThat(new OrderParties("o-1", null, null, true).callable()).isFalse();
    }
}
