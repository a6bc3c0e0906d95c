package dev.dispatch.deploy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dispatch.deploy.DesignedPaths.Path;
import dev.dispatch.deploy.NetworkPolicies.Endpoint;
import dev.dispatch.deploy.NetworkPolicies.Port;

/**
 * The rendered NetworkPolicies against the design, on a model cluster: one pod per workload (its template's labels and
 * container ports), the cluster DNS in kube-system, a pod of another namespace, a client outside the cluster, and
 * addresses beyond it.
 *
 * <ul>
 * <li>a default deny isolates every pod of the namespace both ways;</li>
 * <li>between the workloads, the allowed connections (every pair, the same workload's other replica included, on every
 * container port) are exactly the {@link DesignedPaths designed paths};</li>
 * <li>from outside the cluster, and from other namespaces, exactly the NodePort Services' targets are reachable;</li>
 * <li>every pod reaches the cluster DNS on 53 (UDP, TCP) and nothing else of kube-system;</li>
 * <li>out of the cluster only coturn goes, to public addresses: its policy excepts exactly the ranges its
 * turnserver.conf denies as peers, and no workload reaches an address of those ranges;</li>
 * <li>each policy selects pods, and each named port it opens is a container port (with that protocol) of the pods
 * it is opened on.</li>
 * </ul>
 */
final class NetworkPolicyChecks {

    static final String KUBE_SYSTEM = "kube-system";
    static final String ELSEWHERE = "elsewhere";

    /** kind's pod network (10.244.0.0/16): the model's pods get addresses there. */
    private static final String POD_PREFIX = "10.244.0.";

    private static final Endpoint DNS = new Endpoint("kube-dns", KUBE_SYSTEM, Map.of("k8s-app", "kube-dns"), "10.244.0.2",
            List.of(new Port("dns", 53, "UDP"), new Port("dns-tcp", 53, "TCP"), new Port("metrics", 9153, "TCP")));
    private static final Endpoint OTHER_POD = new Endpoint("a pod of namespace " + ELSEWHERE, ELSEWHERE, Map.of("app", "other"),
            "10.244.1.5", List.of());
    /** A browser or a device on the internet (TEST-NET-3). */
    private static final Endpoint OUTSIDE = Endpoint.outside("a client outside the cluster", "203.0.113.10");
    /** A peer on the internet (TEST-NET-2): where a relay may send a call's media. */
    private static final Endpoint PUBLIC_PEER = Endpoint.outside("a public address", "198.51.100.20");
    /** What a pod could reach beyond its namespace: the kind node and the host (172.18.0.0/16), the API server's Service. */
    private static final List<Endpoint> PRIVATE = List.of(Endpoint.outside("the kind node", "172.18.0.2"),
            Endpoint.outside("the host", "172.18.0.1"), Endpoint.outside("the API server", "10.96.0.1"));
    private static final List<Port> PROBE_PORTS = List.of(new Port(null, 80, "TCP"), new Port(null, 443, "TCP"),
            new Port(null, 6443, "TCP"), new Port(null, 10250, "TCP"), new Port(null, 3478, "UDP"), new Port(null, 50000, "UDP"));

    private final List<ObjectNode> objects;
    private final NetworkPolicies policies;
    private final Map<String, Endpoint> pods = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private NetworkPolicyChecks(List<ObjectNode> objects) {
        this.objects = objects;
        this.policies = new NetworkPolicies(objects, Map.of(KUBE_SYSTEM, Map.of(), ELSEWHERE, Map.of()));
        int host = 10;
        for (ObjectNode workload : DesignedPaths.workloads(objects)) {
            List<Port> ports = new ArrayList<>();
            for (String list : List.of("initContainers", "containers")) {
                for (JsonNode container : workload.at("/spec/template/spec").path(list)) {
                    container.path("ports").forEach(p -> ports.add(new Port(p.path("name").asText(null), p.path("containerPort").asInt(),
                            ManifestChecks.protocol(p))));
                }
            }
            String name = workload.path("metadata").path("name").asText();
            pods.put(name, new Endpoint(name, NetworkPolicies.namespace(workload),
                    NetworkPolicies.labels(workload.at("/spec/template/metadata/labels")), POD_PREFIX + host++, ports));
        }
    }

    static List<String> problems(List<ObjectNode> objects) {
        return problems(objects, ServiceConfig::of);
    }

    /** With the services' configurations from {@code configs} (tests give one a client it does not have yet). */
    static List<String> problems(List<ObjectNode> objects, Function<String, ServiceConfig> configs) {
        NetworkPolicyChecks checks = new NetworkPolicyChecks(objects);
        checks.defaultDeny();
        checks.selectorsAndNamedPorts();
        checks.betweenWorkloads(DesignedPaths.of(objects, configs, checks.problems));
        checks.fromOutside();
        checks.dns();
        checks.outOfTheCluster();
        return checks.problems;
    }

    /** The allowed connections between the workloads: every pair (a pod to another replica of its own too), every port. */
    Set<Path> allowedBetweenWorkloads() {
        Set<Path> allowed = new TreeSet<>();
        for (Endpoint from : pods.values()) {
            for (Endpoint to : pods.values()) {
                for (Port port : to.ports()) {
                    if (policies.allows(from, to, port.number(), port.protocol())) {
                        allowed.add(new Path(from.name(), to.name(), port.number(), port.protocol()));
                    }
                }
            }
        }
        return allowed;
    }

    private void defaultDeny() {
        boolean found = policies.policies().stream().anyMatch(policy -> {
            JsonNode spec = policy.path("spec");
            return spec.path("podSelector").isObject() && spec.path("podSelector").isEmpty()
                    && NetworkPolicies.policyTypes(policy).containsAll(Set.of("Ingress", "Egress"))
                    && spec.path("ingress").isEmpty() && spec.path("egress").isEmpty();
        });
        if (!found) {
            problems.add("no default deny: a NetworkPolicy with podSelector {}, policyTypes [Ingress, Egress] and no rules must isolate "
                    + "every pod of the namespace, so that a workload without its own policy is closed, not open");
        }
        for (Endpoint pod : pods.values()) {
            for (String direction : List.of("Ingress", "Egress")) {
                if (policies.isolating(pod, direction).isEmpty()) {
                    problems.add(pod.name() + ": no NetworkPolicy selects it for " + direction + ", so every " + direction.toLowerCase()
                            + " connection is allowed");
                }
            }
        }
    }

    /** Each policy selects a workload; each named port it opens is one (with the protocol) of the pods it is opened on. */
    private void selectorsAndNamedPorts() {
        for (ObjectNode policy : policies.policies()) {
            String where = ManifestChecks.where(policy);
            JsonNode selector = policy.path("spec").path("podSelector");
            List<Endpoint> selected = pods.values().stream().filter(pod -> pod.namespace().equals(NetworkPolicies.namespace(policy))
                    && NetworkPolicies.selects(selector, pod.labels())).toList();
            if (selected.isEmpty()) {
                problems.add(where + ": podSelector " + selector + " selects no workload's pods");
            }
            for (JsonNode rule : policy.path("spec").path("ingress")) {
                namedPorts(where + " ingress", rule, selected);
            }
            for (JsonNode rule : policy.path("spec").path("egress")) {
                // The pods the rule leads to (a named port never matches an address outside the cluster).
                JsonNode to = rule.path("to");
                List<Endpoint> peers = new ArrayList<>();
                for (Endpoint peer : concat(pods.values(), DNS)) {
                    boolean leadsThere = !to.isArray() || to.isEmpty();
                    for (JsonNode candidate : to) {
                        leadsThere |= !candidate.has("ipBlock") && policies.peer(candidate, NetworkPolicies.namespace(policy), peer);
                    }
                    if (leadsThere) {
                        peers.add(peer);
                    }
                }
                namedPorts(where + " egress", rule, peers);
            }
        }
    }

    private static List<Endpoint> concat(java.util.Collection<Endpoint> endpoints, Endpoint more) {
        List<Endpoint> all = new ArrayList<>(endpoints);
        all.add(more);
        return all;
    }

    private void namedPorts(String where, JsonNode rule, List<Endpoint> destinations) {
        for (JsonNode entry : rule.path("ports")) {
            JsonNode port = entry.path("port");
            if (!port.isTextual()) {
                continue;
            }
            String protocol = entry.path("protocol").asText("TCP");
            boolean resolves = destinations.stream().anyMatch(d -> d.ports().stream()
                    .anyMatch(p -> port.asText().equals(p.name()) && p.protocol().equals(protocol)));
            if (!resolves) {
                problems.add(where + ": port " + port.asText() + "/" + protocol + " is no container port of " + destinations
                        + " (a named port matches the destination's port of that name and protocol; protocol defaults to TCP)");
            }
        }
    }

    private void betweenWorkloads(Map<Path, Set<String>> designed) {
        Set<Path> allowed = allowedBetweenWorkloads();
        designed.forEach((path, why) -> {
            if (!allowed.contains(path)) {
                Endpoint from = pods.get(path.from());
                Endpoint to = pods.get(path.to());
                problems.add(path + " is designed (" + String.join("; ", why) + ") but not allowed: egress at " + path.from() + " "
                        + verdict(policies.egressAllows(from, to, path.port(), path.protocol())) + ", ingress at " + path.to() + " "
                        + verdict(policies.ingressAllows(from, to, path.port(), path.protocol())));
            }
        });
        for (Path path : allowed) {
            if (!designed.containsKey(path)) {
                problems.add(path + " is allowed but is no designed path (no client configuration or wait-for-dependencies target of "
                        + path.from() + " leads there)");
            }
        }
    }

    private static String verdict(boolean allowed) {
        return allowed ? "allowed" : "denied";
    }

    /** From outside the cluster, and from another namespace, exactly what the NodePort Services lead to. */
    private void fromOutside() {
        Set<String> published = new TreeSet<>();
        for (ObjectNode service : objects) {
            if (!service.path("kind").asText().equals("Service") || !service.path("spec").path("type").asText().equals("NodePort")) {
                continue;
            }
            JsonNode selector = service.path("spec").path("selector");
            for (JsonNode port : service.path("spec").path("ports")) {
                JsonNode target = port.has("targetPort") ? port.get("targetPort") : port.get("port");
                for (ObjectNode workload : DesignedPaths.workloads(objects)) {
                    Map<String, String> wanted = NetworkPolicies.labels(selector);
                    Map<String, String> labels = NetworkPolicies.labels(workload.at("/spec/template/metadata/labels"));
                    if (!wanted.isEmpty() && labels.entrySet().containsAll(wanted.entrySet())) {
                        DesignedPaths.containerPort(workload, target, ManifestChecks.protocol(port)).ifPresent(number -> published
                                .add(workload.path("metadata").path("name").asText() + ":" + number + "/" + ManifestChecks.protocol(port)));
                    }
                }
            }
        }
        for (Endpoint source : List.of(OUTSIDE, OTHER_POD)) {
            Set<String> reached = new TreeSet<>();
            for (Endpoint pod : pods.values()) {
                for (Port port : pod.ports()) {
                    if (policies.allows(source, pod, port.number(), port.protocol())) {
                        reached.add(pod.name() + ":" + port.number() + "/" + port.protocol());
                    }
                }
            }
            if (!reached.equals(published)) {
                Set<String> extra = new TreeSet<>(reached);
                extra.removeAll(published);
                Set<String> missing = new TreeSet<>(published);
                missing.removeAll(reached);
                problems.add(source + " reaches " + reached + " but the NodePort Services publish " + published
                        + (extra.isEmpty() ? "" : "; not published: " + extra) + (missing.isEmpty() ? "" : "; published but closed: " + missing));
            }
        }
    }

    private void dns() {
        for (Endpoint pod : pods.values()) {
            for (Port port : DNS.ports()) {
                boolean allowed = policies.allows(pod, DNS, port.number(), port.protocol());
                if (allowed != (port.number() == 53)) {
                    problems.add(pod.name() + " → kube-dns:" + port.number() + "/" + port.protocol() + " is " + verdict(allowed)
                            + ": every pod may resolve names (53, UDP and TCP) and do nothing else with the cluster DNS");
                }
            }
        }
    }

    /**
     * Out of the cluster: only coturn, to the peers turnserver.conf lets it relay to (public addresses, any port);
     * nobody to the private ranges, the node, the host or the API server.
     */
    private void outOfTheCluster() {
        Set<String> relays = new TreeSet<>();
        for (ObjectNode workload : DesignedPaths.workloads(objects)) {
            for (JsonNode container : workload.at("/spec/template/spec/containers")) {
                if (Kustomize.nameOf(container.path("image").asText()).equals(Coturn.IMAGE)) {
                    relays.add(workload.path("metadata").path("name").asText());
                }
            }
        }
        List<String> denied = deniedPeerRanges();
        List<Endpoint> privateAddresses = new ArrayList<>(PRIVATE);
        for (String range : denied) {
            String[] ends = range.split("-");
            privateAddresses.add(Endpoint.outside("a peer coturn denies (" + range + ")", ends[0]));
            privateAddresses.add(Endpoint.outside("a peer coturn denies (" + range + ")", ends[ends.length - 1]));
        }
        for (Endpoint pod : pods.values()) {
            boolean relay = relays.contains(pod.name());
            for (Port port : PROBE_PORTS) {
                boolean out = policies.allows(pod, PUBLIC_PEER, port.number(), port.protocol());
                if (out != relay) {
                    problems.add(pod.name() + " → " + PUBLIC_PEER + " (" + PUBLIC_PEER.address() + ":" + port.number() + "/" + port.protocol()
                            + ") is " + verdict(out) + (relay ? ": coturn relays calls to public peers on any port"
                                    : ": only coturn leaves the cluster"));
                }
                for (Endpoint address : privateAddresses) {
                    if (policies.allows(pod, address, port.number(), port.protocol())) {
                        problems.add(pod.name() + " → " + address + " (" + address.address() + ":" + port.number() + "/" + port.protocol()
                                + ") is allowed: no pod may reach the private networks beyond the designed paths");
                    }
                }
            }
        }
        for (String relay : relays) {
            Set<String> excepted = new TreeSet<>();
            Set<String> blocks = new TreeSet<>();
            for (ObjectNode policy : policies.isolating(pods.get(relay), "Egress")) {
                for (JsonNode rule : policy.path("spec").path("egress")) {
                    for (JsonNode to : rule.path("to")) {
                        if (to.has("ipBlock")) {
                            blocks.add(canonical(to.at("/ipBlock/cidr").asText()));
                            to.at("/ipBlock/except").forEach(e -> excepted.add(canonical(e.asText())));
                        }
                    }
                }
            }
            Set<String> expected = new TreeSet<>();
            denied.forEach(range -> rangeToCidrs(range).forEach(cidr -> expected.add(canonical(cidr))));
            if (!excepted.equals(expected)) {
                problems.add(relay + ": the egress ipBlock except " + excepted + " must be exactly the ranges " + Coturn.FILE
                        + " denies as peers (denied-peer-ip " + denied + " = " + expected + "): the relay and its policy say the same");
            }
            if (!blocks.isEmpty() && !blocks.equals(Set.of(canonical("0.0.0.0/0"), canonical("::/0")))) {
                problems.add(relay + ": the egress ipBlocks " + blocks + " must be 0.0.0.0/0 and ::/0 minus the denied ranges");
            }
        }
    }

    /** turnserver.conf's denied-peer-ip values ("A-B" or one address), in file order. */
    static List<String> deniedPeerRanges() {
        List<String> ranges = new ArrayList<>();
        for (String line : Repo.read(Coturn.FILE).split("\n")) {
            String setting = line.strip();
            if (setting.startsWith("denied-peer-ip=")) {
                ranges.add(setting.substring("denied-peer-ip=".length()).strip());
            }
        }
        return ranges;
    }

    /** The CIDR blocks that make up an address range "first-last" (or one address). */
    static List<String> rangeToCidrs(String range) {
        String[] ends = range.split("-");
        byte[] firstBytes = NetworkPolicies.Cidr.address(ends[0].strip());
        byte[] lastBytes = NetworkPolicies.Cidr.address(ends[ends.length - 1].strip());
        int bits = firstBytes.length * 8;
        BigInteger first = new BigInteger(1, firstBytes);
        BigInteger last = new BigInteger(1, lastBytes);
        List<String> cidrs = new ArrayList<>();
        while (first.compareTo(last) <= 0) {
            int size = first.signum() == 0 ? bits : first.getLowestSetBit();
            while (first.add(BigInteger.ONE.shiftLeft(size)).subtract(BigInteger.ONE).compareTo(last) > 0) {
                size--;
            }
            cidrs.add(text(first, firstBytes.length) + "/" + (bits - size));
            first = first.add(BigInteger.ONE.shiftLeft(size));
        }
        return cidrs;
    }

    /** A CIDR written one way only (IPv6 has several spellings): the network's bytes in hex and the prefix. */
    static String canonical(String cidr) {
        NetworkPolicies.Cidr parsed = NetworkPolicies.Cidr.parse(cidr);
        return new BigInteger(1, parsed.network()).toString(16) + "/" + parsed.prefix() + (parsed.network().length == 4 ? " (IPv4)" : " (IPv6)");
    }

    private static String text(BigInteger address, int length) {
        byte[] raw = address.toByteArray();
        byte[] bytes = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, bytes, length - copy, copy);
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For messages and tests: the model's pods by workload. */
    Map<String, Endpoint> pods() {
        return new TreeMap<>(pods);
    }

    static NetworkPolicyChecks of(List<ObjectNode> objects) {
        return new NetworkPolicyChecks(objects);
    }
}
