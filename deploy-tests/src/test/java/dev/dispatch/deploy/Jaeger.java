package dev.dispatch.deploy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jaeger all-in-one, where the services' traces go, as the checks see it: its image, the ports it serves, the variables
 * it reads; and the OpenTelemetry keys of a service that say whether and where it exports (README, Tracing). Quarkus's
 * own defaults (an SDK switched on, http://localhost:4317) never apply here: every service's application.properties
 * switches the SDK off, and a deployment that switches it on names the endpoint.
 */
final class Jaeger {

    static final String IMAGE = "jaegertracing/all-in-one";

    /** OTLP over gRPC (what the services' exporters speak by default) and over HTTP (http/protobuf). */
    static final int OTLP_GRPC = 4317;
    static final int OTLP_HTTP = 4318;
    /** The UI and its query API. */
    static final int UI = 16686;
    /** Health ({@code GET /}) and metrics. */
    static final int ADMIN = 14269;
    /** The TCP ports all-in-one serves that a deployment may use (it opens more: the Jaeger and Zipkin receivers). */
    static final Set<Integer> PORTS = Set.of(OTLP_GRPC, OTLP_HTTP, UI, ADMIN);

    /** The variables of all-in-one a container here may set; anything else is a misspelling or a v2 setting. */
    static final Set<String> ENV = Set.of("COLLECTOR_OTLP_ENABLED", "MEMORY_MAX_TRACES", "SPAN_STORAGE_TYPE", "QUERY_BASE_PATH");
    static final String OTLP_ENABLED = "COLLECTOR_OTLP_ENABLED";

    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    static final String ENDPOINT = "quarkus.otel.exporter.otlp.endpoint";
    static final String TRACES_ENDPOINT = "quarkus.otel.exporter.otlp.traces.endpoint";
    static final String PROTOCOL = "quarkus.otel.exporter.otlp.protocol";
    static final String TRACES_PROTOCOL = "quarkus.otel.exporter.otlp.traces.protocol";
    /** The keys a service with quarkus-opentelemetry reads although its application.properties may not list them. */
    static final Set<String> SERVICE_KEYS = Set.of(SDK_DISABLED, ENDPOINT, TRACES_ENDPOINT, PROTOCOL, TRACES_PROTOCOL);

    private static final Pattern URL = Pattern.compile("https?://([^:/]+):(\\d+)/?");

    private Jaeger() {
    }

    /** Whether the service exports traces with this environment: its SDK switched on. */
    static boolean exports(ServiceConfig config, Map<String, String> env) {
        return config.tracing() && !config.effective(SDK_DISABLED, env).orElse("false").equals("true");
    }

    /** Where it exports to: the traces endpoint, else the OTLP endpoint, as written (empty if neither is given). */
    static Optional<String> endpoint(ServiceConfig config, Map<String, String> env) {
        return config.effective(TRACES_ENDPOINT, env).or(() -> config.effective(ENDPOINT, env)).filter(url -> !url.isBlank());
    }

    /** The OTLP port of the protocol it exports with: 4317 for grpc (the default), 4318 for http/protobuf. */
    static int port(ServiceConfig config, Map<String, String> env) {
        String protocol = config.effective(TRACES_PROTOCOL, env).or(() -> config.effective(PROTOCOL, env)).orElse("grpc");
        return protocol.startsWith("http") ? OTLP_HTTP : OTLP_GRPC;
    }

    /** host and port of an endpoint http://host:port (a path, which only http/protobuf would use, is not one here). */
    static Optional<Map.Entry<String, Integer>> address(String url) {
        Matcher address = URL.matcher(url);
        return address.matches() ? Optional.of(Map.entry(address.group(1), Integer.parseInt(address.group(2)))) : Optional.empty();
    }
}
