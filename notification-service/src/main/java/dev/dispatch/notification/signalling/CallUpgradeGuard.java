package dev.dispatch.notification.signalling;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A refused upgrade of /ws/calls (no or bad token) is answered 401/403 by the upgrade's security check; the same failure
 * then also reaches the REST problem mappers, which would answer a second time and log the URL (with its token).
 * Once a response is out, the failure is settled here (as for /ws/notifications).
 */
@ApplicationScoped
public class CallUpgradeGuard {

    void install(@Observes Router router) {
        router.route("/ws/calls").order(Integer.MIN_VALUE).failureHandler(context -> {
            if (context.response().ended() || context.response().headWritten()) {
                return; // already answered
            }
            context.next();
        });
    }
}
