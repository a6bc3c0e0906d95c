package dev.dispatch.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Dispatch broker image (deploy/broker/Dockerfile) as the checks see it: apache/artemis plus module broker-security,
 * whose entrypoint (deploy/broker/entrypoint.sh) makes the instance, puts the devices' login and DispatchSecurityManager
 * into it and writes the fixed logins ({@code login USER VARIABLE}: USER in the role USER, with the password in
 * $VARIABLE; BrokerImageTest runs it to prove that). A container that overrides the entrypoint is read by its own
 * command instead. Devices log in through iot-ingest's device-login endpoint, with a token both sides share.
 */
final class BrokerImage {

    static final String NAME = "dispatch/broker";
    static final String DOCKERFILE = "deploy/broker/Dockerfile";
    static final String ENTRYPOINT = "deploy/broker/entrypoint.sh";
    static final String LOGIN_CONFIG = "deploy/broker/login.config";
    /** What ./mvnw package makes of module broker-security (its finalName). */
    static final String JAR = "broker-security/target/broker-security.jar";

    static final String SECURITY_MANAGER = "dev.dispatch.broker.security.DispatchSecurityManager";
    static final String LOGIN_MODULE = "dev.dispatch.broker.security.DeviceLoginModule";
    static final String PROPERTIES_LOGIN_MODULE = "org.apache.activemq.artemis.spi.core.security.jaas.PropertiesLoginModule";
    private static final String LOGIN_MODULE_SOURCE = "broker-security/src/main/java/dev/dispatch/broker/security/DeviceLoginModule.java";

    /** The service that answers the broker's questions about device logins, its route, and the key of its token. */
    static final String DEVICE_LOGINS_SERVICE = "iot-ingest";
    static final String DEVICE_LOGINS_TOKEN_KEY = "dispatch.iot.broker-auth.token";
    private static final String DEVICE_LOGINS_ROUTE = "iot-ingest/src/main/java/dev/dispatch/iot/http/DeviceLoginRoute.java";

    private static final Pattern LOGIN = Pattern.compile("(?m)^login ([a-z][a-z0-9-]*) ([A-Z][A-Z0-9_]*)$");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Z_][A-Z0-9_]*)");
    private static final Pattern ASSIGNED = Pattern.compile("(?m)^\\s*(?:local\\s+|export\\s+)?([A-Z_][A-Z0-9_]*)=");
    /** What bash sets itself. */
    private static final Set<String> SHELL = Set.of("BASH_SOURCE", "HOME", "PWD", "PATH", "LC_ALL", "IFS", "RANDOM");
    private static final Pattern URL = Pattern.compile("http://([^:/]+):(\\d+)(/.*)");

    private BrokerImage() {
    }

    static String image() {
        return NAME + ":" + Repo.version();
    }

    static boolean is(String image) {
        return Kustomize.nameOf(image).equals(NAME);
    }

    static String entrypoint() {
        return Repo.read(ENTRYPOINT);
    }

    /** A container's command as the checks read it: the file's override, else the image's entrypoint script. */
    static String command(String override) {
        return override.isBlank() ? entrypoint() : override;
    }

    /** The fixed logins a command writes: each user (also its role) and the variable with its password. */
    static Map<String, String> logins(String command) {
        Map<String, String> logins = new LinkedHashMap<>();
        Matcher login = LOGIN.matcher(command);
        while (login.find()) {
            logins.put(login.group(1), login.group(2));
        }
        return logins;
    }

    /**
     * The variables a command reads from the container's environment: those it expands ($NAME, ${NAME...}; comment lines
     * aside) and does not set itself, and the password variables of its logins.
     */
    static Set<String> environment(String command) {
        command = command.replaceAll("(?m)^\\s*#.*$", ""); // comment lines
        Set<String> names = new TreeSet<>(logins(command).values());
        Set<String> assigned = new TreeSet<>(SHELL);
        Matcher assignment = ASSIGNED.matcher(command);
        while (assignment.find()) {
            assigned.add(assignment.group(1));
        }
        Matcher variable = VARIABLE.matcher(command);
        while (variable.find()) {
            if (!assigned.contains(variable.group(1))) {
                names.add(variable.group(1));
            }
        }
        return names;
    }

    /** DeviceLoginModule's variables (its constants URL_ENV and TOKEN_ENV): where to ask, with which token. */
    static String urlVariable() {
        return loginModuleConstant("URL_ENV");
    }

    static String tokenVariable() {
        return loginModuleConstant("TOKEN_ENV");
    }

    /** iot-ingest's route of the device logins (DeviceLoginRoute.PATH). */
    static String devicePath() {
        Matcher path = Pattern.compile("static final String PATH = \"([^\"]+)\"").matcher(Repo.read(DEVICE_LOGINS_ROUTE));
        if (!path.find()) {
            throw new IllegalStateException(DEVICE_LOGINS_ROUTE + " declares no PATH");
        }
        return path.group(1);
    }

    /** host, port and path of a device-login URL http://host:port/path (plain HTTP: the login module's client). */
    static Optional<Matcher> address(String url) {
        Matcher address = URL.matcher(url);
        return address.matches() ? Optional.of(address) : Optional.empty();
    }

    private static String loginModuleConstant(String name) {
        Matcher constant = Pattern.compile("static final String " + name + " = \"([A-Z0-9_]+)\"").matcher(Repo.read(LOGIN_MODULE_SOURCE));
        if (!constant.find()) {
            throw new IllegalStateException(LOGIN_MODULE_SOURCE + " declares no " + name);
        }
        return constant.group(1);
    }
}
