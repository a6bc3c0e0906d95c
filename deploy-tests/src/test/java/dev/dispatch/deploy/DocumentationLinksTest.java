package dev.dispatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The documentation a user reads is the repository's own: every relative link in a README or under docs/ points at a
 * file or folder that exists, and none leaves the repository (a clone has nothing beside it).
 */
class DocumentationLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void relativeLinksPointAtFilesOfTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path doc : documents()) {
            for (String target : links(doc)) {
                if (target.startsWith("http://") || target.startsWith("https://") || target.startsWith("#") || target.startsWith("mailto:")) {
                    continue;
                }
                Path resolved = doc.getParent().resolve(target.replaceFirst("#.*$", "")).normalize();
                if (!resolved.startsWith(Repo.root())) {
                    broken.add(Repo.root().relativize(doc) + ": " + target + " leaves the repository");
                } else if (!Files.exists(resolved)) {
                    broken.add(Repo.root().relativize(doc) + ": " + target + " does not exist");
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void theRootReadmeLinksToTheArchitectureDocument() {
        assertThat(links(Repo.path("README.md"))).contains("docs/architecture.md");
    }

    private static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(Repo.path("README.md"));
        try (Stream<Path> modules = Files.list(Repo.root())) {
            modules.map(m -> m.resolve("README.md")).filter(Files::isRegularFile).forEach(docs::add);
        }
        try (Stream<Path> files = Files.walk(Repo.path("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).forEach(docs::add);
        }
        return docs.stream().distinct().toList();
    }

    private static List<String> links(Path doc) {
        Matcher matcher = LINK.matcher(Repo.read(doc));
        List<String> targets = new ArrayList<>();
        while (matcher.find()) {
            targets.add(matcher.group(1));
        }
        return targets;
    }
}
