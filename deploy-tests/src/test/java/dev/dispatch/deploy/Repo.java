package dev.dispatch.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository whose deployment files are checked, and the facts about it the checks compare against. */
final class Repo {

    /** The services that ship as images: each has src/main/docker/Dockerfile.jvm and an application.properties. */
    static final List<String> SERVICES = List.of("gateway", "order-service", "payment-service", "notification-service", "iot-ingest",
            "web");

    /** The Kubernetes version whose API schema the manifests are validated against (client-java-api 25.x). */
    static final String KUBERNETES_VERSION = "1.34";

    private static final Path ROOT = locateRoot();

    private Repo() {
    }

    static Path root() {
        return ROOT;
    }

    static Path path(String relative) {
        return ROOT.resolve(relative).normalize();
    }

    static String read(String relative) {
        return read(path(relative));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The project version from the root pom: the tag of every Dispatch image. */
    static String version() {
        String pom = read("pom.xml");
        // The project's own <version>, the first one after </modelVersion> that is not inside <parent>.
        Matcher matcher = Pattern.compile("<artifactId>dispatch-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        if (!matcher.find()) {
            throw new IllegalStateException("no version in the root pom");
        }
        return matcher.group(1).trim();
    }

    static String image(String service) {
        return "dispatch/" + service + ":" + version();
    }

    private static Path locateRoot() {
        String configured = System.getProperty("dispatch.root");
        Path root = configured != null ? Path.of(configured) : Path.of("..");
        root = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("docker-compose.yml")) || !Files.isDirectory(root.resolve("k8s"))) {
            throw new IllegalStateException("not the Dispatch repository (no docker-compose.yml and k8s/): " + root);
        }
        return root;
    }
}
