package dev.dispatch.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DevBrokerOptionsTest {

    @Test
    void defaultsAreTheLocalRunsPorts() {
        DevBrokerOptions options = DevBrokerOptions.parse(new String[0], Map.of());

        BrokerSettings settings = options.settings();
        assertEquals("127.0.0.1", settings.host());
        assertEquals(Path.of(".dispatch", "broker-data"), settings.dataDir());
        assertEquals(5673, settings.preferredPort(Protocol.AMQP));
        assertEquals(1884, settings.preferredPort(Protocol.MQTT));
        assertEquals(61613, settings.preferredPort(Protocol.STOMP));
        assertEquals(61614, settings.preferredPort(Protocol.STOMP_WS));
        assertEquals(61616, settings.preferredPort(Protocol.CORE));
        assertEquals("dispatch", settings.user());
        assertEquals("dispatch", settings.password());
        assertNull(options.portsFile());
    }

    @Test
    void flagsWinOverEnvironmentWhichWinsOverDefaults() {
        Map<String, String> env = Map.of(
                "DISPATCH_BROKER_AMQP_PORT", "6000",
                "DISPATCH_BROKER_MQTT_PORT", "6001",
                "DISPATCH_BROKER_PASSWORD", "from-env");

        DevBrokerOptions options = DevBrokerOptions.parse(
                new String[] { "--amqp-port", "7000", "--ports-file=/tmp/ports", "--host", "0.0.0.0" }, env);

        assertEquals(7000, options.settings().preferredPort(Protocol.AMQP));
        assertEquals(6001, options.settings().preferredPort(Protocol.MQTT));
        assertEquals("from-env", options.settings().password());
        assertEquals("0.0.0.0", options.settings().host());
        assertEquals(Path.of("/tmp/ports"), options.portsFile());
    }

    @Test
    void badInputIsRefusedWithAReadableReason() {
        assertEquals("unknown option --amqp",
                assertThrows(IllegalArgumentException.class,
                        () -> DevBrokerOptions.parse(new String[] { "--amqp", "1" }, Map.of())).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DevBrokerOptions.parse(new String[] { "--mqtt-port", "70000" }, Map.of()))
                .getMessage().contains("--mqtt-port must be a port number"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DevBrokerOptions.parse(new String[] { "--mqtt-port", "5673" }, Map.of()))
                .getMessage().equals("amqp and mqtt cannot share port 5673"));
        assertEquals("option --host needs a value",
                assertThrows(IllegalArgumentException.class,
                        () -> DevBrokerOptions.parse(new String[] { "--host" }, Map.of())).getMessage());
    }

    @Test
    void eachServiceHasALoginOfItsOwnAndDevicesAreAskedAboutWhereSaid() {
        DevBrokerOptions defaults = DevBrokerOptions.parse(new String[0], Map.of());
        assertEquals(Map.of("order-service", "order-service", "iot-ingest", "iot-ingest",
                "notification-service", "notification-service"), defaults.settings().servicePasswords());
        assertNull(defaults.settings().deviceLogins(), "no device logs in unless iot-ingest is named");

        DevBrokerOptions options = DevBrokerOptions.parse(new String[] { "--order-service-password", "o-secret",
                "--device-logins-url", "http://127.0.0.1:8084/internal/broker/device-logins" },
                Map.of("DISPATCH_BROKER_IOT_INGEST_PASSWORD", "i-secret", "DISPATCH_BROKER_DEVICE_LOGINS_TOKEN", "t"));
        assertEquals("o-secret", options.settings().servicePasswords().get("order-service"));
        assertEquals("i-secret", options.settings().servicePasswords().get("iot-ingest"));
        assertEquals(new BrokerSettings.DeviceLogins("http://127.0.0.1:8084/internal/broker/device-logins", "t"),
                options.settings().deviceLogins());

        assertEquals("--device-logins-url needs --device-logins-token", assertThrows(IllegalArgumentException.class,
                () -> DevBrokerOptions.parse(new String[] { "--device-logins-url", "http://x" }, Map.of())).getMessage());
        assertEquals("unknown option --payment-service-password", assertThrows(IllegalArgumentException.class,
                () -> DevBrokerOptions.parse(new String[] { "--payment-service-password", "x" }, Map.of())).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DevBrokerOptions.parse(new String[] { "--user", "order-service" }, Map.of())).getMessage()
                .contains("a service's name cannot be the operators'"));
    }

    @Test
    void helpNamesEveryOption() {
        assertTrue(DevBrokerOptions.parse(new String[] { "--help" }, Map.of()).help());
        for (String option : new String[] { "--data-dir", "--host", "--amqp-port", "--mqtt-port", "--stomp-port",
                "--stomp-ws-port", "--core-port", "--ports-file", "--user", "--password", "--order-service-password",
                "--iot-ingest-password", "--notification-service-password", "--device-logins-url", "--device-logins-token" }) {
            assertTrue(DevBrokerOptions.HELP.contains(option + " "), option);
        }
    }
}
