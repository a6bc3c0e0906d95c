package dev.dispatch.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;

import dev.dispatch.broker.security.DeviceLoginModule;

import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;

/**
 * The embedded broker's logins, the same chain as the container's login.config: the fixed users kept in memory
 * (operators, board, the services), else a device whose credentials iot-ingest confirms ({@link DeviceLoginModule}),
 * when the settings say where to ask.
 */
final class BrokerLogins extends SecurityConfiguration {

    private final BrokerSettings.DeviceLogins devices;

    BrokerLogins(BrokerSettings.DeviceLogins devices) {
        this.devices = devices;
    }

    @Override
    public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        List<AppConfigurationEntry> chain = new ArrayList<>();
        chain.add(new AppConfigurationEntry(InVMLoginModule.class.getName(), LoginModuleControlFlag.SUFFICIENT,
                Map.of(InVMLoginModule.CONFIG_PROP_NAME, this)));
        if (devices != null) {
            chain.add(new AppConfigurationEntry(DeviceLoginModule.class.getName(), LoginModuleControlFlag.SUFFICIENT,
                    DeviceLoginModule.options(devices.url(), devices.token())));
        }
        return chain.toArray(AppConfigurationEntry[]::new);
    }
}
