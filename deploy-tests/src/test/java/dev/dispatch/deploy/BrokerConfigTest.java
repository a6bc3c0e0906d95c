package dev.dispatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The broker has one configuration, read by the embedded broker, docker-compose and Kubernetes alike. */
class BrokerConfigTest {

    @Test
    void thereIsOneBrokerXmlInTheRepository() throws IOException {
        try (Stream<Path> files = Files.walk(Repo.root())) {
            List<String> copies = files
                    .filter(file -> file.getFileName().toString().equals("broker.xml"))
                    .map(file -> Repo.root().relativize(file).toString())
                    .filter(path -> !path.startsWith(".") && !path.contains("/target/") && !path.startsWith("target/"))
                    .toList();
            assertThat(copies).containsExactly(BrokerConfig.FILE);
        }
    }

    @Test
    void theEmbeddedBrokerPackagesThatFile() {
        assertThat(Repo.read("dev-broker/pom.xml"))
                .contains("<directory>${project.basedir}/../k8s/base/broker</directory>")
                .contains("<include>broker.xml</include>");
    }

    @Test
    void composeMountsItOverTheImagesConfiguration() {
        JsonNode broker = ComposeChecks.read().path("services").path("broker");
        assertThat(broker.path("volumes").toString())
                .contains("./" + BrokerConfig.FILE + ":/var/lib/artemis-instance/etc-override/broker.xml:ro");
        // The broker image's entrypoint (Compose and Kubernetes leave it as it is) copies it over the instance's.
        assertThat(broker.has("entrypoint")).isFalse();
        assertThat(Overlay.find(Overlay.rendered(), "StatefulSet", "broker").at("/spec/template/spec/containers/0").has("command")).isFalse();
        assertThat(BrokerImage.entrypoint()).contains("cp etc-override/broker.xml etc/broker.xml").contains("exec /docker-run.sh run");
    }

    @Test
    void kubernetesMountsItFromTheGeneratedConfigMapWithTheJournalOnTheVolume() {
        JsonNode pod = Overlay.find(Overlay.rendered(), "StatefulSet", "broker").path("spec").path("template").path("spec");
        assertThat(pod.path("volumes").toString()).contains("{\"name\":\"config\",\"configMap\":{\"name\":\"dispatch-broker-config\"}}");
        assertThat(pod.path("containers").path(0).path("volumeMounts").toString())
                .contains("{\"name\":\"config\",\"mountPath\":\"/var/lib/artemis-instance/etc-override\",\"readOnly\":true}")
                .contains("{\"name\":\"data\",\"mountPath\":\"/var/lib/artemis-instance/data\"}");
        // The journal's directory is relative to the instance, so it lands on that volume.
        assertThat(Repo.read(BrokerConfig.FILE)).contains("<journal-directory>${DISPATCH_BROKER_DATA_DIR:data}/journal</journal-directory>");
    }

    @Test
    void itsSecuritySettingsAreReadAsTheBrokerReadsThem() {
        BrokerConfig broker = BrokerConfig.read();
        assertThat(broker.permissions().get("#").get("send")).containsExactly("amq");
        assertThat(broker.grants("order-service")).contains("send on order-events", "consume on delivery-events::delivery-events.order-service")
                .noneMatch(grant -> grant.endsWith(" on #"));
        assertThat(broker.grants("board")).allMatch(grant -> grant.matches("(consume|createAddress|createNonDurableQueue|deleteNonDurableQueue) on .*"));
        assertThat(broker.grants("nobody")).isEmpty();
    }

    @Test
    void containersUseTheStandardPortsOfItsAcceptors() {
        BrokerConfig broker = BrokerConfig.read();
        assertThat(broker.port("amqp")).isEqualTo(5672);
        assertThat(broker.port("mqtt")).isEqualTo(1883);
        assertThat(broker.placeholders()).contains("DISPATCH_BROKER_AMQP_PORT", "DISPATCH_BROKER_MQTT_PORT", "DISPATCH_BROKER_DATA_DIR");
    }
}
