package dev.dispatch.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.dispatch.notification.model.EventStream;
import dev.dispatch.notification.repository.NotificationRepository;
import dev.dispatch.notification.support.CloudEvents;
import dev.dispatch.notification.support.Ids;
import dev.dispatch.platform.cloudevents.ReceivedEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;

/**
 * The chat step of the storing transaction says whether it gave the bot work: only then is the relay woken after the
 * commit (XMPP is on in tests). Most events of an order give none, and a woken relay's round is a transaction.
 */
@QuarkusTest
class ChatOutboxPlanTest {

    static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    ChatOutbox chat;

    @Inject
    NotificationRepository repository;

    @Test
    void onlyAnEventThatGivesTheBotWorkSaysSo() {
        String alice = Ids.customer();
        String order = Ids.order();

        assertThat(store(CloudEvents.order("placed", order, alice)).addedWork()).isFalse(); // no room, no xmpp preference
        assertThat(store(CloudEvents.order("paid", order, alice)).addedWork()).isFalse(); // no room yet
        assertThat(store(CloudEvents.dispatched(order, alice, "courier-" + Ids.order())).addedWork()).isTrue(); // a room opens
        assertThat(store(CloudEvents.order("delivered", order, alice)).addedWork()).isTrue(); // posted, and it closes
    }

    private ChatOutbox.Plan store(JsonObject cloudEvent) {
        ReceivedEvent event = ReceivedEvent.parse(cloudEvent.toBuffer().getBytes(), EventStream.ORDER_EVENTS.producer());
        ChatOutbox.Plan plan = chat.plan(EventStream.ORDER_EVENTS, event);
        assertThat(repository.store(EventMapper.toNotification(EventStream.ORDER_EVENTS, event), plan).await().atMost(WAIT)).isPresent();
        return plan;
    }
}
