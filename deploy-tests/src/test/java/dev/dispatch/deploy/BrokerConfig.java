package dev.dispatch.deploy;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * What k8s/base/broker/broker.xml says: its acceptors' ports, the placeholders it resolves from the environment, and its
 * security-settings (each match, each permission type, the roles it lets in).
 */
record BrokerConfig(Map<String, Integer> acceptorPorts, Set<String> placeholders, Map<String, Map<String, Set<String>>> permissions) {

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
        return new BrokerConfig(ports, placeholders, permissions(xml));
    }

    /** security-settings as match → permission type → roles. */
    static Map<String, Map<String, Set<String>>> permissions(String xml) {
        Map<String, Map<String, Set<String>>> permissions = new TreeMap<>();
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList settings = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)))
                    .getElementsByTagName("security-setting");
            for (int i = 0; i < settings.getLength(); i++) {
                Element setting = (Element) settings.item(i);
                Map<String, Set<String>> types = permissions.computeIfAbsent(setting.getAttribute("match"), m -> new TreeMap<>());
                NodeList granted = setting.getElementsByTagName("permission");
                for (int j = 0; j < granted.getLength(); j++) {
                    Element permission = (Element) granted.item(j);
                    Set<String> roles = types.computeIfAbsent(permission.getAttribute("type"), t -> new TreeSet<>());
                    for (String role : permission.getAttribute("roles").split(",")) {
                        if (!role.isBlank()) {
                            roles.add(role.strip());
                        }
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(FILE + " cannot be read as XML: " + e.getMessage(), e);
        }
        return permissions;
    }

    /** What a role may do: "type on match" for each permission that lets it in. */
    Set<String> grants(String role) {
        Set<String> grants = new TreeSet<>();
        permissions.forEach((match, types) -> types.forEach((type, roles) -> {
            if (roles.contains(role)) {
                grants.add(type + " on " + match);
            }
        }));
        return grants;
    }

    int port(String acceptor) {
        Integer port = acceptorPorts.get(acceptor);
        if (port == null) {
            throw new IllegalStateException(FILE + " has no acceptor " + acceptor);
        }
        return port;
    }
}
