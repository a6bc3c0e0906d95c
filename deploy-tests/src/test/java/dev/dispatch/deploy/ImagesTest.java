package dev.dispatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Image names agree between the Dockerfiles, docker-compose.yml, the kind overlay and the READMEs. */
class ImagesTest {

    private static final Pattern OUR_IMAGE = Pattern.compile("dispatch/([a-z-]+):([A-Za-z0-9._-]+)");

    @Test
    void everyServiceHasAQuarkusJvmDockerfileRunAsNonRoot() {
        for (String service : Repo.SERVICES) {
            String file = service + "/src/main/docker/Dockerfile.jvm";
            assertThat(Files.isRegularFile(Repo.path(file))).as(file).isTrue();
            String dockerfile = Repo.read(file);
            assertThat(dockerfile).as(file)
                    .containsPattern("(?m)^FROM registry\\.access\\.redhat\\.com/ubi9/openjdk-17-runtime:[0-9.]+$")
                    .contains("COPY --chown=185 " + service + "/target/quarkus-app/lib/ /deployments/lib/")
                    .contains("COPY --chown=185 " + service + "/target/quarkus-app/*.jar /deployments/")
                    .contains("COPY --chown=185 " + service + "/target/quarkus-app/app/ /deployments/app/")
                    .contains("COPY --chown=185 " + service + "/target/quarkus-app/quarkus/ /deployments/quarkus/")
                    .containsPattern("(?m)^EXPOSE " + ServiceConfig.of(service).httpPort() + "$")
                    .containsPattern("(?m)^ENTRYPOINT \\[ \"/opt/jboss/container/java/run/run-java.sh\" ]$")
                    .contains("docker build -f " + file + " -t " + Repo.image(service) + " .");
            Matcher user = Pattern.compile("(?m)^USER (\\S+)$").matcher(dockerfile);
            String last = null;
            while (user.find()) {
                last = user.group(1);
            }
            assertThat(last).as(file + " runs as").isNotNull().matches("[1-9][0-9]*");
        }
        // The build context is the root: only the fast-jars (and the broker image's files, BrokerImageTest) go to the builder.
        assertThat(Repo.read(".dockerignore")).containsPattern("(?m)^\\*$").containsPattern("(?m)^!\\*/target/quarkus-app$");
    }

    @Test
    void composeAndTheOverlayRunTheSameImages() {
        Set<String> expected = ours();

        Set<String> compose = new TreeSet<>();
        ComposeChecks.read().path("services").forEach(service -> compose.add(service.path("image").asText()));
        Set<String> kubernetes = new TreeSet<>();
        for (JsonNode object : Overlay.rendered()) {
            for (String list : new String[] {"containers", "initContainers"}) {
                object.path("spec").path("template").path("spec").path(list).forEach(c -> kubernetes.add(c.path("image").asText()));
            }
        }
        assertThat(compose).containsAll(expected);
        assertThat(kubernetes).containsAll(expected);
        // postgres, Prosody, coturn, Jaeger: the same image on both sides.
        assertThat(compose).isEqualTo(kubernetes);
    }

    @Test
    void theReadmeBuildsAndLoadsExactlyTheseImages() {
        String readme = Repo.read("deploy/README.md");
        Set<String> loaded = new TreeSet<>();
        Matcher load = Pattern.compile("kind load docker-image --name dispatch((?:\\s+\\\\?\\s*dispatch/\\S+)+)").matcher(readme);
        while (load.find()) {
            Matcher image = OUR_IMAGE.matcher(load.group(1));
            while (image.find()) {
                loaded.add(image.group());
            }
        }
        Set<String> expected = ours();
        assertThat(loaded).as("the images deploy/README.md loads into kind").isEqualTo(expected);
        assertThat(readme).contains("docker compose build").contains("./mvnw -B package -DskipTests")
                .contains("kubectl apply -k k8s/overlays/kind").contains("kind create cluster --config k8s/kind/cluster.yaml");
        // Any Dispatch image the READMEs name (the root one once it has a deploy section) is one of ours, rightly tagged.
        for (String file : new String[] {"deploy/README.md", "README.md"}) {
            Matcher image = OUR_IMAGE.matcher(Repo.read(file));
            while (image.find()) {
                assertThat(image.group()).as(file + " names an image").isIn(expected);
            }
        }
    }

    /** The images built here: one per service, and the broker's. */
    private static Set<String> ours() {
        Set<String> images = new TreeSet<>();
        Repo.SERVICES.forEach(service -> images.add(Repo.image(service)));
        images.add(BrokerImage.image());
        return images;
    }
}
