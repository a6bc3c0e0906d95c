import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What the local run needs for CoAP, with nothing but the JDK (run as a single-file program):
 *   java bin/lib/LocalCoap.java ports PORT...     for each preferred UDP port, that port if nothing has it bound,
 *                                                 else a free one; printed on one line, all different
 *   java bin/lib/LocalCoap.java key FILE          iot-ingest's credential key (base64 of 32 random bytes), made once
 *                                                 in FILE (0600) and printed; an existing FILE is kept and printed
 *   java bin/lib/LocalCoap.java local FILE PORT... both at once (one JVM start for bin/run): the key, then the ports
 * UDP needs its own check: a TCP probe (bin/run's /dev/tcp) says nothing about who has a UDP port.
 */
public class LocalCoap {

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("ports")) {
            List<Integer> chosen = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                chosen.add(choose(Integer.parseInt(args[i]), chosen));
            }
            System.out.println(String.join(" ", chosen.stream().map(String::valueOf).toList()));
        } else if (args.length == 2 && args[0].equals("key")) {
            System.out.println(key(Path.of(args[1])));
        } else if (args.length >= 3 && args[0].equals("local")) {
            List<String> line = new ArrayList<>(List.of(key(Path.of(args[1]))));
            List<Integer> chosen = new ArrayList<>();
            for (int i = 2; i < args.length; i++) {
                chosen.add(choose(Integer.parseInt(args[i]), chosen));
            }
            chosen.forEach(port -> line.add(String.valueOf(port)));
            System.out.println(String.join(" ", line));
        } else {
            System.err.println("LocalCoap: usage: LocalCoap ports PORT... | LocalCoap key FILE | LocalCoap local FILE PORT...");
            System.exit(2);
        }
    }

    /** The preferred port when it is free on the loopback and the wildcard address, else a free ephemeral one. */
    static int choose(int preferred, List<Integer> taken) throws IOException {
        if (!taken.contains(preferred) && free(preferred)) {
            return preferred;
        }
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                port = socket.getLocalPort();
            }
            if (!taken.contains(port) && free(port)) {
                return port;
            }
        }
        throw new IOException("no free UDP port found");
    }

    static boolean free(int port) {
        for (InetSocketAddress address : List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                new InetSocketAddress(port))) {
            try (DatagramSocket socket = new DatagramSocket(null)) {
                socket.setReuseAddress(false);
                socket.bind(address);
            } catch (SocketException taken) {
                return false;
            }
        }
        return true;
    }

    static String key(Path file) throws IOException {
        if (Files.exists(file)) {
            String existing = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (Base64.getDecoder().decode(existing).length != 32) {
                throw new IOException(file + " does not hold base64 of 32 bytes; delete it to make a new key "
                        + "(sensors provisioned under the old key must then be provisioned again)");
            }
            return existing;
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String key = Base64.getEncoder().encodeToString(bytes);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(partial, key, StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // best effort on other file systems
        }
        Files.move(partial, file);
        return key;
    }
}
