package dev.dispatch.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The file a script reads to find the broker: {@link EmbeddedBroker#connectionInfo()} as
 * {@code key=value} lines. It appears whole or not at all, so a script may poll for it.
 */
public final class PortsFile {

    private PortsFile() {
    }

    public static void write(Path file, EmbeddedBroker broker) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> entry : broker.connectionInfo().entrySet()) {
            text.append(entry.getKey()).append('=').append(entry.getValue()).append('\n');
        }
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Files.writeString(partial, text, StandardCharsets.UTF_8);
        try {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale file is harmless: the next start replaces it
        }
    }
}
