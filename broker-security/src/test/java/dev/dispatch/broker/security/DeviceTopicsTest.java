package dev.dispatch.broker.security;

import static org.apache.activemq.artemis.core.security.CheckType.BROWSE;
import static org.apache.activemq.artemis.core.security.CheckType.CONSUME;
import static org.apache.activemq.artemis.core.security.CheckType.CREATE_ADDRESS;
import static org.apache.activemq.artemis.core.security.CheckType.CREATE_DURABLE_QUEUE;
import static org.apache.activemq.artemis.core.security.CheckType.DELETE_ADDRESS;
import static org.apache.activemq.artemis.core.security.CheckType.MANAGE;
import static org.apache.activemq.artemis.core.security.CheckType.SEND;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import javax.security.auth.Subject;

import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DeviceTopicsTest {

    @ParameterizedTest
    @ValueSource(strings = {"telemetry", "events", "status"})
    void aDevicePublishesUnderItsOwnId(String topic) {
        assertThat(DeviceTopics.allows("courier-1", SEND, "devices.courier-1." + topic)).isTrue();
        assertThat(DeviceTopics.allows("courier-1", CREATE_ADDRESS, "devices.courier-1." + topic)).isTrue();
        assertThat(DeviceTopics.allows("courier-1", SEND, "devices.courier-2." + topic)).isFalse();
        assertThat(DeviceTopics.allows("courier-1", SEND, "devices.*." + topic)).isFalse();
    }

    @Test
    void aDeviceReadsOnlyItsOwnCommands() {
        assertThat(DeviceTopics.allows("courier-1", CREATE_DURABLE_QUEUE, "devices.courier-1.commands")).isTrue();
        assertThat(DeviceTopics.allows("courier-1", CONSUME, "devices.courier-1.commands::courier-1.devices.courier-1.commands")).isTrue();
        assertThat(DeviceTopics.allows("courier-1", CONSUME, "devices.courier-2.commands")).isFalse();
        assertThat(DeviceTopics.allows("courier-1", CONSUME, "devices.*.commands")).isFalse();
        assertThat(DeviceTopics.allows("courier-1", CONSUME, "devices.#")).isFalse();
        // It never sends itself commands, nor reads its own (or anyone's) telemetry.
        assertThat(DeviceTopics.allows("courier-1", SEND, "devices.courier-1.commands")).isFalse();
        assertThat(DeviceTopics.allows("courier-1", CONSUME, "devices.courier-1.telemetry")).isFalse();
    }

    @Test
    void nothingElse() {
        assertThat(DeviceTopics.allows("courier-1", SEND, "order-events")).isFalse();
        assertThat(DeviceTopics.allows("courier-1", SEND, "devices.courier-1.telemetry.extra")).isFalse();
        assertThat(DeviceTopics.allows("courier-1", SEND, "devices.courier-1")).isFalse();
        assertThat(DeviceTopics.allows("courier-1", BROWSE, "devices.courier-1.commands")).isFalse();
        assertThat(DeviceTopics.allows("courier-1", DELETE_ADDRESS, "devices.courier-1.telemetry")).isFalse();
        assertThat(DeviceTopics.allows("courier-1", MANAGE, "devices.courier-1.telemetry")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "*", "#", "a.b", "courier-1.telemetry", "-x"})
    void aLoginThatIsNoDeviceIdGetsNothing(String login) {
        assertThat(DeviceTopics.allows(login, SEND, "devices." + login + ".telemetry")).isFalse();
        assertThat(DeviceTopics.allows(login, CONSUME, "devices." + login + ".commands")).isFalse();
    }

    @Test
    void onlyALoginWhoseOnlyRoleIsDeviceIsHeldToItsTopics() {
        assertThat(DispatchSecurityManager.deviceOf(subject("courier-1", "device"))).isEqualTo("courier-1");
        assertThat(DispatchSecurityManager.deviceOf(subject("iot-ingest", "iot-ingest"))).isNull();
        assertThat(DispatchSecurityManager.deviceOf(subject("dispatch", "amq", "device"))).isNull();
        assertThat(DispatchSecurityManager.deviceOf(null)).isNull();
    }

    @Test
    void bootstrapXmlNamesTheLoginsDomain() {
        DispatchSecurityManager manager = new DispatchSecurityManager();
        manager.init(java.util.Map.of("domain", "activemq"));
        assertThat(manager.getDomain()).isEqualTo("activemq");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DispatchSecurityManager().init(java.util.Map.of()))
                .hasMessageContaining("'domain'");
    }

    private static Subject subject(String user, String... roles) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        for (String role : roles) {
            subject.getPrincipals().add(new RolePrincipal(role));
        }
        return subject;
    }
}
