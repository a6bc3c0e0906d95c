package dev.dispatch.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * gRPC over TLS between the services in Kubernetes: each gRPC server's HTTP server also listens with TLS on its SSL
 * port, with the key store of a Secret (a certificate for its Service's names, signed by the deployment's CA, made by
 * deploy/secrets.sh); each gRPC client that calls one goes to that port, with TLS, trusting that CA only. The plain
 * port stays for the kubelet's probes and the browsers. (Compose and the local run stay plain.)
 */
final class GrpcTls {

    /** The TLS registry configuration the HTTP server uses: quarkus.tls.grpc.*. */
    static final String CONFIGURATION = "grpc";

    static final String SSL_PORT = "quarkus.http.ssl-port";
    static final String TLS_CONFIGURATION_NAME = "quarkus.http.tls-configuration-name";
    static final String INSECURE_REQUESTS = "quarkus.http.insecure-requests";
    static final String KEY_STORE = "quarkus.tls." + CONFIGURATION + ".key-store.p12.path";
    static final String KEY_STORE_PASSWORD = "quarkus.tls." + CONFIGURATION + ".key-store.p12.password";
    static final Set<String> SERVER_KEYS = Set.of(SSL_PORT, TLS_CONFIGURATION_NAME, INSECURE_REQUESTS, KEY_STORE, KEY_STORE_PASSWORD);

    /** A gRPC client's (grpc-java Netty channel): the CA file it trusts, which makes it use TLS, and plain-text off. */
    static final String TRUST_STORE = "ssl.trust-store";
    static final String PLAIN_TEXT = "plain-text";
    /** The name TLS checks the server's certificate against, where the channel's own (its host) is not one of them. */
    static final String OVERRIDE_AUTHORITY = "override-authority";
    static final List<String> CLIENT_KEYS = List.of(TRUST_STORE, PLAIN_TEXT, OVERRIDE_AUTHORITY);

    /** The namespace the certificates name the Services in (deploy/secrets.sh NAMESPACE, k8s/base/kustomization.yaml). */
    static final String NAMESPACE = "dispatch";

    /** The files of the kind overlay that deploy/secrets.sh makes: the CA's certificate, a key store per server. */
    static final String CA_FILE = Overlay.DIRECTORY + "/secrets/grpc-ca.crt";

    static String keyStoreFile(String module) {
        return Overlay.DIRECTORY + "/secrets/grpc-tls-" + module + ".p12";
    }

    static String clientKey(String client, String key) {
        return "quarkus.grpc.clients." + client + "." + key;
    }

    private GrpcTls() {
    }

    /** The TLS port of a service container: its SSL port, when its HTTP server has the TLS configuration. */
    static Optional<Integer> port(ServiceConfig config, Map<String, String> env) {
        Optional<String> name = config.effective(TLS_CONFIGURATION_NAME, env);
        Optional<String> port = config.effective(SSL_PORT, env);
        if (name.isEmpty() || port.isEmpty() || !port.get().matches("\\d+")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(port.get()));
    }

    /**
     * The checks, on the containers of a Kubernetes deployment: each gRPC server serves TLS from its own key store; each
     * gRPC client of one of them dials its TLS port with TLS and trusts the CA.
     */
    static void check(List<Unit> units, java.util.function.Function<String, ServiceConfig> configs, List<String> problems) {
        Map<String, Unit> byModule = new java.util.HashMap<>();
        units.stream().filter(unit -> unit.role() == Unit.Role.SERVICE).forEach(unit -> byModule.put(unit.module(), unit));
        for (Unit unit : byModule.values()) {
            ServiceConfig config = configs.apply(unit.module());
            Map<String, String> env = unit.literalEnv();
            if (InternalAuth.GRPC_SERVERS.contains(unit.module())) {
                server(unit, config, env, problems);
            }
            for (GrpcDiscovery.Target target : GrpcDiscovery.targets(config, env)) {
                String client = target.client();
                Unit server = GrpcDiscovery.server(unit.module(), client).map(byModule::get).orElse(null);
                if (server == null) {
                    continue; // a client GrpcDiscovery.SERVERS does not know, or a server not deployed: reported elsewhere
                }
                Optional<Integer> tlsPort = port(configs.apply(server.module()), server.literalEnv());
                String where = unit.where() + ": " + target.describe();
                if (tlsPort.isEmpty()) {
                    continue; // reported for the server
                }
                if (!target.port().equals(String.valueOf(tlsPort.get()))) {
                    problems.add(where + ": between the services gRPC goes to the TLS port " + tlsPort.get() + " (set "
                            + ServiceConfig.envName(target.portKey()) + ")");
                }
                String trust = config.effective(clientKey(client, TRUST_STORE), env).orElse("");
                String source = unit.mountedFiles().get(trust);
                if (trust.isEmpty() || !CA_FILE.equals(source)) {
                    problems.add(where + ": must use TLS and trust the deployment's CA: "
                            + ServiceConfig.envName(clientKey(client, TRUST_STORE)) + " a mounted file from " + CA_FILE + " ("
                            + (trust.isEmpty() ? "unset" : trust + (source == null ? " is not mounted" : " comes from " + source)) + ")");
                }
                if (config.effective(clientKey(client, PLAIN_TEXT), env).map(Boolean::parseBoolean).orElse(false)) {
                    problems.add(where + ": " + ServiceConfig.envName(clientKey(client, PLAIN_TEXT)) + "=true: gRPC between the services is TLS");
                }
                // The client checks the certificate against its channel's authority (host, or the Stork service's name),
                // not against the address it found: that name must be one the server's certificate carries.
                String authority = target.authority().replaceFirst(":\\d+$", "");
                List<String> names = GrpcDiscovery.certificateNames(server.module(), NAMESPACE);
                if (!names.contains(authority)) {
                    problems.add(where + ": TLS checks " + server.module() + "'s certificate for '" + authority + "', which names only " + names
                            + " (" + SecretsScript.FILE + "): set " + ServiceConfig.envName(clientKey(client, OVERRIDE_AUTHORITY)) + " to one of them");
                }
            }
        }
    }

    private static void server(Unit unit, ServiceConfig config, Map<String, String> env, List<String> problems) {
        String where = unit.where();
        if (port(config, env).isEmpty()) {
            problems.add(where + ": " + unit.module() + " serves gRPC: set " + ServiceConfig.envName(SSL_PORT) + " and "
                    + ServiceConfig.envName(TLS_CONFIGURATION_NAME) + "=" + CONFIGURATION + " (gRPC over TLS between the services)");
            return;
        }
        if (!config.effective(TLS_CONFIGURATION_NAME, env).orElse("").equals(CONFIGURATION)) {
            problems.add(where + ": " + ServiceConfig.envName(TLS_CONFIGURATION_NAME) + " must be " + CONFIGURATION + " (the key store's quarkus.tls."
                    + CONFIGURATION + ".*)");
        }
        if (!config.effective(INSECURE_REQUESTS, env).orElse("enabled").equals("enabled")) {
            problems.add(where + ": " + ServiceConfig.envName(INSECURE_REQUESTS) + " must stay enabled: the probes (and browsers) use the plain port");
        }
        String keyStore = config.effective(KEY_STORE, env).orElse("");
        String source = unit.mountedFiles().get(keyStore);
        if (!keyStoreFile(unit.module()).equals(source)) {
            problems.add(where + ": " + ServiceConfig.envName(KEY_STORE) + "=" + keyStore + " must be a mounted file from " + keyStoreFile(unit.module())
                    + " (" + (source == null ? "not mounted: " + unit.mountedFiles().keySet() : "from " + source) + ")");
        }
        com.fasterxml.jackson.databind.JsonNode password = unit.env().get(ServiceConfig.envName(KEY_STORE_PASSWORD));
        if (password == null || !password.path("valueFrom").has("secretKeyRef")) {
            problems.add(where + ": " + ServiceConfig.envName(KEY_STORE_PASSWORD) + " must come from a Secret");
        }
    }
}
