package dev.dispatch.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one service reads from its configuration: the keys of its application.properties, read at test time so
 * that keys others add later are seen. A key given only for a profile ({@code %test.mp.jwt...}) still counts:
 * the service reads it in every profile. So does an environment variable that a value names in an expression
 * ({@code dispatch.iot.coap.port=${DISPATCH_COAP_PORT:5683}}): MicroProfile Config looks the name up in the
 * environment as it is.
 *
 * @param referenced the names that values look up in {@code ${NAME}} or {@code ${NAME:default}} expressions
 * @param tracing    whether it has quarkus-opentelemetry, and so reads the exporter's keys ({@link Jaeger#SERVICE_KEYS})
 */
record ServiceConfig(String module, Map<String, String> defaults, Set<String> keys, Set<String> referenced, boolean health,
        boolean tracing) {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");

    /**
     * Environment variables a Quarkus container may carry although no key of application.properties maps to them:
     * the JVM settings of the runtime image's run-java.sh. Everything else must be a key the service reads.
     */
    static final Set<String> RUNTIME_ENV = Set.of("JAVA_OPTS", "JAVA_OPTS_APPEND", "JAVA_MAX_MEM_RATIO");

    /**
     * Quarkus keys that only the Kubernetes deployment sets, for gRPC over TLS ({@link GrpcTls}), and that
     * application.properties therefore leaves out (the local run and Compose are plain): exact names, so that a
     * misspelt one is still caught. A client's ({@link GrpcTls#CLIENT_KEYS}) count for each gRPC client the service has.
     */
    boolean readsTlsKey(String env) {
        if (GrpcTls.SERVER_KEYS.stream().anyMatch(key -> envName(key).equals(env))) {
            return true;
        }
        return grpcClients().stream().flatMap(client -> GrpcTls.CLIENT_KEYS.stream().map(key -> GrpcTls.clientKey(client, key)))
                .anyMatch(key -> envName(key).equals(env));
    }

    /** Its gRPC clients: the names of its {@code quarkus.grpc.clients.<name>.host} keys. */
    Set<String> grpcClients() {
        Set<String> clients = new TreeSet<>();
        for (String key : keys) {
            Matcher client = GRPC_CLIENT_HOST.matcher(key);
            if (client.matches()) {
                clients.add(client.group(1));
            }
        }
        return clients;
    }

    private static final Pattern GRPC_CLIENT_HOST = Pattern.compile("quarkus\\.grpc\\.clients\\.([^.]+)\\.host");

    static ServiceConfig of(String module) {
        return of(module, Repo.read(module + "/src/main/resources/application.properties"));
    }

    /** From this text in place of the module's application.properties (tests add keys a service does not have yet). */
    static ServiceConfig of(String module, String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        Set<String> keys = new TreeSet<>();
        Set<String> referenced = new TreeSet<>();
        for (String raw : properties.stringPropertyNames()) {
            String key = raw.startsWith("%") ? raw.substring(raw.indexOf('.') + 1) : raw;
            keys.add(key);
            if (!raw.startsWith("%")) {
                defaults.put(key, properties.getProperty(raw));
            }
            Matcher expression = EXPRESSION.matcher(properties.getProperty(raw));
            while (expression.find()) {
                referenced.add(expression.group(1));
            }
        }
        String pom = Repo.read(module + "/pom.xml");
        boolean health = pom.contains("<artifactId>quarkus-smallrye-health</artifactId>");
        boolean tracing = pom.contains("<artifactId>quarkus-opentelemetry</artifactId>");
        return new ServiceConfig(module, defaults, keys, referenced, health, tracing);
    }

    /** Whether the service reads this environment variable: it maps to a key, or a value looks it up by name. */
    boolean reads(String env) {
        return keyOf(env).isPresent() || referenced.contains(env) || readsTlsKey(env)
                || tracing && Jaeger.SERVICE_KEYS.stream().anyMatch(key -> envName(key).equals(env));
    }

    /**
     * The environment variables that set a key: its MicroProfile name, and any variable its value looks up
     * ({@code dispatch.iot.coap.credential-key=${DISPATCH_COAP_CREDENTIAL_KEY:}}: both DISPATCH_IOT_COAP_CREDENTIAL_KEY
     * and DISPATCH_COAP_CREDENTIAL_KEY).
     */
    Set<String> envNamesOf(String key) {
        Set<String> names = new TreeSet<>();
        names.add(envName(key));
        String value = defaults.get(key);
        if (value != null) {
            Matcher expression = EXPRESSION.matcher(value);
            while (expression.find()) {
                if (!keys.contains(expression.group(1))) {
                    names.add(expression.group(1));
                }
            }
        }
        return names;
    }

    /** MicroProfile Config's environment variable for a key: every non-alphanumeric character an underscore, upper case. */
    static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    /** The key an environment variable sets, if the service reads one that it maps to. */
    Optional<String> keyOf(String env) {
        return keys.stream().filter(key -> envName(key).equals(env)).findFirst();
    }

    int httpPort() {
        return Integer.parseInt(defaults.getOrDefault("quarkus.http.port", "8080"));
    }

    /**
     * The value in force in a container: the one its environment sets, else the default in application.properties,
     * with {@code ${NAME:default}} expressions resolved against the environment and the other keys.
     */
    Optional<String> effective(String key, Map<String, String> env) {
        String fromEnv = env.get(envName(key));
        String value = fromEnv != null ? fromEnv : defaults.get(key);
        return Optional.ofNullable(value == null ? null : resolve(value, env, 0));
    }

    private String resolve(String value, Map<String, String> env, int depth) {
        if (depth > 10) {
            return value;
        }
        Matcher expression = EXPRESSION.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (expression.find()) {
            String name = expression.group(1);
            String found = env.containsKey(name) ? env.get(name)
                    : env.containsKey(envName(name)) ? env.get(envName(name))
                    : defaults.containsKey(name) ? resolve(defaults.get(name), env, depth + 1)
                    : expression.group(2) != null ? expression.group(2) : expression.group();
            expression.appendReplacement(resolved, Matcher.quoteReplacement(found));
        }
        expression.appendTail(resolved);
        return resolved.toString();
    }

    // --- CoAP (iot-ingest's sensors): its UDP ports and the key of the sensors' credentials

    static final String COAP_SECURE = "coaps";
    static final String COAP_PLAIN = "coap";

    /** Whether the service runs a CoAP server ({@code *.coap.secure-port}). */
    boolean coap() {
        return coapKey("secure-port").isPresent();
    }

    /** The UDP ports its CoAP server listens on in a container with this environment: coaps, and coap when enabled. */
    Map<String, Integer> coapPorts(Map<String, String> env) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        coapKey("secure-port").flatMap(key -> effective(key, env)).filter(v -> v.matches("\\d+"))
                .ifPresent(port -> ports.put(COAP_SECURE, Integer.parseInt(port)));
        if (coapPlainEnabled(env)) {
            coapKey("port").flatMap(key -> effective(key, env)).filter(v -> v.matches("\\d+"))
                    .ifPresent(port -> ports.put(COAP_PLAIN, Integer.parseInt(port)));
        }
        return ports;
    }

    boolean coapPlainEnabled(Map<String, String> env) {
        return coapKey("plain-enabled").flatMap(key -> effective(key, env)).map(Boolean::parseBoolean).orElse(false);
    }

    /** The key that encrypts the sensors' pre-shared keys at rest, if the service has one. */
    Optional<String> coapKey(String name) {
        return keys.stream().filter(key -> key.endsWith(".coap." + name)).findFirst();
    }
}
