package dev.dispatch.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.tools.ToolProvider;

import org.awaitility.Awaitility;

/**
 * The broker and services as separate processes from the built artifacts, on free ports, with databases
 * of their own (dropped afterwards) and local JWT keys, so a test can drive the system over its real
 * protocols and kill or restart any part of it.
 */
final class DispatchSystem implements AutoCloseable {

    static final Path ROOT = Path.of(System.getProperty("dispatch.root", "..")).toAbsolutePath().normalize();
    private static final Duration READY = Duration.ofMinutes(3);
    /** The services that call others over gRPC, each signing internal tokens with a key of its own. */
    private static final List<String> INTERNAL_ISSUERS = List.of("gateway", "order-service");

    private final Path dir;
    private final SystemDatabases databases = new SystemDatabases();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Properties brokerPorts = new Properties();
    private final List<Process> simulators = new ArrayList<>();
    private final Map<String, Map<String, String>> extraEnv = new HashMap<>();
    private final Map<String, String> envForAll = new HashMap<>();
    private Process broker;
    private int iotIngestPort;
    private final String deviceLoginsToken = java.util.UUID.randomUUID().toString();
    private Process prosody;
    private final Map<String, String> xmpp = new HashMap<>();
    private Process turn;
    private final Map<String, String> calls = new HashMap<>();
    private boolean jwtToolCompiled;

    DispatchSystem(String name) {
        this.dir = Path.of(System.getProperty("dispatch.run-dir", "target/run")).toAbsolutePath().resolve(name);
    }

    DispatchSystem startBroker() throws Exception {
        Files.createDirectories(dir.resolve("logs"));
        // Devices log in with the credentials iot-ingest issued them: the broker asks the instance named iot-ingest,
        // on a port chosen now, with a token of this run.
        iotIngestPort = freePort();
        launchBroker("0", "0", "0", "0", "0", ProcessBuilder.Redirect.to(dir.resolve("logs/broker.log").toFile()));
        try (var in = Files.newBufferedReader(dir.resolve("broker.properties"))) {
            brokerPorts.load(in);
        }
        run("java", ROOT.resolve("bin/lib/LocalJwt.java").toString(), "keygen", dir.resolve("jwt").toString());
        // The internal tokens' keys as bin/run makes them: one pair per calling service, the public halves in one folder.
        Files.createDirectories(dir.resolve("internal/trusted"));
        for (String issuer : INTERNAL_ISSUERS) {
            run("java", ROOT.resolve("bin/lib/LocalJwt.java").toString(), "keygen", dir.resolve("internal/" + issuer).toString());
            Files.copy(dir.resolve("internal/" + issuer + "/public.pem"), dir.resolve("internal/trusted/" + issuer + ".pem"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        return this;
    }

    /** As a crash: kill -9, no shutdown hooks, the journal left as the broker last wrote it. */
    void killBroker() {
        broker.destroyForcibly();
        Awaitility.await("broker gone").atMost(Duration.ofSeconds(20)).until(() -> !broker.isAlive());
    }

    /**
     * Starts the broker again after {@link #killBroker}: the same data directory and ports as its first start (the
     * services and clients know only those), the same options. Fails if it came back on any other port.
     */
    DispatchSystem restartBroker() throws Exception {
        String[] ports = Stream.of("amqp", "mqtt", "stomp", "stomp-ws", "core")
                .map(protocol -> brokerPorts.getProperty(protocol + ".port")).toArray(String[]::new);
        launchBroker(ports[0], ports[1], ports[2], ports[3], ports[4],
                ProcessBuilder.Redirect.appendTo(dir.resolve("logs/broker.log").toFile()));
        Properties now = new Properties();
        try (var in = Files.newBufferedReader(dir.resolve("broker.properties"))) {
            now.load(in);
        }
        // A port taken meanwhile would have been replaced by a free one (the broker's rule): nobody would find it.
        if (!now.equals(brokerPorts)) {
            throw new IllegalStateException("the broker came back with other ports or logins: " + now + ", was " + brokerPorts);
        }
        return this;
    }

    /** Starts the broker process on the given preferred ports and waits until it wrote its ports file (ready). */
    private void launchBroker(String amqp, String mqtt, String stomp, String stompWs, String core, ProcessBuilder.Redirect log)
            throws IOException {
        Path portsFile = dir.resolve("broker.properties");
        Files.deleteIfExists(portsFile); // a killed broker leaves its file behind
        ProcessBuilder process = new ProcessBuilder("java", "-jar", ROOT.resolve("dev-broker/target/dev-broker.jar").toString(),
                "--data-dir", dir.resolve("broker-data").toString(), "--ports-file", portsFile.toString(),
                "--amqp-port", amqp, "--mqtt-port", mqtt, "--stomp-port", stomp, "--stomp-ws-port", stompWs, "--core-port", core,
                "--device-logins-url", "http://127.0.0.1:" + iotIngestPort + "/internal/broker/device-logins");
        process.environment().put("DISPATCH_BROKER_DEVICE_LOGINS_TOKEN", deviceLoginsToken);
        broker = process.redirectErrorStream(true).redirectOutput(log).start();
        Awaitility.await("broker ready").atMost(Duration.ofMinutes(1))
                .failFast("the broker exited; see " + dir.resolve("logs/broker.log"), () -> !broker.isAlive())
                .until(() -> Files.exists(portsFile) && Files.size(portsFile) > 0);
    }

    /**
     * Our own Prosody (Debian's package) from the one configuration in k8s/base/xmpp, on free ports with a data folder
     * of this run and the bot's account registered, as bin/run starts it. Fails when Prosody is not installed.
     */
    DispatchSystem startXmpp() throws Exception {
        Path data = dir.resolve("xmpp-data");
        Files.createDirectories(data);
        Path config = ROOT.resolve("k8s/base/xmpp/prosody.cfg.lua");
        String botPassword = UUID.randomUUID().toString();
        xmpp.putAll(Map.of("DISPATCH_XMPP_DOMAIN", "dispatch.local", "DISPATCH_XMPP_BOT", "dispatch-bot",
                "DISPATCH_XMPP_C2S_PORT", String.valueOf(freePort()), "DISPATCH_XMPP_HTTP_PORT", String.valueOf(freePort()),
                "DISPATCH_XMPP_COMPONENT_PORT", String.valueOf(freePort()),
                "DISPATCH_XMPP_COMPONENT_SECRET", UUID.randomUUID().toString(), "DISPATCH_XMPP_BOT_PASSWORD", botPassword));
        Map<String, String> server = new HashMap<>(xmpp);
        server.putAll(Map.of("DISPATCH_XMPP_INTERFACES", "127.0.0.1", "DISPATCH_XMPP_DATA_DIR", data.toString(),
                "DISPATCH_XMPP_LOG", "console", "DISPATCH_XMPP_RUN_AS_ROOT", "true"));
        ProcessBuilder register = new ProcessBuilder("prosodyctl", "--config", config.toString(), "register", "dispatch-bot",
                "dispatch.local", botPassword).redirectErrorStream(true);
        register.environment().putAll(server);
        Process registering;
        try {
            registering = register.start();
        } catch (IOException notInstalled) {
            throw new IllegalStateException("Prosody is not installed (apt-get install prosody; .ci/run does it)", notInstalled);
        }
        String out = new String(registering.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!registering.waitFor(30, TimeUnit.SECONDS) || registering.exitValue() != 0) {
            throw new IllegalStateException("prosodyctl register failed: " + out);
        }
        ProcessBuilder start = new ProcessBuilder("prosody", "--config", config.toString(), "-F").redirectErrorStream(true)
                .redirectOutput(dir.resolve("logs/prosody.log").toFile());
        start.environment().putAll(server);
        prosody = start.start();
        int c2s = xmppPort();
        Awaitility.await("Prosody listening").atMost(Duration.ofSeconds(30))
                .failFast("Prosody exited; see " + dir.resolve("logs/prosody.log"), () -> !prosody.isAlive())
                .until(() -> {
                    try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), c2s)) {
                        return true;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
        return this;
    }

    /**
     * Our own coturn (Debian's package) from the one configuration in k8s/base/turn, on a free port on loopback with a
     * secret of this run, as bin/run starts it (loopback peers allowed: the browsers are on this host). Fails when
     * coturn is not installed.
     */
    DispatchSystem startTurn() throws Exception {
        int port = freeTcpAndUdpPort();
        String secret = UUID.randomUUID().toString();
        Path data = dir.resolve("turn");
        Files.createDirectories(data);
        ProcessBuilder start = new ProcessBuilder("turnserver", "-c", ROOT.resolve("k8s/base/turn/turnserver.conf").toString(),
                "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", "--listening-port=" + port,
                "--min-port=49400", "--max-port=49599", "--realm=dispatch.local", "--static-auth-secret=" + secret,
                "--allow-loopback-peers", "--userdb=" + data.resolve("turndb"), "--pidfile=" + data.resolve("turnserver.pid"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("logs/turnserver.log").toFile());
        try {
            turn = start.start();
        } catch (IOException notInstalled) {
            throw new IllegalStateException("coturn is not installed (apt-get install coturn; .ci/run does it)", notInstalled);
        }
        Awaitility.await("coturn listening").atMost(Duration.ofSeconds(20))
                .failFast("coturn exited; see " + dir.resolve("logs/turnserver.log"), () -> !turn.isAlive())
                .until(() -> {
                    try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                        return true;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
        calls.putAll(Map.of("DISPATCH_CALLS_STUN_URLS", "stun:127.0.0.1:" + port,
                "DISPATCH_CALLS_TURN_URLS", "turn:127.0.0.1:" + port + "?transport=udp,turn:127.0.0.1:" + port + "?transport=tcp",
                "DISPATCH_CALLS_TURN_SECRET", secret));
        return this;
    }

    /** What notification-service needs to hand out this run's STUN/TURN address and credentials (after startTurn). */
    Map<String, String> turnEnv() {
        return Map.copyOf(calls);
    }

    /** A port free for both TCP and UDP on loopback (coturn listens on both). */
    private static int freeTcpAndUdpPort() {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = freePort();
            try (java.net.DatagramSocket udp = new java.net.DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no port free for both TCP and UDP");
    }

    int xmppPort() {
        return Integer.parseInt(xmpp.get("DISPATCH_XMPP_C2S_PORT"));
    }

    /** What a service needs to reach this run's Prosody (notification-service's bot and presence component). */
    Map<String, String> xmppClientEnv() {
        Map<String, String> env = new HashMap<>(xmpp);
        env.put("DISPATCH_XMPP_ENABLED", "true");
        env.put("DISPATCH_XMPP_HOST", "127.0.0.1");
        return env;
    }

    /** Settings every service started after this gets (e.g. where to export traces), under each one's own. */
    DispatchSystem withEnvForAll(Map<String, String> env) {
        envForAll.putAll(env);
        return this;
    }

    /**
     * Creates (once) the service's database and starts it; {@code clients} maps its gRPC client names to the services
     * they call (each client is given every instance of that service started before it).
     */
    ServiceProcess start(String name, String database, Map<String, String> clients) throws Exception {
        return startInstance(name, name, database, clients);
    }

    /** Like {@link #start}, with settings of the service's own on top of the system's (e.g. its CoAP ports). */
    ServiceProcess start(String name, String database, Map<String, String> clients, Map<String, String> settings) throws Exception {
        extraEnv.put(name, settings);
        return startInstance(name, name, database, clients);
    }

    /** Like {@link #startInstance(String, String, String, Map)}, with settings of this instance's own. */
    ServiceProcess startInstance(String module, String instance, String database, Map<String, String> clients,
            Map<String, String> settings) throws Exception {
        extraEnv.put(instance, settings);
        return startInstance(module, instance, database, clients);
    }

    /** Like {@link #start}, for one of several instances ({@code instance}) of the service in {@code module}. */
    ServiceProcess startInstance(String module, String instance, String database, Map<String, String> clients) throws Exception {
        Map<String, String> env = new HashMap<>(commonEnv());
        env.putAll(envForAll);
        if (INTERNAL_ISSUERS.contains(module)) {
            env.put("DISPATCH_INTERNAL_AUTH_PRIVATE_KEY", dir.resolve("internal/" + module + "/private.pem").toString());
        }
        env.putAll(extraEnv.getOrDefault(instance, Map.of()));
        if (module.equals("iot-ingest")) {
            coapDefaults().forEach(env::putIfAbsent);
            env.put("DISPATCH_IOT_BROKER_AUTH_TOKEN", deviceLoginsToken);
        }
        // Each service with its own broker login, as bin/run and the deployments start them.
        if (brokerPorts.getProperty(module + ".user") != null) {
            env.put("DISPATCH_BROKER_USER", brokerPorts.getProperty(module + ".user"));
            env.put("DISPATCH_BROKER_PASSWORD", brokerPorts.getProperty(module + ".password"));
        }
        if (database != null) {
            databases.create(database + databases.suffix());
            env.put("DISPATCH_DB_NAME", database + databases.suffix());
        }
        // A gRPC client spreads its calls over every instance of the service it calls (Stork's static list, as bin/run
        // gives it): all those started so far, so start the called services' instances first.
        clients.values().stream().map(service -> service(service).module()).distinct()
                .forEach(called -> env.put(grpcAddressesVariable(called), grpcAddresses(called)));
        if (module.equals("iot-ingest")) {
            env.put("DISPATCH_IOT_MQTT_CLIENT_ID", instance); // one MQTT session per replica
        }
        int port = instance.equals("iot-ingest") ? iotIngestPort : freePort();
        ServiceProcess service = services.computeIfAbsent(instance,
                n -> new ServiceProcess(module, n, port, ROOT, dir.resolve("logs"), env));
        return service.start().awaitReady(READY);
    }

    /** The variable a service's gRPC clients read the addresses of {@code module}'s instances from. */
    static String grpcAddressesVariable(String module) {
        return "DISPATCH_GRPC_" + module.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    /** host:port of every started instance of {@code module}, comma-separated. */
    String grpcAddresses(String module) {
        return services.values().stream().filter(s -> s.module().equals(module)).map(s -> "127.0.0.1:" + s.port())
                .collect(java.util.stream.Collectors.joining(","));
    }

    /** Every started instance of {@code module}, in the order they were started. */
    List<ServiceProcess> instances(String module) {
        return services.values().stream().filter(s -> s.module().equals(module)).toList();
    }

    /** iot-ingest's CoAP server on free UDP ports with a credential key of this run (its prod profile needs one). */
    private static Map<String, String> coapDefaults() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return Map.of("DISPATCH_COAP_PORT", String.valueOf(freeUdpPort()), "DISPATCH_COAPS_PORT", String.valueOf(freeUdpPort()),
                "DISPATCH_COAP_HOST", "127.0.0.1", "DISPATCH_COAP_CREDENTIAL_KEY", java.util.Base64.getEncoder().encodeToString(key));
    }

    static int freeUdpPort() {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("no free UDP port", e);
        }
    }

    ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException(name + " is not started");
        }
        return service;
    }

    String brokerHost() {
        return brokerPorts.getProperty("host");
    }

    int amqpPort() {
        return Integer.parseInt(brokerPorts.getProperty("amqp.port"));
    }

    int mqttPort() {
        return Integer.parseInt(brokerPorts.getProperty("mqtt.port"));
    }

    /** The broker's STOMP over WebSocket port, where the web board reads its live feed. */
    int stompWsPort() {
        return Integer.parseInt(brokerPorts.getProperty("stomp-ws.port"));
    }

    /** The broker's consume-only login for the web board. */
    String boardUser() {
        return brokerPorts.getProperty("board.user");
    }

    String boardPassword() {
        return brokerPorts.getProperty("board.password");
    }

    /** Where each process of this system writes its log ({@code <name>.log}). */
    Path logs() {
        return dir.resolve("logs");
    }

    /** The key this system's tokens are signed with (web's local login signs with it too). */
    Path jwtPrivateKey() {
        return dir.resolve("jwt/private.pem");
    }

    /**
     * The device simulator as its own process (a real MQTT client of this system's broker); killed at close. With a
     * gateway started, each of its devices logs in as itself, with the credentials the simulator issues it through the
     * gateway as an operator (POST /api/devices/{id}/credentials), as in bin/run; without one, with the operators' login.
     */
    Process startSimulator(String name, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-Xmx128m", "-jar",
                ROOT.resolve("device-simulator/target/device-simulator.jar").toString(),
                "--host", brokerHost(), "--port", String.valueOf(mqttPort()),
                "--user", brokerUser(), "--password", brokerPassword()));
        ProcessBuilder process = new ProcessBuilder(command);
        // The token in the environment, not on the command line; none inherited from whoever runs the tests.
        process.environment().remove("DISPATCH_OPERATOR_TOKEN");
        ServiceProcess gateway = services.get("gateway");
        if (gateway != null) {
            command.addAll(List.of("--gateway-url", gateway.baseUrl()));
            process.environment().put("DISPATCH_OPERATOR_TOKEN", token("operator", "device-simulator"));
        }
        command.addAll(List.of(options));
        Process simulator = process.command(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("logs/" + name + ".log").toFile())).start();
        simulators.add(simulator);
        return simulator;
    }

    /** The operators' login: allowed everything on the broker, which no service has (each logs in as itself). */
    String brokerUser() {
        return brokerPorts.getProperty("user");
    }

    String brokerPassword() {
        return brokerPorts.getProperty("password");
    }

    /** A bearer token signed with this system's local keys. */
    String token(String role, String subject) throws Exception {
        return run("java", "-cp", jwtTool().toString(), "LocalJwt", "token", dir.resolve("jwt").toString(), role, subject).trim();
    }

    /** LocalJwt compiled once per run: launched as a source file it is compiled anew each time, seconds a token on 2 cores. */
    private synchronized Path jwtTool() {
        Path classes = dir.resolve("jwt-tool");
        if (!jwtToolCompiled) {
            if (ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                    ROOT.resolve("bin/lib/LocalJwt.java").toString()) != 0) {
                throw new IllegalStateException("could not compile " + ROOT.resolve("bin/lib/LocalJwt.java"));
            }
            jwtToolCompiled = true;
        }
        return classes;
    }

    /** A connection to this run's database of a service (e.g. {@code payments}), to read what it stored. */
    java.sql.Connection database(String name) throws java.sql.SQLException {
        return SystemDatabases.connect(name + databases.suffix());
    }

    @Override
    public void close() {
        simulators.forEach(Process::destroyForcibly);
        services.values().forEach(ServiceProcess::stop);
        if (turn != null && turn.isAlive()) {
            turn.toHandle().destroy();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !turn.isAlive());
        }
        if (prosody != null && prosody.isAlive()) {
            prosody.toHandle().destroy();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !prosody.isAlive());
        }
        if (broker != null && broker.isAlive()) {
            broker.toHandle().destroy();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !broker.isAlive());
        }
        databases.dropAll();
    }

    private Map<String, String> commonEnv() {
        return Map.of(
                "DISPATCH_BROKER_HOST", brokerHost(),
                "DISPATCH_BROKER_AMQP_PORT", String.valueOf(amqpPort()),
                "DISPATCH_BROKER_MQTT_PORT", brokerPorts.getProperty("mqtt.port"),
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "file:" + dir.resolve("jwt/public.pem"),
                "MP_JWT_VERIFY_ISSUER", "https://dispatch.local",
                "DISPATCH_INTERNAL_AUTH_PUBLIC_KEYS", dir.resolve("internal/trusted").toString());
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
