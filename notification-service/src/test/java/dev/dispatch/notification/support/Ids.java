package dev.dispatch.notification.support;

import java.util.UUID;

/** Fresh ids per test, so tests sharing one application and database never see each other's notifications. */
public final class Ids {

    private Ids() {
    }

    public static String customer() {
        return "customer-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String operator() {
        return "operator-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String order() {
        return UUID.randomUUID().toString();
    }
}
