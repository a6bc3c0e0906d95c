package dev.dispatch.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The internal tokens every gRPC call between the services carries (issue #20): the gateway (for users) and
 * order-service (for itself) sign them, each with its own private key; the gRPC servers check them with both public
 * keys. In both deployments: exactly the issuers get a private key, their own; every gRPC server gets a folder with
 * each issuer's public key as {@code <issuer>.pem}; and each of those files is one deploy/secrets.sh makes.
 */
final class InternalAuth {

    static final Set<String> ISSUERS = Set.of("gateway", "order-service");
    static final Set<String> GRPC_SERVERS = Set.of("order-service", "payment-service", "notification-service", "iot-ingest");

    static final String PRIVATE_KEY = "DISPATCH_INTERNAL_AUTH_PRIVATE_KEY";
    static final String PUBLIC_KEYS = "DISPATCH_INTERNAL_AUTH_PUBLIC_KEYS";

    /**
     * A key file as the deployments mount it: Compose from .dispatch/internal/ISSUER/(private|public).pem, the kind
     * overlay from its secrets folder's internal-ISSUER-(private|public).pem.
     */
    private static final Pattern KEY_FILE = Pattern.compile(
            "(?:\\.dispatch/internal/([a-z-]+)/(private|public)\\.pem|" + Pattern.quote(Overlay.DIRECTORY) + "/secrets/internal-([a-z-]+)-(private|public)\\.pem)");

    record Key(String issuer, String half) {
    }

    private InternalAuth() {
    }

    static Optional<Key> keyFile(String source) {
        Matcher file = KEY_FILE.matcher(source.replaceFirst("^\\./", ""));
        if (!file.matches()) {
            return Optional.empty();
        }
        return Optional.of(file.group(1) != null ? new Key(file.group(1), file.group(2)) : new Key(file.group(3), file.group(4)));
    }

    static void check(Unit unit, List<String> problems) {
        String where = unit.where();
        String module = unit.module();
        unit.mountedFiles().forEach((path, source) -> keyFile(source).ifPresent(key -> {
            if (key.half().equals("private") && !key.issuer().equals(module)) {
                problems.add(where + ": " + path + " is " + key.issuer() + "'s private signing key: only " + key.issuer() + " may have it");
            }
            boolean made = source.startsWith(Overlay.DIRECTORY) ? SecretsScript.writesKindSecret(source.substring((Overlay.DIRECTORY + "/secrets/").length()))
                    : SecretsScript.writesRunFile(source);
            if (!made) {
                problems.add(where + ": " + path + " comes from " + source + ", which " + SecretsScript.FILE + " does not make");
            }
        }));
        Map<String, String> env = unit.literalEnv();
        String privateKey = env.get(PRIVATE_KEY);
        if (ISSUERS.contains(module) && privateKey == null) {
            problems.add(where + ": " + module + " signs internal tokens: set " + PRIVATE_KEY + " to its mounted private key");
        } else if (!ISSUERS.contains(module) && unit.env().containsKey(PRIVATE_KEY)) {
            problems.add(where + ": " + module + " issues no internal tokens: it gets no " + PRIVATE_KEY + " (only " + ISSUERS.stream().sorted().toList() + ")");
        } else if (privateKey != null) {
            String source = unit.mountedFiles().get(privateKey);
            if (source == null || !keyFile(source).equals(Optional.of(new Key(module, "private")))) {
                problems.add(where + ": " + PRIVATE_KEY + "=" + privateKey + " must be a mounted file, " + module + "'s own private key ("
                        + (source == null ? "not mounted: " + unit.mountedFiles().keySet() : "from " + source) + ")");
            }
        }
        String publicKeys = env.get(PUBLIC_KEYS);
        if (GRPC_SERVERS.contains(module) && publicKeys == null) {
            problems.add(where + ": " + module + " serves gRPC: set " + PUBLIC_KEYS + " to a folder of the issuers' public keys");
        } else if (!GRPC_SERVERS.contains(module) && unit.env().containsKey(PUBLIC_KEYS)) {
            problems.add(where + ": " + module + " serves no gRPC: it needs no " + PUBLIC_KEYS);
        } else if (publicKeys != null) {
            for (String issuer : ISSUERS.stream().sorted().toList()) {
                String file = publicKeys.replaceFirst("/$", "") + "/" + issuer + ".pem";
                String source = unit.mountedFiles().get(file);
                if (source == null || !keyFile(source).equals(Optional.of(new Key(issuer, "public")))) {
                    problems.add(where + ": " + file + " must be " + issuer + "'s public key ("
                            + (source == null ? "not mounted: " + unit.mountedFiles().keySet() : "from " + source) + ")");
                }
            }
        }
    }
}
