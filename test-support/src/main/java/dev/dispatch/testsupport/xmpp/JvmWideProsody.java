package dev.dispatch.testsupport.xmpp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The one test Prosody of a JVM: a real {@code prosody} process with the project's configuration
 * ({@code k8s/base/xmpp/prosody.cfg.lua}), on free loopback ports with a fresh data directory, the bot account
 * registered; stopped and its data deleted when the JVM exits.
 * <p>
 * Like the test broker, {@link TestProsody} reaches this class as loaded by the system class loader, which every
 * Quarkus test profile shares, so one process serves them all: only public static methods with JDK types.
 */
public final class JvmWideProsody {

    static final String DOMAIN = "dispatch.local";
    static final String BOT = "dispatch-bot";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private static Map<String, String> info;
    private static Map<String, String> environment;
    private static Path dataDir;
    private static Process process;
    private static Thread cleanup;

    private JvmWideProsody() {
    }

    /** Starts Prosody unless it runs already, and tells how to reach it (keys: see {@link TestProsody}). */
    public static synchronized Map<String, String> acquire() {
        if (info == null) {
            prepare();
        }
        if (process == null || !process.isAlive()) {
            start();
        }
        return info;
    }

    /** Stops Prosody (SIGTERM, as an orchestrator would); its ports and data stay for {@link #start()}. */
    public static synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Starts the stopped Prosody again, on the same ports with the same accounts and rooms. */
    public static synchronized void start() {
        if (info == null) {
            acquire();
            return;
        }
        try {
            ProcessBuilder builder = new ProcessBuilder(prosody(), "--config", config().toString(), "-F")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("prosody.log").toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException(missing(e), e);
        }
        awaitClientPort();
    }

    public static synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Creates (or re-keys) an account with prosodyctl, e.g. for a test user. */
    public static synchronized void register(String user, String password) {
        acquire();
        prosodyctl("register", user, DOMAIN, password);
    }

    /** Stops Prosody and deletes its data; the next {@link #acquire()} starts a new one. */
    public static synchronized void release() {
        stop();
        if (dataDir != null) {
            deleteRecursively(dataDir);
        }
        info = null;
        dataDir = null;
    }

    /** The last lines Prosody logged, for a failing test's message. */
    public static synchronized String logTail() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("prosody.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void prepare() {
        try {
            dataDir = Files.createTempDirectory("dispatch-test-prosody-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the test Prosody's data directory", e);
        }
        int c2s = freePort();
        int http = freePort();
        int component = freePort();
        String botPassword = secret();
        String componentSecret = secret();
        environment = new LinkedHashMap<>();
        environment.put("DISPATCH_XMPP_DOMAIN", DOMAIN);
        environment.put("DISPATCH_XMPP_BOT", BOT);
        environment.put("DISPATCH_XMPP_C2S_PORT", String.valueOf(c2s));
        environment.put("DISPATCH_XMPP_HTTP_PORT", String.valueOf(http));
        environment.put("DISPATCH_XMPP_COMPONENT_PORT", String.valueOf(component));
        environment.put("DISPATCH_XMPP_COMPONENT_SECRET", componentSecret);
        environment.put("DISPATCH_XMPP_INTERFACES", "127.0.0.1");
        environment.put("DISPATCH_XMPP_DATA_DIR", dataDir.toString());
        environment.put("DISPATCH_XMPP_PID_FILE", dataDir.resolve("prosody.pid").toString());
        environment.put("DISPATCH_XMPP_LOG", "console");
        environment.put("DISPATCH_XMPP_LOG_LEVEL", System.getenv().getOrDefault("DISPATCH_TEST_PROSODY_LOG_LEVEL", "info"));
        environment.put("DISPATCH_XMPP_RUN_AS_ROOT", "true");
        // Small enough for a test to exceed quickly, large enough for every real stanza.
        environment.put("DISPATCH_XMPP_STANZA_LIMIT", "16384");
        environment.put("DISPATCH_XMPP_RATE", "4kb/s");

        Map<String, String> connection = new LinkedHashMap<>();
        connection.put("host", "127.0.0.1");
        connection.put("domain", DOMAIN);
        connection.put("room-domain", "rooms." + DOMAIN);
        connection.put("devices-domain", "devices." + DOMAIN);
        connection.put("c2s.port", String.valueOf(c2s));
        connection.put("http.port", String.valueOf(http));
        connection.put("component.port", String.valueOf(component));
        connection.put("component.secret", componentSecret);
        connection.put("bot", BOT);
        connection.put("bot.password", botPassword);
        connection.put("data-dir", dataDir.toString());
        connection.put("stanza-limit", environment.get("DISPATCH_XMPP_STANZA_LIMIT"));
        info = Map.copyOf(connection);

        prosodyctl("register", BOT, DOMAIN, botPassword);
        cleanup = new Thread(JvmWideProsody::release, "dispatch-test-prosody-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    private static void prosodyctl(String... args) {
        List<String> command = new ArrayList<>(List.of(prosody() + "ctl", "--config", config().toString()));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process ctl = builder.start();
            String output = new String(ctl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!ctl.waitFor(30, TimeUnit.SECONDS) || ctl.exitValue() != 0) {
                throw new IllegalStateException("prosodyctl " + args[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(missing(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    // Up when the client port offers SCRAM, i.e. the configuration was read and the virtual host is there.
    private static void awaitClientPort() {
        int port = Integer.parseInt(info.get("c2s.port"));
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prosody exited at start:\n" + logTail());
            }
            if (offersScram(port)) {
                return;
            }
            try {
                Thread.sleep(100); // polling a port that is not open yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("Prosody did not answer on port " + port + " within " + START_TIMEOUT + ":\n" + logTail());
    }

    private static boolean offersScram(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(("<?xml version='1.0'?><stream:stream to='" + DOMAIN + "' xmlns='jabber:client' "
                    + "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder seen = new StringBuilder();
            byte[] buffer = new byte[4096];
            int read;
            while ((read = in.read(buffer)) > 0) {
                seen.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                if (seen.indexOf("SCRAM-SHA-1") >= 0) {
                    return true;
                }
                if (seen.indexOf("</stream:features>") >= 0) {
                    return false;
                }
            }
            return false;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static Path config() {
        String configured = System.getenv("DISPATCH_TEST_PROSODY_CONFIG");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("k8s/base/xmpp/prosody.cfg.lua");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("k8s/base/xmpp/prosody.cfg.lua not found above " + Path.of("").toAbsolutePath()
                + " (or set DISPATCH_TEST_PROSODY_CONFIG)");
    }

    private static String prosody() {
        String configured = System.getenv("DISPATCH_TEST_PROSODY");
        return configured == null || configured.isBlank() ? "prosody" : configured;
    }

    private static String missing(IOException e) {
        return "cannot run Prosody (" + e.getMessage() + "). The XMPP tests need a real Prosody 0.12: "
                + "apt-get install prosody (the system instance it starts is not used), or set DISPATCH_TEST_PROSODY "
                + "to the prosody binary (prosodyctl beside it).";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String secret() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
