package dev.dispatch.notification.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Who may see what: customers their own orders' events (never operators-only ones), operators everything. */
class RecipientTest {

    static Notification of(String customerId, boolean operatorsOnly) {
        return new Notification(1, "dispatch.order.paid", "o-1", customerId, operatorsOnly, "{}", null);
    }

    @Test
    void aCustomerSeesOnlyTheirOwnAndNoOperatorsOnlyNotification() {
        Recipient alice = new Recipient("alice", false);
        assertThat(alice.maySee(of("alice", false))).isTrue();
        assertThat(alice.maySee(of("bob", false))).isFalse();
        assertThat(alice.maySee(of(null, false))).as("an event whose customer is unknown").isFalse();
        assertThat(alice.maySee(of("alice", true))).as("a device alert about alice's order").isFalse();
    }

    @Test
    void anOperatorSeesEverything() {
        Recipient operator = new Recipient("op", true);
        assertThat(operator.maySee(of("alice", false))).isTrue();
        assertThat(operator.maySee(of(null, true))).isTrue();
    }

    @Test
    void eventStreamsKnowTheirAddressAndWhoTheyAreFor() {
        assertThat(EventStream.ORDER_EVENTS.address()).isEqualTo("order-events");
        assertThat(EventStream.DELIVERY_EVENTS.address()).isEqualTo("delivery-events");
        assertThat(EventStream.DEVICE_ALERTS.address()).isEqualTo("device-alerts");
        assertThat(EventStream.DEVICE_ALERTS.operatorsOnly()).isTrue();
        assertThat(EventStream.ORDER_EVENTS.operatorsOnly()).isFalse();
        assertThat(EventStream.DELIVERY_EVENTS.operatorsOnly()).isFalse();
    }
}
