package dev.dispatch.notification.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.dispatch.notification.model.NewNotification;
import dev.dispatch.notification.model.Notification;
import dev.dispatch.notification.model.Recipient;
import dev.dispatch.notification.support.Ids;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * An event that names only its order (no customer) belongs to the customer an earlier event of that order named;
 * an order nobody named yet belongs to no customer (operators still see it).
 */
@QuarkusTest
class OrderOwnerTest {

    static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    NotificationRepository repository;

    @Test
    void anEventNamingOnlyTheOrderGoesToTheCustomerEarlierEventsNamed() {
        String alice = Ids.customer();
        String order = Ids.order();
        store("dispatch.order.placed", order, alice);
        store("dispatch.delivery.progress", order, null);

        assertThat(repository.ownerOf(order).await().atMost(WAIT)).contains(alice);
        assertThat(history(new Recipient(alice, false), order)).extracting(Notification::type)
                .containsExactly("dispatch.order.placed", "dispatch.delivery.progress");
        assertThat(history(new Recipient(alice, false), order)).extracting(Notification::customerId).containsOnly(alice);
        assertThat(history(new Recipient(Ids.customer(), false), order)).isEmpty();
    }

    @Test
    void anOrderNobodyNamedBelongsToNoCustomer() {
        String order = Ids.order();
        store("dispatch.delivery.progress", order, null);

        assertThat(repository.ownerOf(order).await().atMost(WAIT)).isEmpty();
        assertThat(history(new Recipient(Ids.operator(), true), order)).extracting(Notification::customerId).containsExactly((String) null);
    }

    @Test
    void theFirstCustomerNamedStaysTheOwner() {
        String alice = Ids.customer();
        String order = Ids.order();
        store("dispatch.order.placed", order, alice);
        store("dispatch.order.paid", order, Ids.customer());

        assertThat(repository.ownerOf(order).await().atMost(WAIT)).contains(alice);
    }

    private void store(String type, String orderId, String customerId) {
        assertThat(repository.store(new NewNotification(UUID.randomUUID().toString(), "/test", type, orderId, customerId, false,
                Instant.now(), type, null)).await().atMost(WAIT)).isPresent();
    }

    private List<Notification> history(Recipient recipient, String orderId) {
        return repository.history(recipient, 0, Long.MAX_VALUE, orderId, 10).await().atMost(WAIT);
    }
}
