package dev.dispatch.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * coturn, the TURN server of the calls, as the checks read it: {@code k8s/base/turn/turnserver.conf} (the one
 * configuration; option names without the leading dashes) and the command line a container starts {@code turnserver}
 * with. coturn reads the file first and then its options, so an option on the command line wins.
 *
 * @param settings each setting of the file: its value, or "" for a flag
 */
record Coturn(Map<String, String> settings) {

    static final String FILE = "k8s/base/turn/turnserver.conf";
    static final String IMAGE = "coturn/coturn";

    /** STUN/TURN over UDP and TCP, unless listening-port says otherwise. */
    static final int DEFAULT_PORT = 3478;
    static final int DEFAULT_TLS_PORT = 5349;

    static final String LISTENING_PORT = "listening-port";
    static final String STATIC_AUTH_SECRET = "static-auth-secret";

    /**
     * The image's turnserver binary carries the file capability cap_net_bind_service+ep: with the capability gone from
     * the container's bounding set (capabilities dropped), the kernel refuses to exec it ("operation not permitted").
     * The one capability the restricted Pod Security level lets a container add back.
     */
    static final String FILE_CAPABILITY = "NET_BIND_SERVICE";

    /** Short options that take a value, by the long name they stand for (-c: the configuration file). */
    private static final Map<String, String> SHORT = Map.of("p", LISTENING_PORT, "c", "c", "L", "listening-ip",
            "E", "relay-ip", "X", "external-ip", "r", "realm");

    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)}|\\(([A-Za-z_][A-Za-z0-9_]*)\\)|([A-Za-z_][A-Za-z0-9_]*))");

    static Coturn read() {
        return parse(Repo.read(FILE));
    }

    static Coturn parse(String conf) {
        Map<String, String> settings = new LinkedHashMap<>();
        conf.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(line -> {
            int equals = line.indexOf('=');
            settings.put(equals < 0 ? line : line.substring(0, equals).strip(), equals < 0 ? "" : line.substring(equals + 1).strip());
        });
        return new Coturn(settings);
    }

    /**
     * The words after {@code turnserver} in a container's command (a shell line or Kubernetes' command and args),
     * unquoted; a {@code $( )} substitution stays one word. Empty when the command does not run turnserver.
     */
    static Optional<List<String>> arguments(String command) {
        List<String> words = words(command);
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).equals("turnserver") || words.get(i).endsWith("/turnserver")) {
                return Optional.of(words.subList(i + 1, words.size()));
            }
        }
        return Optional.empty();
    }

    /** The command line's options by long name (-p is listening-port), each with its value, or "" for a flag. */
    static Map<String, List<String>> options(List<String> arguments) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = 0; i < arguments.size(); i++) {
            String word = arguments.get(i);
            String name;
            String value;
            if (word.startsWith("--")) {
                int equals = word.indexOf('=');
                name = equals < 0 ? word.substring(2) : word.substring(2, equals);
                value = equals < 0 ? "" : word.substring(equals + 1);
                // "--name value": a value follows unless the next word is an option (flags take none).
                if (equals < 0 && i + 1 < arguments.size() && !arguments.get(i + 1).startsWith("-") && !flag(name)) {
                    value = arguments.get(++i);
                }
            } else if (word.startsWith("-") && word.length() == 2) {
                name = SHORT.getOrDefault(word.substring(1), word.substring(1));
                value = SHORT.containsKey(word.substring(1)) && i + 1 < arguments.size() ? arguments.get(++i) : "";
            } else {
                continue;
            }
            options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return options;
    }

    /** What coturn runs with: the file's settings (none with -n), overridden by the command line's options. */
    Map<String, String> effective(Map<String, List<String>> options) {
        Map<String, String> effective = new LinkedHashMap<>(options.containsKey("n") ? Map.of() : settings);
        options.forEach((name, values) -> effective.put(name, values.get(values.size() - 1)));
        return effective;
    }

    /**
     * The ports coturn listens on, "port/UDP" and "port/TCP": listening-port (default 3478) on both unless no-udp or
     * no-tcp; the TLS port only with a certificate (without one coturn opens no TLS or DTLS listener). A port that is
     * no number is left out (reported by the environment checks).
     */
    Set<String> listening(Map<String, List<String>> options) {
        Map<String, String> effective = effective(options);
        Set<String> ports = new TreeSet<>();
        String port = effective.getOrDefault(LISTENING_PORT, String.valueOf(DEFAULT_PORT));
        if (port.matches("\\d+")) {
            if (!effective.containsKey("no-udp")) {
                ports.add(port + "/UDP");
            }
            if (!effective.containsKey("no-tcp")) {
                ports.add(port + "/TCP");
            }
        }
        String tls = effective.getOrDefault("tls-listening-port", String.valueOf(DEFAULT_TLS_PORT));
        if (effective.containsKey("cert") && tls.matches("\\d+")) {
            if (!effective.containsKey("no-dtls")) {
                ports.add(tls + "/UDP");
            }
            if (!effective.containsKey("no-tls")) {
                ports.add(tls + "/TCP");
            }
        }
        return ports;
    }

    /** The ports of one protocol ("UDP", "TCP") of a container whose command is this line. */
    Set<Integer> listening(String command, String protocol) {
        Set<Integer> ports = new TreeSet<>();
        arguments(command).map(Coturn::options).map(this::listening).orElse(Set.of()).forEach(port -> {
            if (port.endsWith("/" + protocol.toUpperCase())) {
                ports.add(Integer.parseInt(port.substring(0, port.indexOf('/'))));
            }
        });
        return ports;
    }

    /** The variables a value expands: $NAME and ${NAME} (a shell), $(NAME) (Kubernetes' command and args). */
    static Set<String> variables(String text) {
        Set<String> names = new TreeSet<>();
        Matcher variable = VARIABLE.matcher(text);
        while (variable.find()) {
            names.add(variable.group(1) != null ? variable.group(1) : variable.group(2) != null ? variable.group(2) : variable.group(3));
        }
        return names;
    }

    /** The one variable a value is, nothing else ("$X", "${X}", "$(X)"); else empty (a literal, or more than a variable). */
    static Optional<String> onlyVariable(String value) {
        Matcher variable = VARIABLE.matcher(value);
        return variable.matches() ? Optional.of(variables(value).iterator().next()) : Optional.empty();
    }

    private static boolean flag(String name) {
        return name.startsWith("no-") || Set.of("fingerprint", "use-auth-secret", "lt-cred-mech", "allow-loopback-peers", "verbose",
                "simple-log", "daemon", "stun-only", "secure-stun").contains(name);
    }

    /** Shell-like words: whitespace splits outside quotes and $( ); quotes are removed; ; & | end the command. */
    private static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        int depth = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
                continue;
            }
            if (c == '$' && i + 1 < command.length() && command.charAt(i + 1) == '(') {
                depth++;
                word.append("$(");
                inWord = true;
                i++;
            } else if (c == ')' && depth > 0) {
                depth--;
                word.append(c);
            } else if (depth > 0) {
                word.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c) || c == ';' || c == '&' || c == '|') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                if (!Character.isWhitespace(c) && words.stream().anyMatch(w -> w.endsWith("turnserver"))) {
                    break;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
