package dev.dispatch.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What k8s/base/broker/broker.xml says: its acceptors' ports, and the placeholders it resolves from the environment. */
record BrokerConfig(Map<String, Integer> acceptorPorts, Set<String> placeholders) {

    static final String FILE = "k8s/base/broker/broker.xml";

    /** What the official image reads from its environment to create the instance (see its docker-run.sh). */
    static final Set<String> IMAGE_ENV = Set.of("ARTEMIS_USER", "ARTEMIS_PASSWORD", "ANONYMOUS_LOGIN", "EXTRA_ARGS");

    static BrokerConfig read() {
        String xml = Repo.read(FILE);
        Map<String, Integer> ports = new LinkedHashMap<>();
        Matcher acceptor = Pattern.compile("<acceptor name=\"([^\"]+)\">tcp://[^<]*?:\\$\\{[A-Z_]+:(\\d+)}").matcher(xml);
        while (acceptor.find()) {
            ports.put(acceptor.group(1), Integer.parseInt(acceptor.group(2)));
        }
        Set<String> placeholders = new TreeSet<>();
        Matcher placeholder = Pattern.compile("\\$\\{([A-Z0-9_]+)(:[^}]*)?}").matcher(xml);
        while (placeholder.find()) {
            placeholders.add(placeholder.group(1));
        }
        return new BrokerConfig(ports, placeholders);
    }

    int port(String acceptor) {
        Integer port = acceptorPorts.get(acceptor);
        if (port == null) {
            throw new IllegalStateException(FILE + " has no acceptor " + acceptor);
        }
        return port;
    }
}
