package dev.dispatch.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Another program on a preferred port does not stop the broker: it moves, and says where. */
class PortSelectionTest {

    @Test
    void takenPreferredPortIsReplacedByAFreeOneAndReported(@TempDir Path dir) throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int taken = squatter.getLocalPort();
            Path portsFile = dir.resolve("run").resolve("broker.properties");
            DevBrokerOptions options = DevBrokerOptions.parse(new String[] {
                    "--data-dir", dir.resolve("data").toString(),
                    "--amqp-port", String.valueOf(taken),
                    "--mqtt-port", "0", "--stomp-port", "0", "--stomp-ws-port", "0", "--core-port", "0",
                    "--ports-file", portsFile.toString(),
                    "--user", "courier", "--password", "s3cret" }, Map.of());
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            EmbeddedBroker broker = DevBroker.start(options, new PrintStream(out, true, StandardCharsets.UTF_8));
            try {
                Properties reported = new Properties();
                try (Reader reader = Files.newBufferedReader(portsFile)) {
                    reported.load(reader);
                }
                int amqp = Integer.parseInt(reported.getProperty("amqp.port"));
                assertNotEquals(taken, amqp);
                assertEquals(broker.port(Protocol.AMQP), amqp);
                assertEquals("127.0.0.1", reported.getProperty("host"));
                assertEquals("courier", reported.getProperty("user"));
                assertEquals("s3cret", reported.getProperty("password"));

                Set<Integer> distinct = new HashSet<>();
                for (Protocol protocol : Protocol.values()) {
                    int port = Integer.parseInt(reported.getProperty(protocol.key() + ".port"));
                    assertEquals(broker.port(protocol), port);
                    assertTrue(distinct.add(port), "each protocol has a port of its own");
                    assertListening(port);
                }

                String printed = out.toString(StandardCharsets.UTF_8);
                assertTrue(printed.contains("amqp://127.0.0.1:" + amqp + " "), printed);
                assertTrue(printed.contains("(" + taken + " was taken)"), printed);
                assertTrue(printed.endsWith(DevBroker.READY_LINE + System.lineSeparator()), printed);
            } finally {
                DevBroker.stop(broker, options);
            }
            assertFalse(Files.exists(portsFile), "a clean stop removes the ports file");
        }
    }

    @Test
    void restartFailsClearlyWhenItsPortWasTakenMeanwhile(@TempDir Path dataDir) throws Exception {
        try (EmbeddedBroker broker = TestBrokers.start(dataDir)) {
            int amqp = broker.port(Protocol.AMQP);
            broker.stop();
            try (ServerSocket squatter = new ServerSocket(amqp, 50, InetAddress.getByName("127.0.0.1"))) {
                BrokerStartException failure = assertThrows(BrokerStartException.class, broker::start);
                assertEquals("amqp port " + amqp + " is already in use on 127.0.0.1", failure.getMessage());
            }
            assertFalse(broker.isRunning());
        }
    }

    @Test
    void secondBrokerOnTheSameDataDirIsRefused(@TempDir Path dataDir) throws Exception {
        try (EmbeddedBroker first = TestBrokers.start(dataDir)) {
            BrokerStartException failure = assertThrows(BrokerStartException.class, () -> TestBrokers.start(dataDir));
            assertTrue(failure.getMessage().contains("in use by another running broker"), failure.getMessage());
            assertTrue(first.isRunning());
        }
    }

    private static void assertListening(int port) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        }
    }
}
