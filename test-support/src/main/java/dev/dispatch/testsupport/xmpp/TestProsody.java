package dev.dispatch.testsupport.xmpp;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.Map;

/**
 * The test JVM's Prosody, as seen from a test: where it listens, its accounts, and control over it (stop and start
 * it, e.g. to see the bot reconnect). Obtain it with {@link ProsodyTestResource#prosody()} or {@link #locate()}.
 */
public final class TestProsody {

    private final Class<?> prosody;

    private TestProsody(Class<?> prosody) {
        this.prosody = prosody;
    }

    /** {@link JvmWideProsody} from the system class loader (one process for every Quarkus application of the JVM). */
    public static TestProsody locate() {
        try {
            return new TestProsody(Class.forName(JvmWideProsody.class.getName(), true, ClassLoader.getSystemClassLoader()));
        } catch (ClassNotFoundException | LinkageError notOnTheSystemClassPath) {
            return new TestProsody(JvmWideProsody.class);
        }
    }

    /**
     * Starts it on first use. Keys: {@code host}, {@code domain}, {@code room-domain}, {@code devices-domain},
     * {@code c2s.port}, {@code http.port}, {@code component.port}, {@code component.secret}, {@code bot},
     * {@code bot.password}, {@code data-dir}, {@code stanza-limit}.
     */
    @SuppressWarnings("unchecked")
    public Map<String, String> connectionInfo() {
        return (Map<String, String>) call("acquire");
    }

    public String host() {
        return connectionInfo().get("host");
    }

    public String domain() {
        return connectionInfo().get("domain");
    }

    public String roomDomain() {
        return connectionInfo().get("room-domain");
    }

    public int c2sPort() {
        return Integer.parseInt(connectionInfo().get("c2s.port"));
    }

    public int httpPort() {
        return Integer.parseInt(connectionInfo().get("http.port"));
    }

    public int componentPort() {
        return Integer.parseInt(connectionInfo().get("component.port"));
    }

    /** The largest stanza a client may send before Prosody closes its stream (policy-violation). */
    public int stanzaLimit() {
        return Integer.parseInt(connectionInfo().get("stanza-limit"));
    }

    /** The RFC 7395 endpoint. */
    public String websocketUrl() {
        return "ws://" + host() + ":" + httpPort() + "/xmpp-websocket";
    }

    /** Creates or re-keys an account with prosodyctl (not over XMPP). */
    public void register(String user, String password) {
        call("register", user, password);
    }

    public void stop() {
        call("stop");
    }

    /** Starts the stopped server again on the same ports, with its accounts and rooms; returns once clients can sign in. */
    public void start() {
        call("start");
    }

    public boolean isRunning() {
        return (Boolean) call("isRunning");
    }

    public String logTail() {
        return (String) call("logTail");
    }

    private Object call(String method, String... args) {
        try {
            Class<?>[] types = new Class<?>[args.length];
            Arrays.fill(types, String.class);
            return prosody.getMethod(method, types).invoke(null, (Object[]) args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the test Prosody through " + prosody, e);
        }
    }
}
