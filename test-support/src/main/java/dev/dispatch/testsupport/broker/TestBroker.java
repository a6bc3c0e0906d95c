package dev.dispatch.testsupport.broker;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;

import dev.dispatch.broker.Protocol;

/**
 * The test JVM's broker, as seen from a test: where it listens, and control over it.
 * Obtain it with {@link ArtemisTestResource#broker()}.
 */
public final class TestBroker {

    private final Class<?> broker;
    private final boolean shared;

    private TestBroker(Class<?> broker, boolean shared) {
        this.broker = broker;
        this.shared = shared;
    }

    /**
     * {@link JvmWideBroker} from the system class loader, shared by every Quarkus application of
     * this JVM; our own copy where the system class loader cannot see it (e.g. continuous testing
     * in dev mode), in which case the broker lives only as long as this class loader.
     */
    static TestBroker locate() {
        try {
            return new TestBroker(Class.forName(JvmWideBroker.class.getName(), true, ClassLoader.getSystemClassLoader()), true);
        } catch (ClassNotFoundException | LinkageError notOnTheSystemClassPath) {
            return new TestBroker(JvmWideBroker.class, false);
        }
    }

    /** Whether the broker outlives this class loader (and is then stopped at JVM exit only). */
    boolean shared() {
        return shared;
    }

    @SuppressWarnings("unchecked")
    Map<String, String> acquire() {
        return (Map<String, String>) call("acquire");
    }

    void release() {
        call("release");
    }

    /** {@code amqp.port}, {@code mqtt.port}, {@code stomp.port}, {@code stomp-ws.port}, {@code core.port}, {@code host}, {@code user}, {@code password}. */
    @SuppressWarnings("unchecked")
    public Map<String, String> connectionInfo() {
        return (Map<String, String>) call("connectionInfo");
    }

    public String host() {
        return connectionInfo().get("host");
    }

    public String user() {
        return connectionInfo().get("user");
    }

    public String password() {
        return connectionInfo().get("password");
    }

    public int port(Protocol protocol) {
        return Integer.parseInt(connectionInfo().get(protocol.key() + ".port"));
    }

    public int amqpPort() {
        return port(Protocol.AMQP);
    }

    public int mqttPort() {
        return port(Protocol.MQTT);
    }

    public int stompPort() {
        return port(Protocol.STOMP);
    }

    public int stompWebSocketPort() {
        return port(Protocol.STOMP_WS);
    }

    public int corePort() {
        return port(Protocol.CORE);
    }

    /** Stops the broker, e.g. to see a service cope with it being away. Its ports stay reserved for {@link #start()}. */
    public void stop() {
        call("stop");
    }

    /** Starts the stopped broker again on the same ports, with the messages it had. */
    public void start() {
        call("start");
    }

    public boolean isRunning() {
        return (Boolean) call("isRunning");
    }

    /** Messages in a queue, e.g. {@code DLQ.order-events}; 0 when the queue does not exist. */
    public long messageCount(String queue) {
        return (Long) call("messageCount", queue);
    }

    private Object call(String method, String... args) {
        try {
            Class<?>[] types = new Class<?>[args.length];
            Arrays.fill(types, String.class);
            Method target = broker.getMethod(method, types);
            return target.invoke(null, (Object[]) args);
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
            throw new IllegalStateException("cannot reach the test broker through " + broker, e);
        }
    }
}
