package dev.dispatch.deploy;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the features Dispatch uses: resources
 * (files and other kustomizations), namespace, images, patches (JSON 6902 with a target), configMapGenerator and
 * secretGenerator (files, literals; with generatorOptions.disableNameSuffixHash). Anything else in a
 * kustomization is refused rather than half-rendered, so that the overlay stays within what this renderer (and
 * therefore the tests) understands. Like kustomize's default load restrictor, files may not be read from outside
 * the kustomization's own directory.
 */
final class Kustomize {

    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "namespace", "resources", "images", "patches",
            "configMapGenerator", "secretGenerator", "generatorOptions");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "PersistentVolume", "StorageClass",
            "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PriorityClass");

    /** Where generator files come from: the disk, or, in tests, a stand-in for files that only a user's machine has. */
    interface Files {
        byte[] read(Path file) throws IOException;
    }

    /** Files from the disk, except that a missing file matching {@code standIn} reads as a placeholder and is recorded. */
    static final class DiskFiles implements Files {
        private final Predicate<Path> standIn;
        final Set<Path> stoodIn = new TreeSet<>();

        DiskFiles(Predicate<Path> standIn) {
            this.standIn = standIn;
        }

        @Override
        public byte[] read(Path file) throws IOException {
            if (!java.nio.file.Files.exists(file) && standIn.test(file)) {
                stoodIn.add(file);
                return ("placeholder for " + file.getFileName()).getBytes(StandardCharsets.UTF_8);
            }
            return java.nio.file.Files.readAllBytes(file);
        }
    }

    private final Files files;

    Kustomize(Files files) {
        this.files = files;
    }

    static List<ObjectNode> render(Path directory) {
        return new Kustomize(new DiskFiles(file -> false)).build(directory);
    }

    List<ObjectNode> build(Path directory) {
        Path root = directory.toAbsolutePath().normalize();
        Path file = root.resolve("kustomization.yaml");
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new IllegalArgumentException(root + ": no kustomization.yaml");
        }
        String source = Repo.root().relativize(file).toString();
        ObjectNode kustomization = Yaml.object(Yaml.document(Repo.read(file), source), source);
        for (Iterator<String> names = kustomization.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException(source + ": '" + name + "' is not supported by the in-test renderer " + FIELDS);
            }
        }
        expect(kustomization, "apiVersion", "kustomize.config.k8s.io/v1beta1", source);
        expect(kustomization, "kind", "Kustomization", source);

        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode entry : list(kustomization, "resources", source)) {
            objects.addAll(resource(root, entry.asText(), source));
        }
        boolean generates = kustomization.has("configMapGenerator") || kustomization.has("secretGenerator");
        if (generates && !kustomization.path("generatorOptions").path("disableNameSuffixHash").asBoolean(false)) {
            throw new IllegalArgumentException(source + ": generators need generatorOptions.disableNameSuffixHash: true here"
                    + " (the in-test renderer does not rewrite references to hashed names)");
        }
        for (JsonNode generator : list(kustomization, "configMapGenerator", source)) {
            objects.add(generate(root, generator, false, source));
        }
        for (JsonNode generator : list(kustomization, "secretGenerator", source)) {
            objects.add(generate(root, generator, true, source));
        }
        for (JsonNode patch : list(kustomization, "patches", source)) {
            patch(root, patch, objects, source);
        }
        if (kustomization.has("namespace")) {
            String namespace = kustomization.get("namespace").asText();
            for (ObjectNode object : objects) {
                if (!CLUSTER_SCOPED.contains(object.path("kind").asText())) {
                    ((ObjectNode) object.with("metadata")).put("namespace", namespace);
                }
            }
        }
        for (JsonNode image : list(kustomization, "images", source)) {
            image(image, objects, source);
        }
        Set<String> ids = new HashSet<>();
        for (ObjectNode object : objects) {
            String id = id(object);
            if (!ids.add(id)) {
                throw new IllegalArgumentException(source + ": " + id + " is defined twice");
            }
        }
        return objects;
    }

    static String id(JsonNode object) {
        return object.path("kind").asText() + "/" + object.path("metadata").path("namespace").asText("") + "/"
                + object.path("metadata").path("name").asText();
    }

    private List<ObjectNode> resource(Path root, String entry, String source) {
        if (entry.contains("://") || entry.startsWith("github.com/")) {
            throw new IllegalArgumentException(source + ": remote resource " + entry + " is not supported");
        }
        Path target = root.resolve(entry).normalize();
        if (java.nio.file.Files.isDirectory(target)) {
            return build(target);
        }
        within(root, target, source);
        if (!java.nio.file.Files.isRegularFile(target)) {
            throw new IllegalArgumentException(source + ": resource " + entry + " does not exist");
        }
        List<ObjectNode> objects = new ArrayList<>();
        String file = Repo.root().relativize(target).toString();
        for (JsonNode document : Yaml.documents(Repo.read(target), file)) {
            ObjectNode object = Yaml.object(document, file);
            if (!object.path("kind").isTextual() || !object.path("metadata").path("name").isTextual()) {
                throw new IllegalArgumentException(file + ": a resource without kind or metadata.name");
            }
            object.put("x-source", file); // removed before validation; says where a problem comes from
            objects.add(object);
        }
        return objects;
    }

    private ObjectNode generate(Path root, JsonNode generator, boolean secret, String source) {
        Set<String> allowed = Set.of("name", "files", "literals");
        generator.fieldNames().forEachRemaining(field -> {
            if (!allowed.contains(field)) {
                throw new IllegalArgumentException(source + ": generator field '" + field + "' is not supported " + allowed);
            }
        });
        String name = generator.path("name").asText();
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.put("apiVersion", "v1");
        object.put("kind", secret ? "Secret" : "ConfigMap");
        object.putObject("metadata").put("name", name);
        if (secret) {
            object.put("type", "Opaque");
        }
        ObjectNode data = object.putObject("data");
        // Removed before validation, like x-source: which repository file each key was generated from.
        ObjectNode generatedFrom = JsonNodeFactory.instance.objectNode();
        for (JsonNode entry : generator.path("files")) {
            String spec = entry.asText();
            String key = spec.contains("=") ? spec.substring(0, spec.indexOf('=')) : Path.of(spec).getFileName().toString();
            Path file = root.resolve(spec.contains("=") ? spec.substring(spec.indexOf('=') + 1) : spec).normalize();
            within(root, file, source);
            byte[] content;
            try {
                content = files.read(file);
            } catch (IOException e) {
                throw new IllegalArgumentException(source + ": generator " + name + " cannot read " + file + ": " + e, e);
            }
            put(data, key, content, secret, source);
            generatedFrom.put(key, Repo.root().relativize(file).toString());
        }
        for (JsonNode entry : generator.path("literals")) {
            String literal = entry.asText();
            put(data, literal.substring(0, literal.indexOf('=')), literal.substring(literal.indexOf('=') + 1)
                    .getBytes(StandardCharsets.UTF_8), secret, source);
        }
        object.put("x-source", source);
        object.set("x-files", generatedFrom);
        return object;
    }

    private static void put(ObjectNode data, String key, byte[] content, boolean secret, String source) {
        if (data.has(key)) {
            throw new IllegalArgumentException(source + ": key " + key + " generated twice");
        }
        if (secret) {
            data.put(key, Base64.getEncoder().encodeToString(content));
            return;
        }
        try {
            data.put(key, StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(content)).toString());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(source + ": " + key + " is not UTF-8 text (binaryData is not supported)");
        }
    }

    private void patch(Path root, JsonNode patch, List<ObjectNode> objects, String source) {
        JsonNode operations;
        String where;
        if (patch.has("path")) {
            Path file = root.resolve(patch.get("path").asText()).normalize();
            within(root, file, source);
            where = Repo.root().relativize(file).toString();
            operations = Yaml.document(Repo.read(file), where);
        } else if (patch.has("patch")) {
            where = source + " (inline patch)";
            operations = Yaml.document(patch.get("patch").asText(), where);
        } else {
            throw new IllegalArgumentException(source + ": a patch needs path or patch");
        }
        if (!operations.isArray()) {
            throw new IllegalArgumentException(where + ": only JSON 6902 patches (a list of operations) are supported");
        }
        JsonNode target = patch.path("target");
        if (!target.isObject() || target.isEmpty()) {
            throw new IllegalArgumentException(source + ": a JSON 6902 patch needs a target");
        }
        int matched = 0;
        for (ObjectNode object : objects) {
            if (matches(target, object)) {
                JsonPatch.apply(object, operations, where + " on " + id(object));
                matched++;
            }
        }
        if (matched == 0) {
            throw new IllegalArgumentException(where + ": the target " + target + " matches no resource");
        }
    }

    private static boolean matches(JsonNode target, ObjectNode object) {
        for (Map.Entry<String, JsonNode> condition : (Iterable<Map.Entry<String, JsonNode>>) target::fields) {
            String wanted = condition.getValue().asText();
            String apiVersion = object.path("apiVersion").asText();
            String actual = switch (condition.getKey()) {
                case "kind" -> object.path("kind").asText();
                case "name" -> object.path("metadata").path("name").asText();
                case "namespace" -> object.path("metadata").path("namespace").asText();
                case "group" -> apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
                case "version" -> apiVersion.substring(apiVersion.indexOf('/') + 1);
                default -> throw new IllegalArgumentException("patch target field '" + condition.getKey() + "' is not supported");
            };
            // kustomize matches names (and the rest) as anchored regular expressions.
            if (!actual.matches(wanted)) {
                return false;
            }
        }
        return true;
    }

    private static void image(JsonNode image, List<ObjectNode> objects, String source) {
        String name = image.path("name").asText();
        for (Iterator<String> fields = image.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!Set.of("name", "newName", "newTag", "digest").contains(field)) {
                throw new IllegalArgumentException(source + ": images field '" + field + "' is not supported");
            }
        }
        for (ObjectNode object : objects) {
            JsonNode podSpec = object.path("spec").path("template").path("spec");
            for (String list : List.of("initContainers", "containers")) {
                for (JsonNode container : podSpec.path(list)) {
                    String reference = container.path("image").asText();
                    if (!nameOf(reference).equals(name)) {
                        continue;
                    }
                    String newName = image.path("newName").asText(name);
                    String tag = image.has("digest") ? "@" + image.get("digest").asText()
                            : image.has("newTag") ? ":" + image.get("newTag").asText() : tagOf(reference);
                    ((ObjectNode) container).put("image", newName + tag);
                }
            }
        }
    }

    /** The image reference without its tag or digest: registry/repository[:port]/name. */
    static String nameOf(String reference) {
        int at = reference.indexOf('@');
        String withoutDigest = at >= 0 ? reference.substring(0, at) : reference;
        int colon = withoutDigest.lastIndexOf(':');
        return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
    }

    private static String tagOf(String reference) {
        return reference.substring(nameOf(reference).length());
    }

    private static void within(Path root, Path file, String source) {
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException(source + ": " + file + " is outside the kustomization's directory " + root
                    + " (kustomize refuses to load it)");
        }
    }

    private static void expect(ObjectNode kustomization, String field, String value, String source) {
        if (!value.equals(kustomization.path(field).asText())) {
            throw new IllegalArgumentException(source + ": " + field + " must be " + value);
        }
    }

    private static Iterable<JsonNode> list(ObjectNode kustomization, String field, String source) {
        JsonNode node = kustomization.get(field);
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof ArrayNode)) {
            throw new IllegalArgumentException(source + ": " + field + " must be a list");
        }
        return node;
    }

    /** The rendered objects' names by kind, for messages. */
    static Set<String> ids(List<ObjectNode> objects) {
        Set<String> ids = new LinkedHashSet<>();
        objects.forEach(object -> ids.add(id(object)));
        return ids;
    }
}
