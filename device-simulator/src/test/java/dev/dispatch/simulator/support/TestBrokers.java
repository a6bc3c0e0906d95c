package dev.dispatch.simulator.support;

import dev.dispatch.simulator.mqtt.BrokerAddress;
import dev.dispatch.testsupport.broker.ArtemisTestResource;
import dev.dispatch.testsupport.broker.TestBroker;

/** The test JVM's real Artemis (test-support starts it on free ports on first use). */
public final class TestBrokers {

    public record Address(String host, int port, String user, String password) {
        public BrokerAddress broker() {
            return new BrokerAddress(host, port, user, password);
        }
    }

    private TestBrokers() {
    }

    public static Address mqtt() {
        TestBroker broker = ArtemisTestResource.broker();
        var info = broker.connectionInfo();
        return new Address(info.get("host"), Integer.parseInt(info.get("mqtt.port")), info.get("user"), info.get("password"));
    }
}
