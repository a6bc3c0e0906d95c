package dev.dispatch.loadgen.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.dispatch.loadgen.core.LatencySummary;
import dev.dispatch.loadgen.core.OpenLoopRunner;
import dev.dispatch.loadgen.core.Progress;
import dev.dispatch.loadgen.core.ResultJson;
import dev.dispatch.loadgen.core.ResultRow;
import dev.dispatch.loadgen.core.RunResult;
import dev.dispatch.loadgen.core.Schedule;
import dev.dispatch.loadgen.core.SummaryTable;
import dev.dispatch.loadgen.core.Ticker;
import dev.dispatch.loadgen.local.LocalRun;
import dev.dispatch.loadgen.scenario.Endpoints;
import dev.dispatch.loadgen.scenario.Scenario;
import dev.dispatch.loadgen.scenario.ScenarioOptions;
import dev.dispatch.loadgen.scenario.Scenarios;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Open-loop load at a constant rate against a running local system (bin/run): latency from each "
                + "request's due time, a progress line per second, a one-table summary, and the result as JSON.",
                "Exit status: 0 a clean run; 3 it ran, but with failures, unanswered requests, or lost or duplicated "
                + "events; 1 it could not run; 2 bad options."})
public final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "orders-rest, orders-graphql, orders-grpc, read-mix, push-latency or ws-fanout")
    String scenario;

    @Option(names = "--rate", paramLabel = "PER_SECOND", description = "Requests per second. Default: 50 (ws-fanout: 2, each event goes to every client)")
    Double rateOption;

    @Option(names = "--duration", defaultValue = "30", paramLabel = "SECONDS", description = "How long to send. Default: ${DEFAULT-VALUE}")
    double durationSeconds;

    @Option(names = "--requests", paramLabel = "N", description = "At most this many requests (the run ends at whichever bound comes first).")
    Long maxRequests;

    @Option(names = "--warmup", defaultValue = "0", paramLabel = "SECONDS",
            description = "First send at the same rate for this long, not counted (the services' JIT warms up). Default: ${DEFAULT-VALUE}")
    double warmupSeconds;

    @Option(names = "--max-in-flight", defaultValue = "10000", paramLabel = "N",
            description = "Requests waiting for an answer at most; beyond, a request is not sent and counts as failed. Default: ${DEFAULT-VALUE}")
    long maxInFlight;

    @Option(names = "--answer-timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "After the last send, how long to wait for answers (and push events). Default: ${DEFAULT-VALUE}")
    double answerTimeoutSeconds;

    @Option(names = "--out", paramLabel = "FILE", description = "The JSON result. Default: RUN_DIR/bench/SCENARIO-TIME.json")
    Path out;

    @Option(names = "--run-dir", paramLabel = "DIR", defaultValue = "${env:DISPATCH_RUN_DIR:-.dispatch}",
            description = "bin/run's folder (its JWT keys sign the tokens). Default: ${DEFAULT-VALUE}")
    Path runDir;

    @Option(names = "--gateway", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL", description = "Default: ${DEFAULT-VALUE}")
    URI gateway;

    @Option(names = "--notifications", defaultValue = "http://127.0.0.1:8083", paramLabel = "URL",
            description = "notification-service. Default: ${DEFAULT-VALUE}")
    URI notifications;

    @Option(names = "--order-service", defaultValue = "127.0.0.1:8081", paramLabel = "HOST:PORT",
            description = "order-service's gRPC (orders-grpc). Default: ${DEFAULT-VALUE}")
    String orderService;

    @Option(names = "--customer", paramLabel = "SUBJECT", description = "The customer the orders are for. Default: bench-RUNID (a new one per run)")
    String customer;

    @Option(names = "--seed-orders", defaultValue = "20", paramLabel = "N", description = "read-mix: orders placed before, to read. Default: ${DEFAULT-VALUE}")
    int seedOrders;

    @Option(names = "--clients", defaultValue = "1000", paramLabel = "N",
            description = "ws-fanout: WebSockets open, each an operator of its own. Default: ${DEFAULT-VALUE}")
    int clients;

    @Option(names = "--ack-interval", defaultValue = "1000", paramLabel = "MS",
            description = "ws-fanout: each client acknowledges what it got this often (push-latency's one: every 200 ms). Default: ${DEFAULT-VALUE}")
    long ackIntervalMs;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!Scenarios.NAMES.contains(scenario)) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "no scenario '" + scenario + "': one of " + String.join(", ", Scenarios.NAMES));
        }
        if (clients < 1 || ackIntervalMs < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--clients and --ack-interval must be at least 1");
        }
        double rate = rateOption != null ? rateOption : scenario.equals("ws-fanout") ? 2 : 50;
        ScenarioOptions options = new ScenarioOptions(seedOrders, clients, Duration.ofMillis(ackIntervalMs));
        Schedule schedule = new Schedule(rate, maxRequests == null ? Long.MAX_VALUE : maxRequests, seconds(durationSeconds));
        String runId = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now())
                + "-" + Long.toString(Math.floorMod(System.nanoTime(), 46656L), 36);
        String subject = customer != null ? customer : "bench-" + runId;
        String[] hostPort = orderService.split(":", 2);
        Endpoints endpoints = new Endpoints(gateway, notifications, hostPort[0], Integer.parseInt(hostPort[1]));
        LocalRun run = new LocalRun(runDir);

        if (warmupSeconds > 0) {
            System.out.printf("warm-up: %s at %.0f/s for %.0f s (not counted)%n", scenario, rate, warmupSeconds);
            // Its own customer: nothing of the warm-up (a late push, a redelivery) reaches the measured run's streams.
            try (Scenario warmup = Scenarios.create(scenario, endpoints, run, subject + "-warmup", runId + "-warmup", options,
                    Ticker.SYSTEM)) {
                warmup.prepare();
                OpenLoopRunner runner = new OpenLoopRunner(Ticker.SYSTEM, new Schedule(rate, Long.MAX_VALUE, seconds(warmupSeconds)), maxInFlight);
                runner.fire(warmup.target());
                runner.awaitAnswers(seconds(answerTimeoutSeconds));
            }
        }

        String startedAt = Instant.now().toString();
        try (Scenario chosen = Scenarios.create(scenario, endpoints, run, subject, runId, options, Ticker.SYSTEM)) {
            chosen.prepare();
            OpenLoopRunner runner = new OpenLoopRunner(Ticker.SYSTEM, schedule, maxInFlight);
            System.out.printf("%s: %.0f/s for %.0f s (%d requests), customer %s%n", scenario, rate, durationSeconds,
                    schedule.requests(), subject);
            ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "progress");
                t.setDaemon(true);
                return t;
            });
            AtomicLong second = new AtomicLong();
            progress.scheduleAtFixedRate(() -> System.out.println(Progress.line(second.incrementAndGet(), runner.counters(),
                    runner.latencies().sinceLastInterval())), 1, 1, TimeUnit.SECONDS);
            boolean answered;
            List<ResultRow> rows = new ArrayList<>();
            try {
                runner.fire(chosen.target());
                answered = runner.awaitAnswers(seconds(answerTimeoutSeconds));
                rows.add(ResultRow.requests("requests", runner.counters(), LatencySummary.of(runner.latencies().total())));
                rows.addAll(chosen.results(seconds(answerTimeoutSeconds)));
            } finally {
                progress.shutdownNow();
            }
            double sendingSeconds = Math.max(runner.sendingNanos(), 1) / 1e9;
            long sent = runner.counters().sentCount();
            Map<String, String> settings = new TreeMap<>(chosen.settings());
            settings.put("customer", subject);
            settings.put("maxInFlight", Long.toString(maxInFlight));
            settings.put("warmupSeconds", Double.toString(warmupSeconds));
            settings.put("gateway", gateway.toString());
            settings.put("notifications", notifications.toString());
            settings.put("orderService", orderService);
            RunResult result = new RunResult(scenario, startedAt, rate, durationSeconds, schedule.requests(),
                    sent <= 1 ? rate : Math.round((sent - 1) / sendingSeconds * 10) / 10.0,
                    answered ? 0 : runner.counters().inFlight(), settings, rows);
            Path file = out != null ? out : runDir.resolve("bench").resolve(scenario + "-" + runId + ".json");
            ResultJson.write(result, file);
            System.out.println();
            System.out.print(SummaryTable.render(result));
            System.out.println("result: " + file);
            boolean clean = answered && rows.stream().allMatch(r -> r.failed() == 0 && r.lost() <= 0 && r.duplicated() <= 0);
            return clean ? 0 : 3;
        } catch (IllegalStateException | java.io.IOException e) {
            System.err.println("bench: " + e.getMessage());
            return 1;
        }
    }

    private static Duration seconds(double seconds) {
        return Duration.ofNanos((long) (seconds * 1e9));
    }
}
