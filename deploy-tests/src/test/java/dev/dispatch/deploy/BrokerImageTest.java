package dev.dispatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The broker image (deploy/broker/Dockerfile): apache/artemis of the embedded broker's version, with broker-security.jar
 * on the broker's class path and the entrypoint with its login.config; the JAAS entry puts the fixed logins first and
 * DeviceLoginModule after them, and the classes it names are broker-security's. BrokerEntrypointTest runs the entrypoint.
 */
class BrokerImageTest {

    private static final Pattern INSTRUCTION = Pattern.compile("(?m)^([A-Z]+)\\s+(.*)$");

    @Test
    void itIsTheOfficialImageOfTheEmbeddedBrokersVersionRunAsItsUser() {
        String dockerfile = Repo.read(BrokerImage.DOCKERFILE);
        Matcher version = Pattern.compile("<artemis\\.version>([^<]+)</artemis\\.version>").matcher(Repo.read("pom.xml"));
        assertThat(version.find()).isTrue();
        assertThat(instructions(dockerfile, "FROM")).containsExactly("apache/artemis:" + version.group(1));
        assertThat(dockerfile).contains("docker build -f " + BrokerImage.DOCKERFILE + " -t " + BrokerImage.image() + " .");
        // The StatefulSet runs it as that user: the image says so itself, as a number.
        List<String> users = instructions(dockerfile, "USER");
        String runAsUser = Overlay.find(Overlay.rendered(), "StatefulSet", "broker").at("/spec/template/spec/securityContext/runAsUser").asText();
        assertThat(users).isNotEmpty();
        assertThat(users.get(users.size() - 1)).isEqualTo(runAsUser).matches("[1-9][0-9]*");
    }

    @Test
    void itPutsBrokerSecurityOnTheBrokersClassPath() {
        String dockerfile = Repo.read(BrokerImage.DOCKERFILE);
        Map<String, String> copied = copies(dockerfile);
        // Artemis adds the jars of each folder in ARTEMIS_EXTRA_LIBS (comma-separated) to the broker's class path.
        List<String> extraLibs = new ArrayList<>();
        for (String env : instructions(dockerfile, "ENV")) {
            if (env.startsWith("ARTEMIS_EXTRA_LIBS=")) {
                extraLibs.addAll(List.of(env.substring("ARTEMIS_EXTRA_LIBS=".length()).split(",")));
            }
        }
        String jar = copied.get(BrokerImage.JAR);
        assertThat(jar).as(BrokerImage.JAR + " copied into the image").isNotNull().endsWith(".jar");
        assertThat(extraLibs).contains(jar.substring(0, jar.lastIndexOf('/')));
        // The jar's name is the module's finalName, as ./mvnw package makes it.
        assertThat(Repo.read("broker-security/pom.xml")).contains("<finalName>broker-security</finalName>");
        // Only what the images take goes to the builder (the context is the repository root).
        assertThat(Repo.read(".dockerignore")).containsPattern("(?m)^!" + Pattern.quote(BrokerImage.JAR) + "$")
                .containsPattern("(?m)^!deploy/broker$");
    }

    @Test
    void itsEntrypointIsTheScriptWithItsLoginConfigBesideIt() {
        String dockerfile = Repo.read(BrokerImage.DOCKERFILE);
        Map<String, String> copied = copies(dockerfile);
        String script = copied.get(BrokerImage.ENTRYPOINT);
        assertThat(script).isNotNull();
        assertThat(instructions(dockerfile, "ENTRYPOINT")).containsExactly("[ \"/bin/bash\", \"" + script + "\" ]");
        // The script copies login.config from its own folder ("$here/login.config").
        assertThat(copied.get(BrokerImage.LOGIN_CONFIG)).isEqualTo(script.substring(0, script.lastIndexOf('/')) + "/login.config");
        assertThat(BrokerImage.entrypoint()).contains("cp \"$here/login.config\" etc/login.config");
    }

    @Test
    void theLoginsAreTheFixedOnesFirstThenTheDevicesOnesThroughIotIngest() {
        Map<String, List<String>> entries = jaas(Repo.read(BrokerImage.LOGIN_CONFIG));
        assertThat(entries).containsOnlyKeys("activemq");
        assertThat(entries.get("activemq")).containsExactly(BrokerImage.PROPERTIES_LOGIN_MODULE + " sufficient",
                BrokerImage.LOGIN_MODULE + " sufficient");
        // The properties module reads the files the entrypoint writes the fixed logins into.
        assertThat(Repo.read(BrokerImage.LOGIN_CONFIG))
                .contains("org.apache.activemq.jaas.properties.user=\"artemis-users.properties\"")
                .contains("org.apache.activemq.jaas.properties.role=\"artemis-roles.properties\"");
        // The entrypoint names this entry as DispatchSecurityManager's domain.
        assertThat(BrokerImage.entrypoint()).contains("<security-manager class-name=\"" + BrokerImage.SECURITY_MANAGER
                + "\"><property key=\"domain\" value=\"activemq\"/></security-manager>");
    }

    @Test
    void theClassesItNamesAreBrokerSecuritys() {
        String manager = Repo.read(source(BrokerImage.SECURITY_MANAGER));
        assertThat(manager).contains("class DispatchSecurityManager extends ActiveMQJAASSecurityManager")
                .contains("public DispatchSecurityManager()").contains("properties.get(\"domain\")");
        assertThat(Repo.read(source(BrokerImage.LOGIN_MODULE))).contains("class DeviceLoginModule implements LoginModule");
        // Its variables, and the route and token key of iot-ingest it asks.
        assertThat(BrokerImage.urlVariable()).isEqualTo("DISPATCH_BROKER_DEVICE_LOGINS_URL");
        assertThat(BrokerImage.tokenVariable()).isEqualTo("DISPATCH_BROKER_DEVICE_LOGINS_TOKEN");
        assertThat(BrokerImage.devicePath()).isEqualTo("/internal/broker/device-logins");
        assertThat(ServiceConfig.of(BrokerImage.DEVICE_LOGINS_SERVICE).keys()).contains(BrokerImage.DEVICE_LOGINS_TOKEN_KEY);
    }

    @Test
    void theVariablesOfItsEntrypointAreWhatItReadsFromTheEnvironment() {
        assertThat(BrokerImage.logins(BrokerImage.entrypoint())).containsExactly(Map.entry("board", "DISPATCH_BROKER_BOARD_PASSWORD"),
                Map.entry("order-service", "DISPATCH_BROKER_ORDER_SERVICE_PASSWORD"), Map.entry("iot-ingest", "DISPATCH_BROKER_IOT_INGEST_PASSWORD"),
                Map.entry("notification-service", "DISPATCH_BROKER_NOTIFICATION_SERVICE_PASSWORD"));
        // Not its comments, its own variables or bash's.
        assertThat(BrokerImage.environment(BrokerImage.entrypoint())).containsExactlyInAnyOrder("ARTEMIS_USER",
                "DISPATCH_BROKER_BOARD_PASSWORD", "DISPATCH_BROKER_ORDER_SERVICE_PASSWORD", "DISPATCH_BROKER_IOT_INGEST_PASSWORD",
                "DISPATCH_BROKER_NOTIFICATION_SERVICE_PASSWORD", "DISPATCH_BROKER_DEVICE_LOGINS_URL", "DISPATCH_BROKER_DEVICE_LOGINS_TOKEN");
    }

    private static String source(String className) {
        return "broker-security/src/main/java/" + className.replace('.', '/') + ".java";
    }

    /** The arguments of each instruction of that name, continuation lines joined, comments skipped. */
    private static List<String> instructions(String dockerfile, String name) {
        List<String> found = new ArrayList<>();
        Matcher instruction = INSTRUCTION.matcher(dockerfile.replaceAll("(?m)^#.*\\n", "").replace("\\\n", " "));
        while (instruction.find()) {
            if (instruction.group(1).equals(name)) {
                found.add(instruction.group(2).strip());
            }
        }
        return found;
    }

    /** Each COPY source of the build context, with the path it gets in the image. */
    private static Map<String, String> copies(String dockerfile) {
        Map<String, String> copied = new LinkedHashMap<>();
        for (String copy : instructions(dockerfile, "COPY")) {
            List<String> parts = new ArrayList<>(List.of(copy.split("\\s+")));
            parts.removeIf(part -> part.startsWith("--"));
            String destination = parts.remove(parts.size() - 1);
            for (String source : parts) {
                copied.put(source, destination.endsWith("/") ? destination + source.substring(source.lastIndexOf('/') + 1) : destination);
            }
        }
        return copied;
    }

    /** A JAAS configuration file: each entry's modules as "class flag" (options left out), comments skipped. */
    static Map<String, List<String>> jaas(String config) {
        String text = config.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
        Map<String, List<String>> entries = new LinkedHashMap<>();
        Matcher entry = Pattern.compile("(?s)([\\w.-]+)\\s*\\{(.*?)}\\s*;").matcher(text);
        while (entry.find()) {
            List<String> modules = new ArrayList<>();
            for (String module : entry.group(2).split(";")) {
                String[] words = module.strip().split("\\s+");
                if (words.length >= 2) {
                    modules.add(words[0] + " " + words[1]);
                }
            }
            entries.put(entry.group(1), modules);
        }
        return entries;
    }
}
