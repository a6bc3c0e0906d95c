package dev.dispatch.gateway.backend;

/** The services behind the gateway, named as errors and logs name them. */
public enum Backend {
    ORDERS("order-service", "The order service", "No such order, or not one of yours"),
    DEVICES("iot-ingest", "The device service", "No such device"),
    /** iot-ingest too (SensorService), named apart so that NOT_FOUND says which kind of thing is missing. */
    SENSORS("iot-ingest", "The sensor service", "No such sensor"),
    PAYMENTS("payment-service", "The payment service", "No such payment"),
    /** notification-service's ChatService (XMPP accounts and order rooms). */
    CHAT("notification-service", "The chat service", "No such chat");

    private final String service;
    private final String subject;
    private final String notFound;

    Backend(String service, String subject, String notFound) {
        this.service = service;
        this.subject = subject;
        this.notFound = notFound;
    }

    /** The module's name, for logs. */
    public String service() {
        return service;
    }

    /** How a sentence about it starts: "The device service is unavailable". */
    public String subject() {
        return subject;
    }

    /** What NOT_FOUND from it means to a caller. */
    public String notFound() {
        return notFound;
    }
}
