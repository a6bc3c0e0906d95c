package dev.dispatch.deploy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Kubernetes NetworkPolicy (networking.k8s.io/v1) evaluated as the API defines it: may this endpoint open a connection
 * to that one on this port and protocol?
 *
 * <ul>
 * <li>Policies only add: a pod that no policy selects for a direction is open in that direction; once one selects it
 * (its podSelector, in its namespace, with that direction among its policyTypes), only what some rule of some such
 * policy allows passes.</li>
 * <li>A connection needs both ends: egress allowed at the source and ingress allowed at the destination.</li>
 * <li>A peer is an ipBlock (cidr minus except), or pods: a podSelector alone means the policy's own namespace, a
 * namespaceSelector alone every pod of the namespaces it selects, both together the pods the podSelector selects in
 * those namespaces. No peers (from/to absent or empty) means every source or destination.</li>
 * <li>Ports: none means every port; each entry's protocol defaults to TCP; a number (with endPort, a range) or a name,
 * which is looked up, with the protocol, among the destination pod's container ports.</li>
 * <li>policyTypes absent: Ingress, and Egress when the policy has egress rules.</li>
 * </ul>
 *
 * ipBlock is applied to pods' addresses too (the API leaves it to the plugin; Calico does so): the stricter
 * reading, under which a rule for "anyone outside" also lets every pod in.
 */
final class NetworkPolicies {

    /** A container port: named ports resolve against these. */
    record Port(String name, int number, String protocol) {
    }

    /**
     * One end of a connection: a pod (namespace and labels) or an address outside the cluster (namespace null). Every
     * endpoint has an address, which ipBlock rules match.
     */
    record Endpoint(String name, String namespace, Map<String, String> labels, String address, List<Port> ports) {

        static Endpoint outside(String name, String address) {
            return new Endpoint(name, null, Map.of(), address, List.of());
        }

        boolean pod() {
            return namespace != null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final List<ObjectNode> policies;
    private final Map<String, Map<String, String>> namespaceLabels;

    /**
     * @param objects    rendered manifests: their NetworkPolicies and Namespaces are read
     * @param namespaces labels of namespaces that are not among the objects (kube-system, ...); each namespace also
     *                   carries kubernetes.io/metadata.name, as the API server sets it
     */
    NetworkPolicies(List<ObjectNode> objects, Map<String, Map<String, String>> namespaces) {
        this.policies = objects.stream().filter(o -> o.path("kind").asText().equals("NetworkPolicy")).toList();
        this.namespaceLabels = new HashMap<>();
        namespaces.forEach((name, labels) -> namespaceLabels.put(name, withName(name, labels)));
        for (ObjectNode object : objects) {
            if (object.path("kind").asText().equals("Namespace")) {
                String name = object.path("metadata").path("name").asText();
                namespaceLabels.put(name, withName(name, labels(object.path("metadata").path("labels"))));
            }
        }
    }

    List<ObjectNode> policies() {
        return policies;
    }

    boolean allows(Endpoint from, Endpoint to, int port, String protocol) {
        return egressAllows(from, to, port, protocol) && ingressAllows(from, to, port, protocol);
    }

    boolean egressAllows(Endpoint from, Endpoint to, int port, String protocol) {
        return allowedBy(from, "Egress", "egress", "to", to, to, port, protocol);
    }

    boolean ingressAllows(Endpoint from, Endpoint to, int port, String protocol) {
        return allowedBy(to, "Ingress", "ingress", "from", from, to, port, protocol);
    }

    /** The policies that select a pod for a direction ("Ingress", "Egress"); none isolates it not. */
    List<ObjectNode> isolating(Endpoint pod, String direction) {
        List<ObjectNode> selecting = new ArrayList<>();
        if (!pod.pod()) {
            return selecting;
        }
        for (ObjectNode policy : policies) {
            if (namespace(policy).equals(pod.namespace()) && policyTypes(policy).contains(direction)
                    && selects(policy.path("spec").path("podSelector"), pod.labels())) {
                selecting.add(policy);
            }
        }
        return selecting;
    }

    private boolean allowedBy(Endpoint subject, String direction, String rules, String peersField, Endpoint peer, Endpoint destination,
            int port, String protocol) {
        List<ObjectNode> isolating = isolating(subject, direction);
        if (isolating.isEmpty()) {
            return true;
        }
        for (ObjectNode policy : isolating) {
            for (JsonNode rule : policy.path("spec").path(rules)) {
                if (peers(rule.path(peersField), namespace(policy), peer) && ports(rule.path("ports"), destination, port, protocol)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean peers(JsonNode peers, String policyNamespace, Endpoint candidate) {
        if (!peers.isArray() || peers.isEmpty()) {
            return true;
        }
        for (JsonNode peer : peers) {
            if (peer(peer, policyNamespace, candidate)) {
                return true;
            }
        }
        return false;
    }

    /** One peer of a rule (NetworkPolicyPeer). */
    boolean peer(JsonNode peer, String policyNamespace, Endpoint candidate) {
        if (peer.has("ipBlock")) {
            JsonNode block = peer.get("ipBlock");
            if (!Cidr.parse(block.path("cidr").asText()).contains(candidate.address())) {
                return false;
            }
            for (JsonNode except : block.path("except")) {
                if (Cidr.parse(except.asText()).contains(candidate.address())) {
                    return false;
                }
            }
            return true;
        }
        if (!candidate.pod() || !(peer.has("podSelector") || peer.has("namespaceSelector"))) {
            return false;
        }
        boolean namespace = peer.has("namespaceSelector")
                ? selects(peer.get("namespaceSelector"), namespaceLabels.getOrDefault(candidate.namespace(), withName(candidate.namespace(), Map.of())))
                : candidate.namespace().equals(policyNamespace);
        return namespace && (!peer.has("podSelector") || selects(peer.get("podSelector"), candidate.labels()));
    }

    private static boolean ports(JsonNode ports, Endpoint destination, int port, String protocol) {
        if (!ports.isArray() || ports.isEmpty()) {
            return true;
        }
        for (JsonNode entry : ports) {
            if (port(entry, destination, port, protocol)) {
                return true;
            }
        }
        return false;
    }

    /** One entry of a rule's ports (NetworkPolicyPort). */
    static boolean port(JsonNode entry, Endpoint destination, int port, String protocol) {
        if (!entry.path("protocol").asText("TCP").equals(protocol)) {
            return false;
        }
        JsonNode wanted = entry.get("port");
        if (wanted == null || wanted.isNull()) {
            return true;
        }
        if (wanted.isInt()) {
            int last = entry.has("endPort") ? entry.get("endPort").asInt() : wanted.asInt();
            return port >= wanted.asInt() && port <= last;
        }
        // A named port: what the destination pod calls so, with this protocol.
        return destination.ports().stream()
                .anyMatch(p -> p.name() != null && p.name().equals(wanted.asText()) && p.protocol().equals(protocol) && p.number() == port);
    }

    static Set<String> policyTypes(JsonNode policy) {
        JsonNode types = policy.path("spec").path("policyTypes");
        if (types.isArray() && !types.isEmpty()) {
            Set<String> set = new java.util.TreeSet<>();
            types.forEach(type -> set.add(type.asText()));
            return set;
        }
        return policy.path("spec").has("egress") ? Set.of("Ingress", "Egress") : Set.of("Ingress");
    }

    static String namespace(JsonNode object) {
        return object.path("metadata").path("namespace").asText("default");
    }

    /** A LabelSelector: matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist) all hold; {} selects all. */
    static boolean selects(JsonNode selector, Map<String, String> labels) {
        for (Map.Entry<String, JsonNode> wanted : (Iterable<Map.Entry<String, JsonNode>>) selector.path("matchLabels")::fields) {
            if (!wanted.getValue().asText().equals(labels.get(wanted.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.get(expression.path("key").asText());
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean holds = switch (expression.path("operator").asText()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new IllegalArgumentException("unknown selector operator " + expression.path("operator"));
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> labels.put(entry.getKey(), entry.getValue().asText()));
        return labels;
    }

    private static Map<String, String> withName(String namespace, Map<String, String> labels) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.put("kubernetes.io/metadata.name", namespace);
        return all;
    }

    /** An IPv4 or IPv6 CIDR block; an address of the other family is never in it. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String cidr) {
            int slash = cidr.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("not a CIDR: " + cidr);
            }
            return new Cidr(address(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)));
        }

        boolean contains(String address) {
            byte[] candidate = address(address);
            if (candidate.length != network.length) {
                return false;
            }
            int bits = network.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
            return new BigInteger(1, candidate).and(mask).equals(new BigInteger(1, network).and(mask));
        }

        static byte[] address(String literal) {
            if (!literal.matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException("not an IP address: " + literal); // never a DNS lookup
            }
            try {
                return InetAddress.getByName(literal).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address: " + literal, e);
            }
        }
    }
}
