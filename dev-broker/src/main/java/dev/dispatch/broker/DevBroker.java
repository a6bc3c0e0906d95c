package dev.dispatch.broker;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

import org.apache.activemq.artemis.utils.VersionLoader;

/**
 * The broker of the local run, as its own process: {@code java -jar dev-broker/target/dev-broker.jar --help}.
 */
public final class DevBroker {

    /** Printed once every acceptor listens; scripts wait for this line (or for the ports file). */
    public static final String READY_LINE = "Dispatch broker ready";

    private DevBroker() {
    }

    public static void main(String[] args) {
        DevBrokerOptions options;
        try {
            options = DevBrokerOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("dev-broker: " + e.getMessage() + " (see --help)");
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(DevBrokerOptions.HELP);
            return;
        }
        // Before the first logger exists: slf4j-simple reads its settings once.
        configureLogging(options.verbose());

        EmbeddedBroker broker;
        try {
            broker = start(options, System.out);
        } catch (BrokerStartException | IOException | RuntimeException e) {
            System.err.println("dev-broker: cannot start: " + (e.getMessage() != null ? e.getMessage() : e));
            if (options.verbose()) {
                e.printStackTrace();
            }
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop(broker, options);
            System.out.println("Dispatch broker stopped");
            System.out.flush();
            stopped.countDown();
        }, "dev-broker-shutdown"));
        awaitUninterruptibly(stopped);
    }

    /** Starts the broker, writes the ports file, prints where each protocol listens and then {@link #READY_LINE}. */
    public static EmbeddedBroker start(DevBrokerOptions options, PrintStream out) throws BrokerStartException, IOException {
        if (options.portsFile() != null) {
            // A file left by an earlier run must not look like this run's.
            PortsFile.delete(options.portsFile());
        }
        EmbeddedBroker broker = new EmbeddedBroker(options.settings()).start();
        try {
            if (options.portsFile() != null) {
                PortsFile.write(options.portsFile(), broker);
            }
        } catch (IOException e) {
            broker.stop();
            throw new IOException("cannot write the ports file " + options.portsFile() + ": " + e.getMessage(), e);
        }
        out.print(table(broker));
        out.println(READY_LINE);
        out.flush();
        return broker;
    }

    public static void stop(EmbeddedBroker broker, DevBrokerOptions options) {
        broker.stop();
        if (options.portsFile() != null) {
            PortsFile.delete(options.portsFile());
        }
    }

    static String table(EmbeddedBroker broker) {
        StringBuilder table = new StringBuilder();
        table.append("Dispatch broker (Apache ActiveMQ Artemis ")
                .append(VersionLoader.getVersion().getFullVersion()).append(")\n");
        table.append(String.format("  %-22s %s%n", "PROTOCOL", "LISTENS ON"));
        for (Protocol protocol : Protocol.values()) {
            String note = broker.movedOffPreferredPort(protocol)
                    ? "(" + broker.settings().preferredPort(protocol) + " was taken)"
                    : "";
            table.append(String.format("  %-22s %-30s %s", protocol.title(), broker.url(protocol), note).stripTrailing())
                    .append('\n');
        }
        table.append("  user ").append(broker.user()).append(" (board: ").append(broker.settings().boardUser())
                .append(", consume only), data in ").append(broker.dataDir()).append('\n');
        return table.toString();
    }

    private static void configureLogging(boolean verbose) {
        defaultProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        // The audit log names every message and every login; even --verbose leaves it out.
        defaultProperty("org.slf4j.simpleLogger.log.org.apache.activemq.audit", "off");
        defaultProperty("org.slf4j.simpleLogger.showDateTime", "true");
        defaultProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        defaultProperty("org.slf4j.simpleLogger.showThreadName", "false");
        defaultProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        defaultProperty("org.slf4j.simpleLogger.levelInBrackets", "true");
    }

    // A -D on the command line still wins.
    private static void defaultProperty(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException ignored) {
                // only the shutdown hook ends the wait
            }
        }
    }
}
