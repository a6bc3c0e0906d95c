package dev.dispatch.broker;

import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.dispatch.broker.security.DispatchSecurityManager;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.remoting.Acceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache ActiveMQ Artemis in this JVM, configured by broker.xml, with one acceptor per {@link Protocol}.
 * <p>
 * The first {@link #start()} binds each protocol to its preferred port, or to a free one when the
 * preferred port is 0 or taken. Later starts (after {@link #stop()}) keep those ports, so that
 * clients can reconnect, and the same data directory, so that durable messages are still there.
 */
public final class EmbeddedBroker implements AutoCloseable {

    /** The operators' role, which broker.xml grants everything; {@code artemis create} gives its user the same. */
    public static final String ROLE = "amq";
    /** The web dispatch board's role: consume-only, on the addresses broker.xml opens to it. */
    public static final String BOARD_ROLE = "board";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final int BIND_ATTEMPTS = 3;
    private static final long ACTIVATION_TIMEOUT_SECONDS = 30;

    private final BrokerSettings settings;
    private final URL config;
    private Map<Protocol, Integer> ports = Map.of();
    private EmbeddedActiveMQ artemis;
    private DataDirLock dataDirLock;

    public EmbeddedBroker(BrokerSettings settings) {
        this(settings, BrokerXml.location());
    }

    /** A broker configured by another broker.xml than the one packaged with this module. */
    public EmbeddedBroker(BrokerSettings settings, URL config) {
        this.settings = settings;
        this.config = config;
    }

    public synchronized EmbeddedBroker start() throws BrokerStartException {
        if (artemis != null) {
            return this;
        }
        // Artemis finds its protocol modules through the context class loader. In a test JVM that
        // may be another class loader than the one that loaded Artemis (Quarkus has several), and
        // the modules it finds there would not fit this Artemis.
        Thread thread = Thread.currentThread();
        ClassLoader callers = thread.getContextClassLoader();
        thread.setContextClassLoader(EmbeddedBroker.class.getClassLoader());
        try {
            return startWithOwnClassLoader();
        } finally {
            thread.setContextClassLoader(callers);
        }
    }

    private EmbeddedBroker startWithOwnClassLoader() throws BrokerStartException {
        boolean restart = !ports.isEmpty();
        Map<Protocol, Integer> plan = restart ? ports : choosePorts();
        dataDirLock = DataDirLock.acquire(dataDir());
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    launch(plan);
                    return this;
                } catch (BrokerStartException failure) {
                    Map<Protocol, Integer> taken = takenPorts(plan);
                    if (restart || taken.isEmpty() || attempt == BIND_ATTEMPTS) {
                        throw taken.isEmpty() ? failure : portsTaken(taken, failure);
                    }
                    // Another process took a port between our check and the bind: pick again.
                    plan = new EnumMap<>(plan);
                    for (Protocol protocol : taken.keySet()) {
                        plan.put(protocol, 0);
                    }
                }
            }
        } catch (BrokerStartException | RuntimeException e) {
            dataDirLock.close();
            dataDirLock = null;
            throw e;
        }
    }

    public synchronized void stop() {
        if (artemis == null) {
            return;
        }
        try {
            artemis.stop();
        } catch (Exception e) {
            LOG.warn("The broker did not stop cleanly: {}", e.toString());
        } finally {
            artemis = null;
            dataDirLock.close();
            dataDirLock = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return artemis != null;
    }

    /** The port the protocol listens on (the last one, while stopped). */
    public synchronized int port(Protocol protocol) {
        if (ports.isEmpty()) {
            throw new IllegalStateException("the broker has not started yet");
        }
        return ports.get(protocol);
    }

    public synchronized Map<Protocol, Integer> ports() {
        return ports;
    }

    /** Whether the protocol had to move off its preferred port because that one was taken. */
    public boolean movedOffPreferredPort(Protocol protocol) {
        int preferred = settings.preferredPort(protocol);
        return preferred != 0 && preferred != port(protocol);
    }

    public String host() {
        return settings.host();
    }

    public String user() {
        return settings.user();
    }

    public String password() {
        return settings.password();
    }

    public Path dataDir() {
        return settings.dataDir().toAbsolutePath();
    }

    public BrokerSettings settings() {
        return settings;
    }

    /** e.g. {@code amqp://127.0.0.1:5673}. */
    public String url(Protocol protocol) {
        return protocol.scheme() + "://" + host() + ":" + port(protocol);
    }

    /** Messages in a queue, counting those in delivery and scheduled; 0 when there is no such queue. */
    public synchronized long messageCount(String queueName) {
        if (artemis == null) {
            throw new IllegalStateException("the broker is not running");
        }
        Queue queue = artemis.getActiveMQServer().locateQueue(queueName);
        return queue == null ? 0 : queue.getMessageCount();
    }

    /** Client connections open now, over every protocol. */
    public synchronized int connectionCount() {
        if (artemis == null) {
            throw new IllegalStateException("the broker is not running");
        }
        return artemis.getActiveMQServer().getConnectionCount();
    }

    /**
     * What a client needs to connect, as {@code key=value} entries: {@code amqp.port}, {@code mqtt.port},
     * {@code stomp.port}, {@code stomp-ws.port}, {@code core.port}, {@code host}, {@code user}, {@code password}.
     */
    public Map<String, String> connectionInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        for (Protocol protocol : Protocol.values()) {
            info.put(protocol.key() + ".port", String.valueOf(port(protocol)));
        }
        info.put("host", host());
        info.put("user", user());
        info.put("password", password());
        info.put("board.user", settings.boardUser());
        info.put("board.password", settings.boardPassword());
        settings.servicePasswords().forEach((service, password) -> {
            info.put(service + ".user", service);
            info.put(service + ".password", password);
        });
        return info;
    }

    private Map<Protocol, Integer> choosePorts() {
        Map<Protocol, Integer> plan = new EnumMap<>(Protocol.class);
        for (Protocol protocol : Protocol.values()) {
            int preferred = settings.preferredPort(protocol);
            // 0 lets the operating system pick a free port at bind time, which cannot race.
            plan.put(protocol, preferred != 0 && FreePorts.isFree(settings.host(), preferred) ? preferred : 0);
        }
        return plan;
    }

    private Map<Protocol, Integer> takenPorts(Map<Protocol, Integer> plan) {
        Map<Protocol, Integer> taken = new EnumMap<>(Protocol.class);
        plan.forEach((protocol, port) -> {
            if (port != 0 && !FreePorts.isFree(settings.host(), port)) {
                taken.put(protocol, port);
            }
        });
        return taken;
    }

    private BrokerStartException portsTaken(Map<Protocol, Integer> taken, Throwable cause) {
        StringBuilder message = new StringBuilder();
        taken.forEach((protocol, port) -> message.append(message.length() == 0 ? "" : ", ")
                .append(protocol.key()).append(" port ").append(port));
        message.append(taken.size() == 1 ? " is" : " are").append(" already in use on ").append(settings.host());
        return new BrokerStartException(message.toString(), cause);
    }

    private void launch(Map<Protocol, Integer> plan) throws BrokerStartException {
        Map<String, String> placeholders = new LinkedHashMap<>(settings.properties());
        placeholders.put("DISPATCH_BROKER_HOST", settings.host());
        placeholders.put("DISPATCH_BROKER_DATA_DIR", dataDir().toString());
        plan.forEach((protocol, port) -> placeholders.put(protocol.portProperty(), String.valueOf(port)));

        Configuration configuration;
        try {
            configuration = BrokerXml.load(config, placeholders);
        } catch (Exception e) {
            throw new BrokerStartException("cannot read " + config + ": " + rootMessage(e), e);
        }

        EmbeddedActiveMQ candidate = new EmbeddedActiveMQ()
                .setConfiguration(configuration)
                .setSecurityManager(securityManager())
                // Only broker.xml configures this broker, not a broker.properties that happens to be on the classpath.
                .setPropertiesResourcePath(null);
        try {
            candidate.start();
            ActiveMQServer server = candidate.getActiveMQServer();
            // A primary-only broker binds its acceptors inside start(); a failed bind is logged, not thrown.
            Map<Protocol, Integer> bound = new EnumMap<>(Protocol.class);
            for (Protocol protocol : Protocol.values()) {
                bound.put(protocol, boundPort(server, protocol));
            }
            if (!server.waitForActivation(ACTIVATION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new BrokerStartException("the broker did not become active within " + ACTIVATION_TIMEOUT_SECONDS + " s");
            }
            artemis = candidate;
            ports = Collections.unmodifiableMap(bound);
        } catch (BrokerStartException e) {
            stopQuietly(candidate);
            throw e;
        } catch (Exception e) {
            stopQuietly(candidate);
            throw new BrokerStartException(rootMessage(e), e);
        }
    }

    private int boundPort(ActiveMQServer server, Protocol protocol) throws BrokerStartException {
        Acceptor acceptor = server.getRemotingService().getAcceptor(protocol.key());
        if (acceptor == null) {
            throw new BrokerStartException(config + " has no acceptor named '" + protocol.key() + "'");
        }
        if (!(acceptor instanceof NettyAcceptor netty) || !acceptor.isStarted()) {
            throw new BrokerStartException("the " + protocol.key() + " acceptor did not start");
        }
        return netty.getActualPort();
    }

    private DispatchSecurityManager securityManager() {
        BrokerLogins users = new BrokerLogins(settings.deviceLogins());
        users.addUser(settings.user(), settings.password());
        users.addRole(settings.user(), ROLE);
        users.addUser(settings.boardUser(), settings.boardPassword());
        users.addRole(settings.boardUser(), BOARD_ROLE);
        // Each service in the role of its own name, which broker.xml grants only what that service does.
        settings.servicePasswords().forEach((service, password) -> {
            users.addUser(service, password);
            users.addRole(service, service);
        });
        return new DispatchSecurityManager("dispatch", users);
    }

    private static void stopQuietly(EmbeddedActiveMQ candidate) {
        try {
            candidate.stop();
        } catch (Exception ignored) {
            // it never fully started
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }
}
