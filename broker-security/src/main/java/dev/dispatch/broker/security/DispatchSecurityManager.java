package dev.dispatch.broker.security;

import java.util.Map;
import java.util.Set;

import javax.security.auth.Subject;

import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;

/**
 * Artemis' JAAS security manager, plus the one rule broker.xml cannot state: a login in the {@value #DEVICE_ROLE}
 * role is a device whose user name is its device id, and it gets only its own topics ({@link DeviceTopics}). Roles
 * still come from broker.xml first: a device needs the role's permission there and ownership here.
 * <p>
 * The broker container names it in bootstrap.xml; the embedded broker passes it to Artemis itself.
 */
public class DispatchSecurityManager extends ActiveMQJAASSecurityManager {

    public static final String DEVICE_ROLE = "device";

    /** For bootstrap.xml's {@code <security-manager class-name="...">}, which then calls {@link #init(Map)}. */
    public DispatchSecurityManager() {
    }

    /** For an embedded broker: a JAAS configuration of that name, users kept in memory by {@code InVMLoginModule}. */
    public DispatchSecurityManager(String configurationName, SecurityConfiguration users) {
        super(configurationName, users);
    }

    /**
     * bootstrap.xml's properties: {@code domain}, the login.config entry of the logins (as {@code <jaas-security
     * domain="...">} names it), and optionally {@code certificateDomain}.
     */
    @Override
    public ActiveMQSecurityManager init(Map<String, String> properties) {
        String domain = properties.get("domain");
        if (domain == null || domain.isBlank()) {
            throw new IllegalArgumentException("DispatchSecurityManager needs the property 'domain' (a login.config entry)");
        }
        setConfigurationName(domain);
        String certificateDomain = properties.get("certificateDomain");
        if (certificateDomain != null && !certificateDomain.isBlank()) {
            setCertificateConfigurationName(certificateDomain);
        }
        return this;
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        if (!super.authorize(subject, roles, checkType, address)) {
            return false;
        }
        String device = deviceOf(subject);
        return device == null || DeviceTopics.allows(device, checkType, address);
    }

    /** The device id of a device's login; null for any other login (a service, the board, an operator). */
    static String deviceOf(Subject subject) {
        if (subject == null) {
            return null;
        }
        boolean device = false;
        for (RolePrincipal role : subject.getPrincipals(RolePrincipal.class)) {
            if (!DEVICE_ROLE.equals(role.getName())) {
                return null; // also a service or an operator: broker.xml alone decides
            }
            device = true;
        }
        if (!device) {
            return null;
        }
        Set<UserPrincipal> users = subject.getPrincipals(UserPrincipal.class);
        return users.size() == 1 ? users.iterator().next().getName() : "";
    }
}
