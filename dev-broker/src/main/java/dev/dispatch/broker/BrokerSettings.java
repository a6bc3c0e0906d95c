package dev.dispatch.broker;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start an {@link EmbeddedBroker}.
 *
 * @param host           the address every acceptor binds to
 * @param dataDir        journal, bindings, paging and large messages live under it
 * @param preferredPorts per protocol; 0 (or a port that is taken) means "any free port"
 * @param user           the operators' login (role {@code amq}, allowed everything): tests and tools use it, no
 *                       service does
 * @param password       that user's password
 * @param boardUser      the web dispatch board's login (role {@code board}): it may only watch, through STOMP
 *                       subscriptions, the addresses broker.xml opens to that role
 * @param boardPassword  its password
 * @param servicePasswords the password of each service's own login, by {@link #SERVICES service}: the login is the
 *                       service's name and so is its role, which broker.xml grants only what that service does
 *                       (order-service sends order-events, ...); a service left out gets its name as password
 * @param deviceLogins   where devices' logins are checked (iot-ingest's endpoint and the broker's token for it);
 *                       null: no device can log in
 * @param properties     further values for broker.xml's {@code ${NAME:default}} placeholders,
 *                       e.g. {@code DISPATCH_BROKER_REDELIVERY_DELAY}
 */
public record BrokerSettings(
        String host,
        Path dataDir,
        Map<Protocol, Integer> preferredPorts,
        String user,
        String password,
        String boardUser,
        String boardPassword,
        Map<String, String> servicePasswords,
        DeviceLogins deviceLogins,
        Map<String, String> properties) {

    /** iot-ingest's device-login endpoint, e.g. {@code http://127.0.0.1:8084/internal/broker/device-logins}. */
    public record DeviceLogins(String url, String token) {
        public DeviceLogins {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return url; // never the token
        }
    }

    /** The services with a login of their own, each in the role of the same name. */
    public static final List<String> SERVICES = List.of("order-service", "iot-ingest", "notification-service");

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String DEFAULT_USER = "dispatch";
    public static final String DEFAULT_PASSWORD = "dispatch";
    public static final String DEFAULT_BOARD_USER = "board";
    public static final String DEFAULT_BOARD_PASSWORD = "board";

    public BrokerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(boardUser, "boardUser");
        Objects.requireNonNull(boardPassword, "boardPassword");
        if (boardUser.equals(user)) {
            throw new IllegalArgumentException("the board's login must differ from the operators' (" + user + ")");
        }
        if (SERVICES.contains(user) || SERVICES.contains(boardUser)) {
            throw new IllegalArgumentException("a service's name cannot be the operators' or the board's login");
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String service : SERVICES) {
            passwords.put(service, servicePasswords.getOrDefault(service, service));
        }
        for (String service : servicePasswords.keySet()) {
            if (!SERVICES.contains(service)) {
                throw new IllegalArgumentException("no service is called '" + service + "'");
            }
        }
        servicePasswords = Collections.unmodifiableMap(passwords);
        EnumMap<Protocol, Integer> ports = new EnumMap<>(Protocol.class);
        for (Protocol protocol : Protocol.values()) {
            int port = preferredPorts.getOrDefault(protocol, 0);
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(protocol.key() + " port out of range: " + port);
            }
            ports.put(protocol, port);
        }
        Map<Integer, Protocol> owners = new HashMap<>();
        for (Map.Entry<Protocol, Integer> entry : ports.entrySet()) {
            Protocol other = entry.getValue() == 0 ? null : owners.putIfAbsent(entry.getValue(), entry.getKey());
            if (other != null) {
                throw new IllegalArgumentException(other.key() + " and " + entry.getKey().key()
                        + " cannot share port " + entry.getValue());
            }
        }
        preferredPorts = Map.copyOf(ports);
        properties = Map.copyOf(properties);
    }

    /** The local run's settings: the {@link Protocol#devPort() development ports}, on loopback. */
    public static BrokerSettings forDevelopment(Path dataDir) {
        Map<Protocol, Integer> ports = new EnumMap<>(Protocol.class);
        for (Protocol protocol : Protocol.values()) {
            ports.put(protocol, protocol.devPort());
        }
        return new BrokerSettings(DEFAULT_HOST, dataDir, ports, DEFAULT_USER, DEFAULT_PASSWORD, DEFAULT_BOARD_USER, DEFAULT_BOARD_PASSWORD, Map.of(), null, Map.of());
    }

    /** Settings for tests: every port picked free, on loopback. */
    public static BrokerSettings onFreePorts(Path dataDir) {
        return new BrokerSettings(DEFAULT_HOST, dataDir, Map.of(), DEFAULT_USER, DEFAULT_PASSWORD, DEFAULT_BOARD_USER, DEFAULT_BOARD_PASSWORD, Map.of(), null, Map.of());
    }

    public int preferredPort(Protocol protocol) {
        return preferredPorts.get(protocol);
    }

    public BrokerSettings withHost(String newHost) {
        return new BrokerSettings(newHost, dataDir, preferredPorts, user, password, boardUser, boardPassword, servicePasswords, deviceLogins, properties);
    }

    public BrokerSettings withPort(Protocol protocol, int port) {
        Map<Protocol, Integer> ports = new EnumMap<>(preferredPorts);
        ports.put(protocol, port);
        return new BrokerSettings(host, dataDir, ports, user, password, boardUser, boardPassword, servicePasswords, deviceLogins, properties);
    }

    public BrokerSettings withCredentials(String newUser, String newPassword) {
        return new BrokerSettings(host, dataDir, preferredPorts, newUser, newPassword, boardUser, boardPassword, servicePasswords, deviceLogins, properties);
    }

    public BrokerSettings withBoardCredentials(String newUser, String newPassword) {
        return new BrokerSettings(host, dataDir, preferredPorts, user, password, newUser, newPassword, servicePasswords, deviceLogins, properties);
    }

    public BrokerSettings withServicePassword(String service, String newPassword) {
        Map<String, String> passwords = new LinkedHashMap<>(servicePasswords);
        passwords.put(service, newPassword);
        return new BrokerSettings(host, dataDir, preferredPorts, user, password, boardUser, boardPassword, passwords, deviceLogins, properties);
    }

    public BrokerSettings withDeviceLogins(String url, String token) {
        return new BrokerSettings(host, dataDir, preferredPorts, user, password, boardUser, boardPassword, servicePasswords,
                new DeviceLogins(url, token), properties);
    }

    public BrokerSettings withProperty(String name, String value) {
        Map<String, String> merged = new LinkedHashMap<>(properties);
        merged.put(name, value);
        return new BrokerSettings(host, dataDir, preferredPorts, user, password, boardUser, boardPassword, servicePasswords, deviceLogins, merged);
    }

    @Override
    public String toString() {
        // Never print the password.
        return "BrokerSettings[host=" + host + ", dataDir=" + dataDir + ", preferredPorts=" + preferredPorts
                + ", user=" + user + ", boardUser=" + boardUser + ", deviceLogins=" + deviceLogins + ", properties=" + properties + "]";
    }
}
