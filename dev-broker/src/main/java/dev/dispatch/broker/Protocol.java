package dev.dispatch.broker;

/**
 * The protocols the broker speaks, each on its own acceptor (named like {@link #key()} in broker.xml).
 */
public enum Protocol {
    AMQP("amqp", "AMQP 1.0", "amqp", 5673),
    MQTT("mqtt", "MQTT 3.1.1 / 5", "mqtt", 1884),
    STOMP("stomp", "STOMP 1.2", "stomp", 61613),
    STOMP_WS("stomp-ws", "STOMP over WebSocket", "ws", 61614),
    CORE("core", "Artemis CORE", "tcp", 61616);

    private final String key;
    private final String title;
    private final String scheme;
    private final int devPort;

    Protocol(String key, String title, String scheme, int devPort) {
        this.key = key;
        this.title = title;
        this.scheme = scheme;
        this.devPort = devPort;
    }

    /** The acceptor's name in broker.xml, also the prefix of its line in the ports file. */
    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    /** The URL scheme a client of this protocol would write. */
    public String scheme() {
        return scheme;
    }

    /**
     * The preferred port of the local run: one above the well-known port where one exists, because
     * a developer's machine often runs another broker on 5672 and 1883 already.
     */
    public int devPort() {
        return devPort;
    }

    /** The placeholder in broker.xml that carries this protocol's port. */
    public String portProperty() {
        return "DISPATCH_BROKER_" + name() + "_PORT";
    }
}
