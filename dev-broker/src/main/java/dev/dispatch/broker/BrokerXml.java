package dev.dispatch.broker;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;

/**
 * Reads broker.xml the way the Artemis distribution and container image do, so that the file stays
 * the one source of truth: Artemis itself resolves the {@code ${NAME:default}} placeholders.
 */
final class BrokerXml {

    private static final String SELF = "dev/dispatch/broker/BrokerXml.class";

    // Artemis resolves placeholders from system properties, which are JVM-wide: set, parse, restore.
    private static final Object PLACEHOLDER_LOCK = new Object();

    private BrokerXml() {
    }

    /** Our broker.xml, taken from beside this class, so that another broker.xml on the classpath cannot shadow it. */
    static URL location() {
        URL self = BrokerXml.class.getClassLoader().getResource(SELF);
        if (self != null) {
            String text = self.toExternalForm();
            try {
                URL sibling = new URL(text.substring(0, text.length() - SELF.length()) + "broker.xml");
                try (InputStream probe = sibling.openStream()) {
                    return sibling;
                }
            } catch (IOException notThere) {
                // fall through to the plain classpath lookup
            }
        }
        URL anywhere = BrokerXml.class.getClassLoader().getResource("broker.xml");
        if (anywhere == null) {
            throw new IllegalStateException("broker.xml is not on the classpath");
        }
        return anywhere;
    }

    static Configuration load(URL location, Map<String, String> placeholders) throws Exception {
        synchronized (PLACEHOLDER_LOCK) {
            Map<String, String> saved = new HashMap<>();
            placeholders.forEach((name, value) -> {
                saved.put(name, System.getProperty(name));
                System.setProperty(name, value);
            });
            try {
                FileConfiguration configuration = new FileConfiguration();
                new FileDeploymentManager(location.toExternalForm()).addDeployable(configuration).readConfiguration();
                // The placeholders were filled once, here; a reload would refill them without our values.
                configuration.setConfigurationFileRefreshPeriod(0);
                return configuration;
            } finally {
                saved.forEach((name, value) -> {
                    if (value == null) {
                        System.clearProperty(name);
                    } else {
                        System.setProperty(name, value);
                    }
                });
            }
        }
    }
}
