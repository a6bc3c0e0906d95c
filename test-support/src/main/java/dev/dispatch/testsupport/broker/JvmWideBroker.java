package dev.dispatch.testsupport.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import dev.dispatch.broker.BrokerSettings;
import dev.dispatch.broker.BrokerStartException;
import dev.dispatch.broker.EmbeddedBroker;

/**
 * The one test broker of a JVM: started on first use, on free ports with a fresh data directory,
 * stopped and deleted when the JVM exits.
 * <p>
 * Quarkus loads each test profile's application in class loaders of its own, and a static field
 * of a class loaded there would start one broker per profile. {@link TestBroker} therefore uses
 * this class as loaded by the system class loader, which every profile shares; hence only public
 * static methods with JDK types, called reflectively.
 */
public final class JvmWideBroker {

    // Kept strongly reachable: java.util.logging forgets the level of a logger that was collected.
    private static final Logger ARTEMIS_LOG = Logger.getLogger("org.apache.activemq.artemis");
    private static final Logger AUDIT_LOG = Logger.getLogger("org.apache.activemq.audit");

    private static EmbeddedBroker broker;
    private static Thread cleanup;

    private JvmWideBroker() {
    }

    /** Starts the broker unless it runs already, and tells how to reach it. */
    public static synchronized Map<String, String> acquire() {
        if (broker == null) {
            quietBrokerLogs();
            broker = new EmbeddedBroker(settings(createDataDir()));
            cleanup = new Thread(JvmWideBroker::release, "dispatch-test-broker-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
        }
        if (!broker.isRunning()) {
            start();
        }
        return broker.connectionInfo();
    }

    /** Stops the broker and deletes its data; the next {@link #acquire()} starts a new one. */
    public static synchronized void release() {
        if (broker == null) {
            return;
        }
        broker.stop();
        deleteRecursively(broker.dataDir());
        broker = null;
        if (cleanup != null && Thread.currentThread() != cleanup) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException jvmShuttingDown) {
                // the hook is running or about to; nothing left for it to do
            }
        }
        cleanup = null;
    }

    /** See {@link EmbeddedBroker#connectionInfo()}; starts the broker if there is none yet. */
    public static synchronized Map<String, String> connectionInfo() {
        return broker == null ? acquire() : broker.connectionInfo();
    }

    public static synchronized void stop() {
        if (broker != null) {
            broker.stop();
        }
    }

    /** Starts the stopped broker again, on the same ports and data. */
    public static synchronized void start() {
        if (broker == null) {
            acquire();
            return;
        }
        try {
            broker.start();
        } catch (BrokerStartException e) {
            throw new IllegalStateException("The test broker cannot start: " + e.getMessage(), e);
        }
    }

    public static synchronized boolean isRunning() {
        return broker != null && broker.isRunning();
    }

    public static synchronized long messageCount(String queue) {
        if (broker == null || !broker.isRunning()) {
            throw new IllegalStateException("the test broker is not running");
        }
        return broker.messageCount(queue);
    }

    private static BrokerSettings settings(Path dataDir) {
        return BrokerSettings.onFreePorts(dataDir)
                // Redelivery after 100, 200, 400, 800 ms: a poison message is dead-lettered in 1.5 s, not 15 s.
                .withProperty("DISPATCH_BROKER_REDELIVERY_DELAY", "100")
                .withProperty("DISPATCH_BROKER_MAX_REDELIVERY_DELAY", "1000");
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("dispatch-test-broker-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the test broker's data directory", e);
        }
    }

    // Artemis says a lot at INFO, and its audit log names every message. Configured levels win:
    // Quarkus applies quarkus.log.category.* when the application starts, after this.
    private static void quietBrokerLogs() {
        if (ARTEMIS_LOG.getLevel() == null) {
            ARTEMIS_LOG.setLevel(Level.WARNING);
        }
        if (AUDIT_LOG.getLevel() == null) {
            AUDIT_LOG.setLevel(Level.OFF);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
