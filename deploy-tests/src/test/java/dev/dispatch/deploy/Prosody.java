package dev.dispatch.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What k8s/base/xmpp/prosody.cfg.lua reads from the environment ({@code env("NAME", "default")}, {@code getenv("NAME")}),
 * with the defaults it falls back on, and so which ports Prosody listens on in a container with a given environment.
 *
 * @param variables each variable the file reads, and its default (null: none, e.g. {@code env("X", nil)})
 */
record Prosody(Map<String, String> variables) {

    static final String FILE = "k8s/base/xmpp/prosody.cfg.lua";
    static final String IMAGE = "prosody/prosody";

    static final String C2S = "c2s";
    static final String HTTP = "http";
    static final String COMPONENT = "component";

    /** The variable that sets each listener's port; the names are also the container ports' names in Kubernetes. */
    static final Map<String, String> PORT_VARIABLES = Map.of(C2S, "DISPATCH_XMPP_C2S_PORT", HTTP, "DISPATCH_XMPP_HTTP_PORT",
            COMPONENT, "DISPATCH_XMPP_COMPONENT_PORT");

    /** Without it the file opens no component port (and defines no component). */
    static final String COMPONENT_SECRET = "DISPATCH_XMPP_COMPONENT_SECRET";
    static final String INTERFACES = "DISPATCH_XMPP_INTERFACES";
    static final String RUN_AS_ROOT = "DISPATCH_XMPP_RUN_AS_ROOT";

    /** What a client of Prosody must share with it: the same value, from the same source (a Secret, a compose variable). */
    static final List<String> SHARED = List.of("DISPATCH_XMPP_DOMAIN", "DISPATCH_XMPP_BOT", "DISPATCH_XMPP_BOT_PASSWORD",
            COMPONENT_SECRET);

    private static final Pattern READ = Pattern.compile("\\b(?:env|getenv)\\(\\s*\"([A-Za-z0-9_]+)\"\\s*(?:,\\s*(?:\"([^\"]*)\"|nil)\\s*)?\\)");
    private static final Pattern CONFIG_OPTION = Pattern.compile("(?<![\\w-])--config[ =]+(\\S+)");
    private static final Pattern SHELL_VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");

    static Prosody read() {
        return parse(Repo.read(FILE));
    }

    static Prosody parse(String lua) {
        Map<String, String> variables = new LinkedHashMap<>();
        Matcher read = READ.matcher(withoutComments(lua));
        while (read.find()) {
            variables.put(read.group(1), read.group(2));
        }
        return new Prosody(variables);
    }

    boolean reads(String variable) {
        return variables.containsKey(variable);
    }

    Optional<String> effective(String variable, Map<String, String> env) {
        String value = env.get(variable);
        return Optional.ofNullable(value == null || value.isEmpty() ? variables.get(variable) : value);
    }

    /**
     * The TCP ports Prosody listens on, by listener: c2s and http always, component only when the environment gives
     * a component secret ({@code given}: the variables the container has, whether the file states their value or not).
     * A port that is no number is left out (reported by the environment checks).
     */
    Map<String, Integer> listening(Set<String> given, Map<String, String> literal) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String listener : List.of(C2S, HTTP, COMPONENT)) {
            if (listener.equals(COMPONENT) && (!given.contains(COMPONENT_SECRET) || "".equals(literal.get(COMPONENT_SECRET)))) {
                continue;
            }
            effective(PORT_VARIABLES.get(listener), literal).filter(port -> port.matches("\\d+"))
                    .ifPresent(port -> ports.put(listener, Integer.parseInt(port)));
        }
        return ports;
    }

    /** The configuration file a container's command starts Prosody (and prosodyctl) with: each --config must be the same. */
    static Set<String> configFiles(String command) {
        Set<String> files = new TreeSet<>();
        Matcher option = CONFIG_OPTION.matcher(command);
        while (option.find()) {
            files.add(option.group(1).replaceAll("[\"']", ""));
        }
        return files;
    }

    /** The variables a container's shell command expands ($NAME, ${NAME}; Compose's $$NAME is already $NAME here). */
    static Set<String> commandVariables(String command) {
        Set<String> names = new TreeSet<>();
        Matcher variable = SHELL_VARIABLE.matcher(command);
        while (variable.find()) {
            names.add(variable.group(1));
        }
        return names;
    }

    /** Lua source without its comments (-- to the end of the line, outside strings; --[[ ]] blocks). */
    static String withoutComments(String lua) {
        String text = lua.replaceAll("(?s)--\\[(=*)\\[.*?]\\1]", "");
        StringBuilder out = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && i + 1 < text.length()) {
                    out.append(text.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                out.append(c);
            } else if (c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
                out.append('\n');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
