package dev.dispatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The broker image's entrypoint (deploy/broker/entrypoint.sh), run by bash in a folder as the image's instance folder,
 * with a stand-in for the official image's docker-run.sh that makes an instance as {@code artemis create --require-login}
 * does (the files the entrypoint changes, as Artemis' templates write them) and records what it was asked to run.
 */
class BrokerEntrypointTest {

    /** The stand-in of /docker-run.sh: creates the instance when there is none, then records its arguments. */
    private static final String DOCKER_RUN = """
            #!/bin/bash
            set -e
            if ! [ -f ./etc/broker.xml ]; then
              mkdir -p etc
              cat >etc/bootstrap.xml <<'XML'
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <broker xmlns="http://activemq.apache.org/schema">

               <jaas-security domain="activemq"/>

               <server configuration="file:/var/lib/artemis-instance/etc//broker.xml"/>

            </broker>
            XML
              cat >etc/login.config <<'JAAS'
            activemq {
               org.apache.activemq.artemis.spi.core.security.jaas.PropertiesLoginModule required
                   debug=false
                   reload=true
                   org.apache.activemq.jaas.properties.user="artemis-users.properties"
                   org.apache.activemq.jaas.properties.role="artemis-roles.properties";
            };
            JAAS
              echo "$ARTEMIS_USER = ENC(1024:7AB4:0C29)" >etc/artemis-users.properties
              echo "amq = $ARTEMIS_USER" >etc/artemis-roles.properties
              cp etc-override/* etc/
            fi
            echo "$*" >>../started
            """;

    private static final Map<String, String> PASSWORDS = Map.of("DISPATCH_BROKER_BOARD_PASSWORD", "board-1",
            "DISPATCH_BROKER_ORDER_SERVICE_PASSWORD", "order-1", "DISPATCH_BROKER_IOT_INGEST_PASSWORD", "iot-1",
            "DISPATCH_BROKER_NOTIFICATION_SERVICE_PASSWORD", "notification-1");

    @TempDir
    Path sandbox;

    record Run(int exit, String errors) {
    }

    @Test
    void theFirstStartMakesTheInstanceWithTheDevicesLoginAndEachFixedLoginInItsOwnRole() throws Exception {
        Run run = start(environment(PASSWORDS));
        assertThat(run.exit()).as(run.errors()).isZero();
        assertThat(Files.readAllLines(sandbox.resolve("started"))).containsExactly("version", "run");
        Path etc = sandbox.resolve("instance/etc");
        assertThat(etc.resolve("broker.xml")).hasContent(Repo.read(BrokerConfig.FILE));
        assertThat(etc.resolve("login.config")).hasContent(Repo.read(BrokerImage.LOGIN_CONFIG));
        Element manager = securityManager(etc);
        assertThat(manager.getAttribute("class-name")).isEqualTo(BrokerImage.SECURITY_MANAGER);
        Element domain = (Element) manager.getElementsByTagName("property").item(0);
        assertThat(domain.getAttribute("key")).isEqualTo("domain");
        // The domain is the login.config entry with the devices' login module.
        assertThat(BrokerImageTest.jaas(Repo.read(BrokerImage.LOGIN_CONFIG))).containsKey(domain.getAttribute("value"));

        Properties users = properties(etc.resolve("artemis-users.properties"));
        Properties roles = properties(etc.resolve("artemis-roles.properties"));
        assertThat(users.getProperty("dispatch")).isEqualTo("ENC(1024:7AB4:0C29)");
        assertThat(roles.getProperty("amq")).isEqualTo("dispatch");
        Map<String, String> logins = BrokerImage.logins(BrokerImage.entrypoint());
        logins.forEach((user, variable) -> {
            assertThat(users.getProperty(user)).as(user + "'s password").isEqualTo(PASSWORDS.get(variable));
            assertThat(roles.getProperty(user)).as("the role " + user).isEqualTo(user);
        });
        // The fixed logins: the board's, and one for each service that logs in to the broker.
        TreeSet<String> withLogin = new TreeSet<>(List.of(BrokerLogins.BOARD_USER));
        Repo.SERVICES.stream().filter(service -> ServiceConfig.of(service).keys().contains(BrokerLogins.USER_KEY)).forEach(withLogin::add);
        assertThat(new TreeSet<>(logins.keySet())).isEqualTo(withLogin);
        assertThat(run.errors()).contains("DISPATCH_BROKER_DEVICE_LOGINS_URL and DISPATCH_BROKER_DEVICE_LOGINS_TOKEN are not both set");
    }

    @Test
    void aLaterStartKeepsTheInstanceAndRewritesTheFixedLoginsWithTheNewPasswords() throws Exception {
        assertThat(start(environment(PASSWORDS)).exit()).isZero();
        Map<String, String> changed = new HashMap<>(environment(Map.of("DISPATCH_BROKER_BOARD_PASSWORD", "board-2",
                "DISPATCH_BROKER_ORDER_SERVICE_PASSWORD", "order-2", "DISPATCH_BROKER_IOT_INGEST_PASSWORD", "iot-2",
                "DISPATCH_BROKER_NOTIFICATION_SERVICE_PASSWORD", "notification-2")));
        changed.put("DISPATCH_BROKER_DEVICE_LOGINS_URL", "http://iot-ingest:8084/internal/broker/device-logins");
        changed.put("DISPATCH_BROKER_DEVICE_LOGINS_TOKEN", "token");
        Path etc = sandbox.resolve("instance/etc");
        String bootstrap = Files.readString(etc.resolve("bootstrap.xml"));

        Run run = start(changed);
        assertThat(run.exit()).as(run.errors()).isZero();
        assertThat(run.errors()).isEmpty();
        assertThat(Files.readAllLines(sandbox.resolve("started"))).containsExactly("version", "run", "run");
        assertThat(etc.resolve("bootstrap.xml")).hasContent(bootstrap);
        List<String> users = Files.readAllLines(etc.resolve("artemis-users.properties"));
        assertThat(users).containsExactlyInAnyOrder("dispatch = ENC(1024:7AB4:0C29)", "board=board-2", "order-service=order-2",
                "iot-ingest=iot-2", "notification-service=notification-2");
        assertThat(Files.readAllLines(etc.resolve("artemis-roles.properties"))).containsExactlyInAnyOrder("amq = dispatch", "board=board",
                "order-service=order-service", "iot-ingest=iot-ingest", "notification-service=notification-service");
    }

    @Test
    void aMissingOrUnusablePasswordOrAnOperatorsLoginOfAServicesNameStopsItBeforeAnythingIsMade() throws Exception {
        Map<String, String> missing = new HashMap<>(environment(PASSWORDS));
        missing.remove("DISPATCH_BROKER_IOT_INGEST_PASSWORD");
        assertThat(start(missing).errors()).contains("DISPATCH_BROKER_IOT_INGEST_PASSWORD is not set: the login iot-ingest needs a password");

        Map<String, String> blank = new HashMap<>(environment(PASSWORDS));
        blank.put("DISPATCH_BROKER_ORDER_SERVICE_PASSWORD", "two words");
        assertThat(start(blank).errors()).contains("DISPATCH_BROKER_ORDER_SERVICE_PASSWORD: the password of order-service must be printable "
                + "ASCII without blanks or backslashes");

        Map<String, String> operators = new HashMap<>(environment(PASSWORDS));
        operators.put("ARTEMIS_USER", "order-service");
        Run run = start(operators);
        assertThat(run.exit()).isNotZero();
        assertThat(run.errors()).contains("ARTEMIS_USER is order-service, a fixed login of its own: give the operators' login another name");
        assertThat(sandbox.resolve("instance/etc")).doesNotExist();
        assertThat(sandbox.resolve("started")).doesNotExist();
    }

    @Test
    void anInstanceWhoseBootstrapHasNoJaasSecurityToReplaceIsRefused() throws Exception {
        Path etc = Files.createDirectories(sandbox.resolve("instance/etc"));
        Files.writeString(etc.resolve("broker.xml"), "<configuration/>");
        Files.writeString(etc.resolve("bootstrap.xml"), "<broker xmlns=\"http://activemq.apache.org/schema\">\n"
                + "   <jaas-security domain=\"PropertiesLogin\"/>\n</broker>\n");
        Files.writeString(etc.resolve("artemis-users.properties"), "");
        Files.writeString(etc.resolve("artemis-roles.properties"), "");
        Run run = start(environment(PASSWORDS));
        assertThat(run.exit()).isNotZero();
        assertThat(run.errors()).contains("etc/bootstrap.xml has no <jaas-security domain=\"activemq\"/> to replace with DispatchSecurityManager");
        assertThat(sandbox.resolve("started")).doesNotExist();
    }

    private static Map<String, String> environment(Map<String, String> passwords) {
        Map<String, String> env = new HashMap<>(passwords);
        env.put("ARTEMIS_USER", "dispatch");
        env.put("ARTEMIS_PASSWORD", "operators");
        return env;
    }

    /** The entrypoint as the image has it, /docker-run.sh being the stand-in; in sandbox/instance, with only this environment. */
    private Run start(Map<String, String> env) throws IOException, InterruptedException {
        Path image = Files.createDirectories(sandbox.resolve("opt"));
        Path dockerRun = image.resolve("docker-run.sh");
        Files.writeString(dockerRun, DOCKER_RUN);
        Files.setPosixFilePermissions(dockerRun, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Files.writeString(image.resolve("entrypoint.sh"), BrokerImage.entrypoint().replace("/docker-run.sh", dockerRun.toString()));
        Files.copy(Repo.path(BrokerImage.LOGIN_CONFIG), image.resolve("login.config"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path instance = Files.createDirectories(sandbox.resolve("instance/etc-override"));
        Files.copy(Repo.path(BrokerConfig.FILE), instance.resolve("broker.xml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        ProcessBuilder bash = new ProcessBuilder("bash", image.resolve("entrypoint.sh").toString()).directory(instance.getParent().toFile())
                .redirectOutput(sandbox.resolve("out.txt").toFile()).redirectError(sandbox.resolve("errors.txt").toFile());
        String path = System.getenv("PATH");
        bash.environment().clear();
        bash.environment().put("PATH", path);
        bash.environment().putAll(env);
        Process process = bash.start();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the entrypoint did not finish within a minute");
        }
        return new Run(process.exitValue(), Files.readString(sandbox.resolve("errors.txt")));
    }

    private static Element securityManager(Path etc) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        Document bootstrap = factory.newDocumentBuilder().parse(etc.resolve("bootstrap.xml").toFile());
        assertThat(bootstrap.getElementsByTagName("jaas-security").getLength()).isZero();
        assertThat(bootstrap.getElementsByTagName("server").getLength()).isOne();
        assertThat(bootstrap.getElementsByTagName("security-manager").getLength()).isOne();
        return (Element) bootstrap.getElementsByTagName("security-manager").item(0);
    }

    private static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(file)));
        return properties;
    }
}
