package dev.dispatch.testsupport.broker;

import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real broker (dev-broker's embedded Artemis) in the test JVM, on free ports, for every
 * {@code @QuarkusTest} of a module.
 * <p>
 * <b>Use:</b> annotate one class in the module's tests with
 * {@code @QuarkusTestResource(ArtemisTestResource.class)}. With its default
 * {@code restrictToAnnotatedClass = false} Quarkus discovers that annotation wherever it is and
 * applies the resource to every {@code @QuarkusTest} of the module, also those with a
 * {@code @TestProfile}. The equivalent {@code @WithTestResource(value = ArtemisTestResource.class,
 * scope = TestResourceScope.GLOBAL)} works too, but the Quarkus 3.33 javadoc of
 * {@code @WithTestResource} still advises against that annotation, so prefer
 * {@code @QuarkusTestResource}. (Checked in quarkus-test-common 3.33.2.)
 * <p>
 * One broker serves the whole JVM: Quarkus restarts the application, and with it its test
 * resources, for every test profile, but the broker keeps running (same ports, same messages)
 * and is stopped, its data deleted, when the JVM exits. It retries failed deliveries after
 * 100 ms doubling up to 1 s (the real broker: 1 s up to 30 s), so a poison message reaches
 * {@code DLQ.<address>} after 5 attempts in about 1.5 s.
 * <p>
 * Configuration it gives the application: {@code amqp-host}, {@code amqp-port} (the SmallRye AMQP
 * connector's globals); {@code mp.messaging.connector.smallrye-mqtt.host}, {@code .port}; and
 * {@code dispatch.broker.amqp-port}, {@code dispatch.broker.mqtt-port}, {@code dispatch.broker.stomp-port}
 * for tests that open clients of their own. Not the login: the service logs in as itself, with the
 * default login its application.properties names (its name, which the test broker knows too), so
 * every module's tests run under the broker's least-privilege rules. Everything else, including the
 * host, the STOMP-over-WebSocket port and the operators' login (allowed everything, for tests that
 * play another service or a device), is on {@link #broker()}.
 * <p>
 * Quarkus Dev Services would start a broker container of their own where Docker is present:
 * switch them off in the service's test configuration ({@code quarkus.amqp.devservices.enabled=false},
 * {@code quarkus.mqtt.devservices.enabled=false}).
 */
public class ArtemisTestResource implements QuarkusTestResourceLifecycleManager {

    private static final TestBroker BROKER = TestBroker.locate();

    /** The broker of this JVM, for its ports, to stop and start it, or to count a queue's messages. */
    public static TestBroker broker() {
        return BROKER;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> broker = BROKER.acquire();
        String host = broker.get("host");
        String amqpPort = broker.get("amqp.port");
        String mqttPort = broker.get("mqtt.port");

        Map<String, String> config = new LinkedHashMap<>();
        config.put("amqp-host", host);
        config.put("amqp-port", amqpPort);
        config.put("mp.messaging.connector.smallrye-mqtt.host", host);
        config.put("mp.messaging.connector.smallrye-mqtt.port", mqttPort);
        config.put("dispatch.broker.amqp-port", amqpPort);
        config.put("dispatch.broker.mqtt-port", mqttPort);
        config.put("dispatch.broker.stomp-port", broker.get("stomp.port"));
        return config;
    }

    @Override
    public void stop() {
        // A shared broker outlives the application (JVM exit stops it); only a broker private to
        // this class loader must go with it.
        if (!BROKER.shared()) {
            BROKER.release();
        }
    }
}
