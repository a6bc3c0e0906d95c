package dev.dispatch.notification.websocket;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A refused WebSocket upgrade (no or bad token) is answered 401/403 by the upgrade's security check; the same
 * authentication failure then also reaches the REST problem mappers, which would try to answer a second time and
 * log an error (with the request URL, i.e. the token). Once a response is out, the failure is settled here.
 */
@ApplicationScoped
public class UpgradeFailureGuard {

    void install(@Observes Router router) {
        router.route("/ws/notifications").order(Integer.MIN_VALUE).failureHandler(context -> {
            if (context.response().ended() || context.response().headWritten()) {
                return; // already answered
            }
            context.next();
        });
    }
}
