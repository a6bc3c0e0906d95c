package dev.dispatch.broker.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;

/**
 * Logs a device in with the credentials iot-ingest issued it: the broker asks iot-ingest
 * ({@code POST /internal/broker/device-logins}, with the bearer token only the broker has) whether the device id and
 * password belong to an active credential. iot-ingest keeps only a hash; a revoked or reissued password fails at
 * once, for new connections (Artemis caches a successful login for its security-invalidation-interval, 10 s).
 * A device gets the role {@value DispatchSecurityManager#DEVICE_ROLE} and its id as user name, which
 * {@link DispatchSecurityManager} holds to its own topics.
 * <p>
 * Options (login.config, or {@link #options} for an embedded broker): {@code url}, else the environment variable
 * {@code DISPATCH_BROKER_DEVICE_LOGINS_URL}; {@code token}, else {@code DISPATCH_BROKER_DEVICE_LOGINS_TOKEN};
 * {@code timeoutMillis} (2000). Place it {@code sufficient}, after the module of the fixed logins.
 */
public class DeviceLoginModule implements LoginModule {

    public static final String URL_ENV = "DISPATCH_BROKER_DEVICE_LOGINS_URL";
    public static final String TOKEN_ENV = "DISPATCH_BROKER_DEVICE_LOGINS_TOKEN";

    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final int MAX_PASSWORD = 256;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Subject subject;
    private CallbackHandler callbacks;
    private URI url;
    private String token;
    private Duration timeout;
    private String device;
    private UserPrincipal user;
    private RolePrincipal role;

    /** The options of an embedded broker's JAAS entry. */
    public static Map<String, String> options(String url, String token) {
        return Map.of("url", url, "token", token);
    }

    @Override
    public void initialize(Subject subject, CallbackHandler callbacks, Map<String, ?> sharedState, Map<String, ?> options) {
        this.subject = subject;
        this.callbacks = callbacks;
        String configuredUrl = option(options, "url", URL_ENV);
        this.url = configuredUrl == null ? null : URI.create(configuredUrl);
        this.token = option(options, "token", TOKEN_ENV);
        Object millis = options.get("timeoutMillis");
        this.timeout = Duration.ofMillis(millis == null ? 2000 : Long.parseLong(millis.toString()));
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("user");
        PasswordCallback password = new PasswordCallback("password", false);
        try {
            callbacks.handle(new Callback[] {name, password});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new LoginException("no credentials: " + e.getMessage());
        }
        String login = name.getName();
        char[] secret = password.getPassword();
        if (url == null || token == null || login == null || secret == null
                || !DEVICE_ID.matcher(login).matches() || secret.length == 0 || secret.length > MAX_PASSWORD) {
            throw new FailedLoginException("not a device login");
        }
        int status = ask(login, new String(secret));
        if (status == 200) {
            device = login;
            return true;
        }
        if (status == 401) {
            throw new FailedLoginException("iot-ingest refused the device's credentials");
        }
        throw new LoginException("iot-ingest answered the device login with " + status);
    }

    private int ask(String login, String secret) throws LoginException {
        String body = "{\"username\":\"" + login + "\",\"password\":\"" + Json.escape(secret) + "\"}";
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new LoginException("iot-ingest cannot be asked about the device login: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginException("interrupted while asking iot-ingest about a device login");
        }
    }

    @Override
    public boolean commit() {
        if (device == null) {
            return false;
        }
        user = new UserPrincipal(device);
        role = new RolePrincipal(DispatchSecurityManager.DEVICE_ROLE);
        subject.getPrincipals().add(user);
        subject.getPrincipals().add(role);
        return true;
    }

    @Override
    public boolean abort() {
        logout();
        return true;
    }

    @Override
    public boolean logout() {
        if (user != null) {
            subject.getPrincipals().remove(user);
            subject.getPrincipals().remove(role);
        }
        device = null;
        user = null;
        role = null;
        return true;
    }

    private static String option(Map<String, ?> options, String name, String env) {
        Object value = options.get(name);
        String text = value != null ? value.toString() : System.getenv(env);
        return text == null || text.isBlank() ? null : text;
    }
}
