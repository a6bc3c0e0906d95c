package dev.dispatch.testsupport.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** asyncapi.yaml, read once, and the few questions the tests ask it: which messages a channel carries, in which schema. */
final class AsyncApiDocument {

    static final String FILE = "asyncapi.yaml";

    private static final JsonNode ROOT = read();

    private AsyncApiDocument() {
    }

    static JsonNode root() {
        return ROOT.deepCopy();
    }

    /** The channel's messages by name (the CloudEvent type on AMQP, the payload's type for device events and commands). */
    static Map<String, JsonNode> messages(String address) {
        JsonNode channel = channel(address);
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        for (JsonNode reference : channel.path("messages")) {
            JsonNode message = resolve(reference);
            byName.put(message.path("name").asText(), message);
        }
        return byName;
    }

    /** The examples' payloads of each of the channel's messages, by message name; copies. */
    static Map<String, List<JsonNode>> examples(String address) {
        Map<String, List<JsonNode>> byName = new LinkedHashMap<>();
        messages(address).forEach((name, message) -> {
            List<JsonNode> payloads = new ArrayList<>();
            message.path("examples").forEach(example -> {
                if (example.has("payload")) {
                    payloads.add(example.get("payload").deepCopy());
                }
            });
            byName.put(name, List.copyOf(payloads));
        });
        return byName;
    }

    /** The content type of a message: its own, else the document's defaultContentType. */
    static String contentType(JsonNode message) {
        return message.path("contentType").asText(ROOT.path("defaultContentType").asText());
    }

    /** The schema file of a message's payload, relative to the contracts folder, e.g. events/order-event.v1.json. */
    static String payloadSchema(JsonNode message) {
        String ref = message.path("payload").path("$ref").asText(null);
        if (ref == null || ref.startsWith("#")) {
            throw new IllegalStateException("message " + message.path("name").asText() + " has no payload $ref to a schema file");
        }
        return relative(URI.create(Contracts.BASE_URI + FILE).resolve(ref));
    }

    /** Every schema file the document names, and every file those name in turn (relative $refs between schemas). */
    static Set<String> referencedSchemas() {
        Set<String> found = new LinkedHashSet<>();
        List<String> pending = new ArrayList<>();
        collectFileRefs(ROOT, URI.create(Contracts.BASE_URI + FILE), pending);
        while (!pending.isEmpty()) {
            String file = pending.remove(0);
            if (found.add(file)) {
                collectFileRefs(Contracts.readJson(file), URI.create(Contracts.BASE_URI + file), pending);
            }
        }
        return found;
    }

    private static JsonNode channel(String address) {
        for (JsonNode channel : ROOT.path("channels")) {
            if (address.equals(channel.path("address").asText(null))) {
                return channel;
            }
        }
        throw new IllegalArgumentException("asyncapi.yaml has no channel with the address " + address);
    }

    private static JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText(null);
        if (ref == null) {
            return node;
        }
        if (!ref.startsWith("#/")) {
            throw new IllegalStateException("not a reference inside asyncapi.yaml: " + ref);
        }
        JsonNode target = ROOT.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalStateException("asyncapi.yaml refers to " + ref + ", which it does not have");
        }
        return resolve(target);
    }

    private static void collectFileRefs(JsonNode node, URI base, List<String> into) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && !ref.asText().startsWith("#")) {
                into.add(relative(base.resolve(ref.asText())));
            }
            for (Iterator<JsonNode> values = node.elements(); values.hasNext();) {
                collectFileRefs(values.next(), base, into);
            }
        } else if (node.isArray()) {
            node.forEach(element -> collectFileRefs(element, base, into));
        }
    }

    private static String relative(URI uri) {
        String withoutFragment = uri.toString().replaceFirst("#.*$", "");
        if (!withoutFragment.startsWith(Contracts.BASE_URI)) {
            throw new IllegalStateException("a $ref outside the contracts folder: " + uri);
        }
        return withoutFragment.substring(Contracts.BASE_URI.length());
    }

    private static JsonNode read() {
        try (InputStream in = Contracts.class.getClassLoader().getResourceAsStream(Contracts.CLASSPATH_ROOT + FILE)) {
            if (in == null) {
                throw new IllegalStateException("no " + Contracts.CLASSPATH_ROOT + FILE + " on the classpath: add dev.dispatch:contracts");
            }
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
    }
}
