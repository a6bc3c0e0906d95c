package dev.dispatch.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The kind overlay, rendered once per test JVM, and fresh copies of it for the tests that break it on purpose. */
final class Overlay {

    static final String DIRECTORY = "k8s/overlays/kind";

    /** Files the overlay reads that only a user's machine has (deploy/secrets.sh makes them; never committed). */
    static final Path SECRETS = Repo.path(DIRECTORY + "/secrets");

    private static List<ObjectNode> rendered;
    private static Set<Path> stoodIn;

    private Overlay() {
    }

    static synchronized List<ObjectNode> rendered() {
        if (rendered == null) {
            Kustomize.DiskFiles files = new Kustomize.DiskFiles(file -> file.startsWith(SECRETS));
            rendered = new Kustomize(files).build(Repo.path(DIRECTORY));
            stoodIn = Set.copyOf(files.stoodIn);
        }
        return rendered;
    }

    /** The secrets files the render had to stand in for (all of them on a fresh clone). */
    static synchronized Set<Path> stoodIn() {
        rendered();
        return stoodIn;
    }

    static List<ObjectNode> copy() {
        return rendered().stream().map(Yaml::copy).toList();
    }

    static ObjectNode find(List<ObjectNode> objects, String kind, String name) {
        return objects.stream()
                .filter(object -> object.path("kind").asText().equals(kind) && object.path("metadata").path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + Kustomize.ids(objects)));
    }
}
