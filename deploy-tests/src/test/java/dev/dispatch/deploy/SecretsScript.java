package dev.dispatch.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** deploy/secrets.sh, as the checks read it: which files it makes for the deployments. */
final class SecretsScript {

    static final String FILE = "deploy/secrets.sh";

    // new_env_file "$RUN_DIR/compose/iot-ingest.env" DISPATCH_COAP_CREDENTIAL_KEY "$RUN_DIR/compose/coap-credential-key"
    private static final Pattern ENV_FILE = Pattern.compile("(?m)^new_env_file \"\\$RUN_DIR/([^\"]+)\" ([A-Z][A-Z0-9_]*) ");

    private SecretsScript() {
    }

    static String text() {
        return Repo.read(FILE);
    }

    /** The env_files it makes for Compose, as docker-compose.yml names them ({@code ./.dispatch/...}), and their variables. */
    static Map<String, Set<String>> envFiles() {
        Map<String, Set<String>> files = new LinkedHashMap<>();
        Matcher line = ENV_FILE.matcher(text());
        while (line.find()) {
            files.computeIfAbsent("./.dispatch/" + line.group(1), f -> new TreeSet<>()).add(line.group(2));
        }
        return files;
    }

    /** Whether it writes this file of the kind overlay's secrets folder. */
    static boolean writesKindSecret(String file) {
        return text().contains("\"$KIND_SECRETS/" + file + "\"");
    }
}
