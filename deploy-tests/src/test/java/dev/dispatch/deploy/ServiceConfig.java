package dev.dispatch.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one service reads from its configuration: the keys of its application.properties, read at test time so
 * that keys others add later are seen. A key given only for a profile ({@code %test.mp.jwt...}) still counts:
 * the service reads it in every profile.
 */
record ServiceConfig(String module, Map<String, String> defaults, Set<String> keys, boolean health) {

    /**
     * Environment variables a Quarkus container may carry although no key of application.properties maps to them:
     * the JVM settings of the runtime image's run-java.sh. Everything else must be a key the service reads.
     */
    static final Set<String> RUNTIME_ENV = Set.of("JAVA_OPTS", "JAVA_OPTS_APPEND", "JAVA_MAX_MEM_RATIO");

    static ServiceConfig of(String module) {
        String text = Repo.read(module + "/src/main/resources/application.properties");
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        Set<String> keys = new TreeSet<>();
        for (String raw : properties.stringPropertyNames()) {
            String key = raw.startsWith("%") ? raw.substring(raw.indexOf('.') + 1) : raw;
            keys.add(key);
            if (!raw.startsWith("%")) {
                defaults.put(key, properties.getProperty(raw));
            }
        }
        boolean health = Repo.read(module + "/pom.xml").contains("<artifactId>quarkus-smallrye-health</artifactId>");
        return new ServiceConfig(module, defaults, keys, health);
    }

    /** MicroProfile Config's environment variable for a key: every non-alphanumeric character an underscore, upper case. */
    static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    /** The key an environment variable sets, if the service reads one that it maps to. */
    Optional<String> keyOf(String env) {
        return keys.stream().filter(key -> envName(key).equals(env)).findFirst();
    }

    int httpPort() {
        return Integer.parseInt(defaults.getOrDefault("quarkus.http.port", "8080"));
    }

    /** The value in force in a container: the one its environment sets, else the default in application.properties. */
    Optional<String> effective(String key, Map<String, String> env) {
        String fromEnv = env.get(envName(key));
        return Optional.ofNullable(fromEnv != null ? fromEnv : defaults.get(key));
    }
}
