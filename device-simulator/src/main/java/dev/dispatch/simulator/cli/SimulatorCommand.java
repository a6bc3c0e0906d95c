package dev.dispatch.simulator.cli;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.dispatch.simulator.coap.CoapSettings;
import dev.dispatch.simulator.coap.TagFleet;
import dev.dispatch.simulator.contract.CoapContract;
import dev.dispatch.simulator.contract.DeviceCredentials;
import dev.dispatch.simulator.contract.SensorCredentials;
import dev.dispatch.simulator.device.DeviceSettings;
import dev.dispatch.simulator.device.SensorSettings;
import dev.dispatch.simulator.geo.GeoPoint;
import dev.dispatch.simulator.geo.RouteShape;
import dev.dispatch.simulator.load.CoapLoadReport;
import dev.dispatch.simulator.load.CoapLoadRun;
import dev.dispatch.simulator.load.LoadReport;
import dev.dispatch.simulator.load.LoadRun;
import dev.dispatch.simulator.mqtt.BrokerAddress;
import dev.dispatch.simulator.mqtt.ConnectionSettings;
import dev.dispatch.simulator.mqtt.DeviceFleet;
import dev.dispatch.simulator.mqtt.DeviceRefusedException;
import dev.dispatch.simulator.mqtt.FleetListener;
import dev.dispatch.simulator.mqtt.FleetSettings;
import dev.dispatch.simulator.provision.DeviceCredentialIssuer;
import dev.dispatch.simulator.provision.GatewayProvisioning;

/** {@code java -jar device-simulator.jar [options]}: the demo fleet, or with {@code --load} the ingest benchmark. */
@Command(name = "device-simulator", mixinStandardHelpOptions = true, sortOptions = false,
        version = "Dispatch device simulator",
        description = {
            "Courier devices as real MQTT clients of the Dispatch broker, by iot-ingest's",
            "MQTT contract: a retained online status with an offline last will, telemetry",
            "at a fixed rate, every command answered with a command-ack, a drive to each",
            "assigned order's destination ending in 'delivered'.",
            "Ctrl-C (SIGTERM) stops cleanly: each device publishes its offline status",
            "itself and disconnects, so the broker does not fire the last will.",
            "With --coap-sensors N: also N cargo sensor tags on CoAP (tag-1..tag-N, riding",
            "with the couriers in turn), provisioned through the gateway's REST API: each",
            "wakes every report interval and POSTs a reading over coaps (DTLS PSK), keeps",
            "what is not stored and sends it later as one block-wise batch, and observes",
            "its configuration. --devices 0 runs the tags alone.",
            "With an operator's token (--operator-token, DISPATCH_OPERATOR_TOKEN) each courier",
            "gets MQTT credentials of its own through the gateway (POST",
            "/api/devices/{id}/credentials) and logs in as itself; without one, all log in",
            "with --user/--password.",
            "With --load: the MQTT ingest benchmark (telemetry only, then a report).",
            "With --coap-load: the CoAP ingest benchmark (readings only, then a report).",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (duration over, or stopped by Ctrl-C/SIGTERM)",
            "1:the broker refused the devices, the devices' credentials or the sensors could not be provisioned, or a load run could not connect",
            "2:bad options"})
public final class SimulatorCommand implements Callable<Integer> {

    private static final Duration CONNECT_BOUND = Duration.ofSeconds(60);

    // Kept strongly reachable: java.util.logging forgets the level of a logger that was collected.
    // The MQTT client logs each failed connect with a stack trace; the devices say it in one line.
    private static final Logger MQTT_CLIENT_LOG = Logger.getLogger("io.vertx.mqtt.impl.MqttClientImpl");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--host", defaultValue = "${env:DISPATCH_BROKER_HOST:-127.0.0.1}",
            description = "Broker host (env DISPATCH_BROKER_HOST). Default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--port", defaultValue = "${env:DISPATCH_BROKER_MQTT_PORT:-1884}",
            description = "Broker MQTT port (env DISPATCH_BROKER_MQTT_PORT). Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--user", defaultValue = "${env:DISPATCH_BROKER_USER:-dispatch}",
            description = "Broker user, the devices' shared login when there is no operator token (env DISPATCH_BROKER_USER). "
                    + "Default: ${DEFAULT-VALUE}")
    String user;

    @Option(names = "--password", defaultValue = "${env:DISPATCH_BROKER_PASSWORD:-dispatch}",
            description = "Broker password (env DISPATCH_BROKER_PASSWORD). Default: dispatch")
    String password;

    @Option(names = {"-n", "--devices"}, defaultValue = "1",
            description = "How many courier devices (0 with --coap-sensors: the tags alone). Default: ${DEFAULT-VALUE}")
    int devices;

    @Option(names = "--id-prefix", defaultValue = "courier-",
            description = "Device ids are this plus 1..N. Default: ${DEFAULT-VALUE}")
    String idPrefix;

    @Option(names = "--report-interval", defaultValue = "2", converter = Converters.SecondsConverter.class,
            paramLabel = "SECONDS", description = "Telemetry every so many seconds per device (decimals allowed). Default: 2")
    Duration reportInterval;

    @Option(names = "--speed", defaultValue = "12", paramLabel = "M/S",
            description = "Driving speed in m/s. Default: ${DEFAULT-VALUE}")
    double speed;

    @Option(names = "--start", defaultValue = "52.5219,13.4132", converter = Converters.GeoPointConverter.class,
            paramLabel = "LAT,LON", description = "Where the devices stand at start. Default: ${DEFAULT-VALUE} (Alexanderplatz, Berlin)")
    GeoPoint start;

    @Option(names = "--spread", defaultValue = "0", paramLabel = "METERS",
            description = "Devices after the first start up to this far from --start. Default: ${DEFAULT-VALUE}")
    double spread;

    @Option(names = "--route", defaultValue = "streets", paramLabel = "streets|straight",
            description = "streets: two legs at a right angle; straight: as the crow flies. Default: ${DEFAULT-VALUE}")
    String route;

    @Option(names = "--noise", defaultValue = "3", paramLabel = "METERS",
            description = "GPS noise on positions reported while driving. Default: ${DEFAULT-VALUE}")
    double noise;

    @Option(names = "--cargo-temperature", defaultValue = "4", paramLabel = "CELSIUS",
            description = "Cargo temperature at start. Default: ${DEFAULT-VALUE}")
    double cargoTemperature;

    @Option(names = "--drift", defaultValue = "0", paramLabel = "CELSIUS/MIN",
            description = "Cargo temperature change per minute (to provoke temperature alerts). Default: ${DEFAULT-VALUE}")
    double drift;

    @Option(names = "--battery", defaultValue = "100", paramLabel = "PERCENT", description = "Battery at start. Default: ${DEFAULT-VALUE}")
    double battery;

    @Option(names = "--drain", defaultValue = "0", paramLabel = "PERCENT/MIN",
            description = "Battery loss per minute (to provoke battery alerts). Default: ${DEFAULT-VALUE}")
    double drain;

    @Option(names = "--deliver-to", converter = Converters.GeoPointConverter.class, paramLabel = "LAT,LON",
            description = "Drive there at once and deliver, without waiting for an assign-order (demos without orders).")
    GeoPoint deliverTo;

    @Option(names = "--order-id", paramLabel = "ID",
            description = "The order id --deliver-to delivers (with several devices: ID-1, ID-2, ...). Default: demo-<device id>")
    String orderId;

    @Option(names = "--duration", converter = Converters.SecondsConverter.class, paramLabel = "SECONDS",
            description = "Stop cleanly after so many seconds, counted from when every device is connected (at most "
                    + "60 s of connecting). Default: run until Ctrl-C; with --load 60")
    Duration duration;

    @Option(names = "--clean-session", description = "Start a fresh MQTT session on every connection (commands sent while away are lost).")
    boolean cleanSession;

    @Option(names = "--reconnect-delay", defaultValue = "2", converter = Converters.SecondsConverter.class, paramLabel = "SECONDS",
            description = "Pause before each reconnect attempt. Default: 2")
    Duration reconnectDelay;

    @Option(names = {"-v", "--verbose"}, description = "Also print every reading and event sent.")
    boolean verbose;

    @Option(names = "--load", description = "Run the MQTT ingest benchmark instead of the demo.")
    boolean load;

    @Option(names = "--metrics-url", paramLabel = "URL",
            description = "With --load or --coap-load: iot-ingest's Prometheus endpoint, e.g. http://127.0.0.1:8084/q/metrics")
    String metricsUrl;

    @Option(names = "--catch-up-timeout", defaultValue = "60", converter = Converters.SecondsConverter.class, paramLabel = "SECONDS",
            description = "With --metrics-url: how long to wait for iot-ingest to store what was sent. Default: 60")
    Duration catchUpTimeout;

    @Option(names = "--coap-sensors", defaultValue = "0", paramLabel = "N",
            description = "Also run N cargo sensor tags on CoAP (--tag-prefix 1..N), riding with the couriers in turn "
                    + "(tag-1 with courier-1, ...). Needs --operator-token. Default: ${DEFAULT-VALUE}")
    int coapSensors;

    @Option(names = "--tag-prefix", paramLabel = "PREFIX",
            description = "Sensor ids are this plus 1..N. Default: tag- (with --coap-load: load-tag-)")
    String tagPrefix;

    @Option(names = "--coap-host", paramLabel = "HOST", defaultValue = "${env:DISPATCH_COAP_HOST:-127.0.0.1}",
            description = "iot-ingest's CoAP server (env DISPATCH_COAP_HOST). Default: ${DEFAULT-VALUE}")
    String coapHost;

    @Option(names = "--coaps-port", paramLabel = "PORT", defaultValue = "${env:DISPATCH_COAPS_PORT:-5684}",
            description = "Its coaps (DTLS) port (env DISPATCH_COAPS_PORT). Default: ${DEFAULT-VALUE}")
    int coapsPort;

    @Option(names = "--coap-port", paramLabel = "PORT", defaultValue = "${env:DISPATCH_COAP_PORT:-5683}",
            description = "Its plain coap port, used with --coap-plain (env DISPATCH_COAP_PORT). Default: ${DEFAULT-VALUE}")
    int coapPort;

    @Option(names = "--coap-plain", description = "Plain coap instead of coaps (no DTLS; where iot-ingest allows it: the local demo).")
    boolean coapPlain;

    @Option(names = "--coap-non", description = "Send readings non-confirmable (NON) instead of confirmable (CON).")
    boolean coapNon;

    @Option(names = "--coap-cbor", description = "CBOR payloads (Content-Format 60) instead of JSON (50).")
    boolean coapCbor;

    @Option(names = "--coap-report-interval", defaultValue = "10", paramLabel = "SECONDS",
            description = "The report interval the tags are provisioned with (5 to 86400); their observed "
                    + "configuration decides from then on. Default: ${DEFAULT-VALUE}")
    int coapReportInterval;

    @Option(names = "--coap-excursion", description = "Now and then a tag's cargo warms about 7 °C above --cargo-temperature "
            + "for four readings (the first at its third reading), to provoke temperature alerts.")
    boolean coapExcursion;

    @Option(names = "--coap-battery", defaultValue = "100", paramLabel = "PERCENT",
            description = "The tags' battery at start (each reading costs 0.01 %%). Default: ${DEFAULT-VALUE}")
    double coapBattery;

    @Option(names = "--gateway-url", defaultValue = "${env:DISPATCH_GATEWAY_URL:-http://127.0.0.1:8080}", paramLabel = "URL",
            description = "Where the devices' credentials are issued and the sensors provisioned: POST /api/devices/{id}/credentials, "
                    + "POST /api/sensors (env DISPATCH_GATEWAY_URL). Default: ${DEFAULT-VALUE}")
    String gatewayUrl;

    @Option(names = "--operator-token", paramLabel = "JWT",
            description = "An operator's bearer token (env DISPATCH_OPERATOR_TOKEN; bin/token operator NAME): with it each device "
                    + "gets MQTT credentials of its own and logs in as itself; required for sensor tags.")
    String operatorToken;

    @Option(names = "--coap-load", description = "Run the CoAP ingest benchmark instead of the demo.")
    boolean coapLoad;

    @Option(names = "--sensors", paramLabel = "N", description = "With --coap-load: how many sensors. Default: 100")
    Integer sensors;

    @Option(names = "--rate", paramLabel = "PER_SECOND",
            description = "With --coap-load: requests per second, all sensors together (iot-ingest allows each "
                    + "sensor 20 in 10 s). Default: 100")
    Double rate;

    private final PrintStream out;
    private volatile boolean shutdownInProgress;
    private volatile Thread mainThread;

    public SimulatorCommand() {
        this(System.out);
    }

    SimulatorCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        MQTT_CLIENT_LOG.setLevel(Level.OFF);
        SimulatorCommand command = new SimulatorCommand();
        int exitCode = new CommandLine(command).execute(args);
        // During a shutdown (SIGTERM, Ctrl-C) System.exit would block for good; the JVM ends by itself.
        if (!command.shutdownInProgress) {
            System.exit(exitCode);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (operatorToken == null || operatorToken.isBlank()) {
            operatorToken = System.getenv("DISPATCH_OPERATOR_TOKEN");
        }
        operatorToken = operatorToken == null || operatorToken.isBlank() ? null : operatorToken.strip();
        checkCoapOptions();
        if (coapLoad) {
            mainThread = Thread.currentThread();
            return runCoapLoad();
        }
        boolean tagsAlone = devices == 0 && coapSensors > 0;
        FleetSettings settings = fleetSettings(tagsAlone ? 1 : devices); // the options are checked either way
        if (tagsAlone) {
            settings = null;
        } else {
            checkOwnLoginOptions(settings);
        }
        mainThread = Thread.currentThread();
        return load ? runLoad(settings) : runDemo(settings);
    }

    private int runDemo(FleetSettings settings) throws InterruptedException {
        ConsoleListener console = new ConsoleListener(out, verbose, false);
        CountDownLatch stopRequested = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = shutdownHook(() -> stopRequested.countDown(), stopped);
        AtomicReference<Throwable> refused = new AtomicReference<>();

        if (settings != null) {
            console.info(String.format("device-simulator: %d device(s) %s, MQTT %s as %s, telemetry every %s s%s; Ctrl-C stops cleanly",
                    settings.devices(), idRange(settings), settings.broker(),
                    operatorToken == null ? settings.broker().user() : "themselves", seconds(reportInterval),
                    duration == null ? "" : ", for " + seconds(duration) + " s"));
            try {
                settings = withLogins(settings, console);
            } catch (GatewayProvisioning.ProvisioningFailed e) {
                console.info("device-simulator gave up: " + e.getMessage());
                stopped.countDown();
                removeHook(hook);
                return 1;
            }
            if (stopRequested.getCount() == 0) {
                console.info("device-simulator stopped");
                stopped.countDown();
                removeHook(hook);
                return 0;
            }
        }
        TagFleet tags = null;
        if (coapSensors > 0) {
            CoapSettings coap = coapSettings();
            console.info(String.format("device-simulator: %d sensor tag(s) %s on %s, provisioned at %s with a report interval of %d s%s",
                    coapSensors, tagRange(coapSensors), coap, gatewayUrl, coapReportInterval,
                    settings == null ? "; Ctrl-C stops cleanly" : ""));
            try {
                List<SensorCredentials> credentials = provision(coapSensors, settings == null ? 0 : settings.devices(), coapReportInterval);
                tags = new TagFleet(credentials, sensorSettings(), coap, console);
            } catch (GatewayProvisioning.ProvisioningFailed | java.io.UncheckedIOException e) {
                console.info("device-simulator gave up: " + e.getMessage());
                stopped.countDown();
                removeHook(hook);
                return 1;
            }
        }
        if (settings == null) {
            return runTagsAlone(tags, console, stopRequested, stopped, hook);
        }
        FleetSettings fleetSettings = settings;
        TagFleet riding = tags;
        FleetListener doors = riding == null ? FleetListener.NONE : new FleetListener() {
            @Override
            public void door(String deviceId, boolean opened) {
                riding.doorEvent(deviceId, opened);
            }
        };
        DeviceFleet fleet = new DeviceFleet(fleetSettings, FleetListener.both(console, doors));
        try {
            if (riding != null) {
                riding.start();
            }
            if (deliverTo != null) {
                List<String> ids = fleet.deviceIds();
                for (int i = 0; i < ids.size(); i++) {
                    fleet.assign(ids.get(i), demoOrderId(ids.get(i), i + 1, ids.size()), deliverTo);
                }
            }
            CountDownLatch allConnected = new CountDownLatch(1);
            fleet.start().subscribe().with(
                    ok -> {
                        if (fleetSettings.devices() > 1) {
                            console.info("all " + fleetSettings.devices() + " devices connected");
                        }
                        allConnected.countDown();
                    },
                    failure -> {
                        if (failure instanceof DeviceRefusedException) {
                            refused.set(failure);
                            stopRequested.countDown();
                        }
                    });
            if (duration == null) {
                stopRequested.await();
            } else if (awaitEither(allConnected, stopRequested, CONNECT_BOUND)) {
                // The duration is the devices' running time: a slow start (a busy machine) must not eat it.
                stopRequested.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            if (riding != null) {
                riding.close();
            }
            fleet.close(Duration.ofSeconds(15));
            console.info(refused.get() == null ? "device-simulator stopped" : "device-simulator gave up: " + refused.get().getMessage());
            stopped.countDown();
            removeHook(hook);
        }
        return refused.get() == null ? 0 : 1;
    }

    private int runTagsAlone(TagFleet tags, ConsoleListener console, CountDownLatch stopRequested, CountDownLatch stopped,
                             Thread hook) throws InterruptedException {
        try {
            tags.start();
            if (duration == null) {
                stopRequested.await();
            } else {
                stopRequested.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            tags.close();
            console.info("device-simulator stopped");
            stopped.countDown();
            removeHook(hook);
        }
        return 0;
    }

    private int runCoapLoad() {
        ConsoleListener console = new ConsoleListener(out, verbose, true);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread main = mainThread;
        Thread hook = shutdownHook(main::interrupt, stopped);
        Duration runFor = duration == null ? Duration.ofSeconds(60) : duration;
        int count = sensors == null ? 100 : sensors;
        double perSecond = rate == null ? 100 : rate;
        CoapSettings coap = coapSettings();
        console.info(String.format(java.util.Locale.ROOT, "coap load: provisioning %d sensors %s at %s, then %s requests/s over %s for %s s",
                count, tagRange(count), gatewayUrl, seconds(perSecond), coap, seconds(runFor)));
        try {
            List<SensorCredentials> credentials = provision(count, 0, CoapContract.MAX_REPORT_INTERVAL_SECONDS);
            CoapLoadReport report = new CoapLoadRun(credentials, coap, perSecond, runFor, Optional.ofNullable(metricsUrl).map(URI::create),
                    catchUpTimeout, Duration.ofSeconds(Math.max(30, count / 10))).run();
            report.lines().forEach(out::println);
            return 0;
        } catch (GatewayProvisioning.ProvisioningFailed | CoapLoadRun.CoapLoadFailed | java.io.UncheckedIOException e) {
            console.info("coap load run failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            console.info("coap load run interrupted; no report");
            return 130;
        } finally {
            stopped.countDown();
            removeHook(hook);
        }
    }

    /** Provisions tag 1..count through the gateway, tag i riding with courier ((i-1) mod couriers)+1, a few at a time. */
    private List<SensorCredentials> provision(int count, int couriers, int intervalSeconds) throws InterruptedException {
        GatewayProvisioning gateway = new GatewayProvisioning(URI.create(gatewayUrl), operatorToken);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(8, count), runnable -> {
            Thread thread = new Thread(runnable, "provisioning");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<SensorCredentials>> answers = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                String sensorId = tagPrefix() + i;
                String courier = couriers == 0 ? "" : idPrefix + ((i - 1) % couriers + 1);
                answers.add(pool.submit(() -> gateway.provision(sensorId, courier, intervalSeconds)));
            }
            List<SensorCredentials> credentials = new ArrayList<>();
            for (Future<SensorCredentials> answer : answers) {
                try {
                    credentials.add(answer.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new GatewayProvisioning.ProvisioningFailed(String.valueOf(e.getCause()));
                }
            }
            return credentials;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * With an operator's token every device gets credentials of its own from the gateway, many at a time, kept in this
     * process only (a real device would store its password; a new run issues new ones, and the old ones stop working).
     * Without one they all use the shared --user/--password, which says so.
     */
    private FleetSettings withLogins(FleetSettings settings, ConsoleListener console) throws InterruptedException {
        if (operatorToken == null) {
            console.info("devices log in with the shared login " + settings.broker().user()
                    + " (--user/--password): without an operator token no device gets credentials of its own");
            return settings;
        }
        DeviceCredentialIssuer issuer = new DeviceCredentialIssuer(URI.create(gatewayUrl), operatorToken);
        int inFlight = Math.min(DeviceCredentialIssuer.IN_FLIGHT, settings.devices());
        console.info(String.format("issuing MQTT credentials for %d device(s) at %s (POST /api/devices/{id}/credentials, %d at a time)",
                settings.devices(), gatewayUrl, inFlight));
        long started = System.nanoTime();
        Map<String, DeviceCredentials> issued = issuer.issueAll(settings.deviceIds(), inFlight);
        console.info(String.format("issued credentials for %d device(s) in %s s: each logs in as itself (kept in memory only; "
                + "a restart issues new ones)", issued.size(), seconds((System.nanoTime() - started) / 1e9)));
        console.ownLogins();
        return settings.withCredentials(issued);
    }

    private void checkOwnLoginOptions(FleetSettings settings) {
        if (operatorToken == null) {
            return;
        }
        try {
            URI gateway = URI.create(gatewayUrl);
            if (!"http".equals(gateway.getScheme()) && !"https".equals(gateway.getScheme()) || gateway.getHost() == null) {
                throw new IllegalArgumentException("--gateway-url must be an http(s) URL, was '" + gatewayUrl + "'");
            }
            // The prefix decides (the rest of every id is digits), and the longest id.
            DeviceCredentialIssuer.requireLoginId(settings.idPrefix() + settings.devices());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private void checkCoapOptions() {
        try {
            if (load && coapLoad) {
                throw new IllegalArgumentException("--load and --coap-load are two benchmarks: choose one");
            }
            if (!coapLoad && (sensors != null || rate != null)) {
                throw new IllegalArgumentException((sensors != null ? "--sensors" : "--rate") + " only makes sense with --coap-load");
            }
            if (coapSensors != 0 && (load || coapLoad)) {
                throw new IllegalArgumentException("--coap-sensors is for the demo; with --coap-load say --sensors");
            }
            if (coapSensors < 0 || coapSensors > 10_000) {
                throw new IllegalArgumentException("--coap-sensors must be from 0 to 10000, was " + coapSensors);
            }
            if (sensors != null && (sensors < 1 || sensors > 10_000)) {
                throw new IllegalArgumentException("--sensors must be from 1 to 10000, was " + sensors);
            }
            if (rate != null && !(rate > 0 && rate <= 100_000)) {
                throw new IllegalArgumentException("--rate must be above 0 and at most 100000 per second, was " + rate);
            }
            if (coapReportInterval < CoapContract.MIN_REPORT_INTERVAL_SECONDS || coapReportInterval > CoapContract.MAX_REPORT_INTERVAL_SECONDS) {
                throw new IllegalArgumentException("--coap-report-interval must be a whole number of seconds from "
                        + CoapContract.MIN_REPORT_INTERVAL_SECONDS + " to " + CoapContract.MAX_REPORT_INTERVAL_SECONDS + ", was " + coapReportInterval);
            }
            if (!(coapBattery >= 0 && coapBattery <= 100)) {
                throw new IllegalArgumentException("--coap-battery must be from 0 to 100 %, was " + coapBattery);
            }
            if (devices == 0 && coapSensors > 0 && deliverTo != null) {
                throw new IllegalArgumentException("--deliver-to needs a courier: --devices 1 or more");
            }
            boolean tags = coapSensors > 0 || coapLoad;
            if (tags) {
                int count = coapLoad ? (sensors == null ? 100 : sensors) : coapSensors;
                CoapContract.requireValidSensorId(tagPrefix() + count);
                for (int port : new int[] {coapPort, coapsPort}) {
                    if (port < 1 || port > 65535) {
                        throw new IllegalArgumentException("CoAP ports must be from 1 to 65535, was " + port);
                    }
                }
                URI gateway = URI.create(gatewayUrl);
                if (!"http".equals(gateway.getScheme()) && !"https".equals(gateway.getScheme()) || gateway.getHost() == null) {
                    throw new IllegalArgumentException("--gateway-url must be an http(s) URL, was '" + gatewayUrl + "'");
                }
                if (operatorToken == null) {
                    throw new IllegalArgumentException("the sensors are provisioned through the gateway: give an operator's token "
                            + "with --operator-token or DISPATCH_OPERATOR_TOKEN (bin/token operator NAME)");
                }
            }
            if (metricsUrl != null && coapLoad) {
                URI uri = URI.create(metricsUrl);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new IllegalArgumentException("--metrics-url must be an http(s) URL, was '" + metricsUrl + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private CoapSettings coapSettings() {
        CoapSettings base = coapPlain ? CoapSettings.plain(coapHost, coapPort) : CoapSettings.secure(coapHost, coapsPort);
        return base.withConfirmable(!coapNon).withContentFormat(coapCbor ? CoapContract.CBOR : CoapContract.JSON);
    }

    private SensorSettings sensorSettings() {
        return SensorSettings.defaults().withTemperature(Math.max(-40, Math.min(85, cargoTemperature)), coapExcursion)
                .withBattery(coapBattery).withReportInterval(Duration.ofSeconds(coapReportInterval));
    }

    private String tagPrefix() {
        return tagPrefix != null ? tagPrefix : coapLoad ? "load-tag-" : "tag-";
    }

    private String tagRange(int count) {
        return count == 1 ? tagPrefix() + 1 : tagPrefix() + 1 + ".." + tagPrefix() + count;
    }

    // True when `first` opened (or the bound passed), false when `stop` opened first.
    private static boolean awaitEither(CountDownLatch first, CountDownLatch stop, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!first.await(100, TimeUnit.MILLISECONDS)) {
            if (stop.getCount() == 0) {
                return false;
            }
            if (System.nanoTime() > deadline) {
                return true;
            }
        }
        return true;
    }

    private int runLoad(FleetSettings settings) {
        ConsoleListener console = new ConsoleListener(out, verbose, true);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread main = mainThread;
        Thread hook = shutdownHook(main::interrupt, stopped);
        Duration runFor = duration == null ? Duration.ofSeconds(60) : duration;
        Duration connectTimeout = Duration.ofSeconds(Math.max(30, settings.devices() / 20));
        console.info(String.format("load: connecting %d devices %s to MQTT %s, then telemetry every %s s each for %s s",
                settings.devices(), idRange(settings), settings.broker(), seconds(reportInterval), seconds(runFor)));
        try {
            FleetSettings fleet = withLogins(settings, console);
            LoadReport report = new LoadRun(fleet, runFor, Optional.ofNullable(metricsUrl).map(URI::create),
                    catchUpTimeout, connectTimeout, console).run();
            report.lines().forEach(out::println);
            return 0;
        } catch (LoadRun.LoadRunFailed | GatewayProvisioning.ProvisioningFailed e) {
            console.info("load run failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            console.info("load run interrupted; devices stopped cleanly, no report");
            return 130;
        } finally {
            stopped.countDown();
            removeHook(hook);
        }
    }

    private FleetSettings fleetSettings(int count) {
        try {
            RouteShape shape = switch (route.toLowerCase()) {
                case "streets" -> RouteShape.STREETS;
                case "straight" -> RouteShape.STRAIGHT;
                default -> throw new IllegalArgumentException("--route must be streets or straight, was '" + route + "'");
            };
            if (metricsUrl != null) {
                URI uri = URI.create(metricsUrl);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new IllegalArgumentException("--metrics-url must be an http(s) URL, was '" + metricsUrl + "'");
                }
                if (!load) {
                    throw new IllegalArgumentException("--metrics-url only makes sense with --load or --coap-load");
                }
            }
            if (load && deliverTo != null) {
                throw new IllegalArgumentException("--deliver-to is for the demo, not for --load");
            }
            DeviceSettings device = new DeviceSettings(start, speed, reportInterval, cargoTemperature, drift,
                    battery, drain, shape, noise);
            ConnectionSettings connection = ConnectionSettings.defaults()
                    .withCleanSession(cleanSession)
                    .withReconnectDelay(reconnectDelay);
            return new FleetSettings(new BrokerAddress(host, port, user, password), count, idPrefix, device, spread, connection);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private String demoOrderId(String deviceId, int number, int of) {
        if (orderId == null) {
            return "demo-" + deviceId;
        }
        return of == 1 ? orderId : orderId + "-" + number;
    }

    // The JVM runs this on SIGTERM and Ctrl-C: ask the main thread to stop the devices, wait for it.
    private Thread shutdownHook(Runnable requestStop, CountDownLatch stopped) {
        Thread hook = new Thread(() -> {
            shutdownInProgress = true;
            requestStop.run();
            try {
                stopped.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "device-simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private void removeHook(Thread hook) {
        if (shutdownInProgress) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs now and finds its latch counted down
        }
    }

    private static String idRange(FleetSettings settings) {
        List<String> ids = settings.deviceIds();
        return ids.size() == 1 ? ids.get(0) : ids.get(0) + ".." + ids.get(ids.size() - 1);
    }

    private static String seconds(Duration d) {
        return seconds(d.toNanos() / 1e9);
    }

    private static String seconds(double value) {
        return String.format(java.util.Locale.ROOT, "%.3f", value).replaceAll("\\.?0+$", "");
    }
}
