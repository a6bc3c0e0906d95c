package dev.dispatch.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * deploy/secrets.sh, as the checks read it: which files it makes for the deployments. It is run, once per test JVM, into
 * a temporary folder under target/ (DISPATCH_RUN_DIR for .dispatch/, DISPATCH_KIND_SECRETS for the overlay's secrets folder): what it
 * made there is what it makes.
 */
final class SecretsScript {

    static final String FILE = "deploy/secrets.sh";

    // new_env_file "$RUN_DIR/compose/iot-ingest.env" DISPATCH_COAP_CREDENTIAL_KEY "$RUN_DIR/compose/coap-credential-key"
    private static final Pattern ENV_FILE = Pattern.compile("(?m)^new_env_file \"\\$RUN_DIR/([^\"]+)\" ([A-Z][A-Z0-9_]*) \"\\$RUN_DIR/([^\"]+)\"$");

    /** Where one run put its files: the stand-in for .dispatch/ and for k8s/overlays/kind/secrets/. */
    record Made(Path runDir, Path kindSecrets) {
    }

    private static Made made;

    private SecretsScript() {
    }

    static String text() {
        return Repo.read(FILE);
    }

    /**
     * The env_files it makes for Compose, as docker-compose.yml names them ({@code ./.dispatch/...}): each variable, with
     * the file of .dispatch/ its value comes from.
     */
    static Map<String, Map<String, String>> envFiles() {
        Map<String, Map<String, String>> files = new LinkedHashMap<>();
        Matcher line = ENV_FILE.matcher(text());
        while (line.find()) {
            files.computeIfAbsent("./.dispatch/" + line.group(1), f -> new TreeMap<>()).put(line.group(2), ".dispatch/" + line.group(3));
        }
        return files;
    }

    /** Whether it writes this file of the kind overlay's secrets folder. */
    static boolean writesKindSecret(String file) {
        return Files.isRegularFile(made().kindSecrets().resolve(file));
    }

    /** Whether it writes this file of .dispatch/ (a path relative to the repository: ".dispatch/..."). */
    static boolean writesRunFile(String file) {
        String relative = file.replaceFirst("^\\./", "");
        return relative.startsWith(".dispatch/") && Files.isRegularFile(made().runDir().resolve(relative.substring(".dispatch/".length())));
    }

    /** Runs the script (bash, with this JVM's java and keytool first on the PATH) into a temporary folder, once. */
    static synchronized Made made() {
        if (made != null) {
            return made;
        }
        made = run(seeded -> {
        });
        return made;
    }

    /** What an earlier run would have left in the folders. */
    interface Seed {
        void put(Made folders) throws IOException;
    }

    /** Runs the script into a new temporary folder, after {@code seed} put there what an earlier run would have left. */
    static Made run(Seed seed) {
        try {
            Path target = Files.createDirectories(Path.of("target").toAbsolutePath());
            Path root = Files.createTempDirectory(target, "secrets-sh");
            Made run = new Made(root.resolve("run"), root.resolve("kind"));
            seed.put(run);
            ProcessBuilder script = new ProcessBuilder("bash", Repo.path(FILE).toString()).redirectErrorStream(true)
                    .redirectOutput(root.resolve("output.txt").toFile());
            script.environment().put("DISPATCH_RUN_DIR", run.runDir().toString());
            script.environment().put("DISPATCH_KIND_SECRETS", run.kindSecrets().toString());
            script.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + java.io.File.pathSeparator
                    + script.environment().getOrDefault("PATH", ""));
            Process process = script.start();
            if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(FILE + " failed: " + Files.readString(root.resolve("output.txt")));
            }
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
