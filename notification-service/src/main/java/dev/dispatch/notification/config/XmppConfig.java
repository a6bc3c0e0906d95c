package dev.dispatch.notification.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the XMPP server (Prosody) is and how the dispatch bot signs in; keys under {@code dispatch.xmpp}
 * (environment {@code DISPATCH_XMPP_*}, the same names Prosody's configuration reads), documented in the README.
 */
@ConfigMapping(prefix = "dispatch.xmpp")
public interface XmppConfig {

    /** Off: no bot, no rooms, ChatService answers UNAVAILABLE, and health says XMPP is off. */
    @WithDefault("false")
    boolean enabled();

    /** The server as this service reaches it. */
    @WithDefault("127.0.0.1")
    String host();

    @WithDefault("5222")
    int c2sPort();

    /** Prosody's HTTP port (XMPP over WebSocket), for the public WebSocket URL when none is configured. */
    @WithDefault("5280")
    int httpPort();

    /** The users' domain; rooms live on {@code rooms.<domain>}. */
    @WithDefault("dispatch.local")
    String domain();

    /** The bot's localpart; it is the server's admin (creates accounts over XEP-0133, and rooms). */
    @WithDefault("dispatch-bot")
    String bot();

    /** The bot's password, registered with the server by whoever starts it. Required when enabled. */
    Optional<String> botPassword();

    /** The bot's nickname in the rooms. */
    @WithDefault("Dispatch")
    String botNick();

    /** Where clients connect (what OpenChatSession returns): host, port, WebSocket URL; default the values above. */
    Optional<String> publicHost();

    Optional<Integer> publicPort();

    Optional<String> websocketUrl();

    /** How long a password from OpenChatSession signs in; afterwards the account is re-keyed to an unknown one. */
    @WithDefault("1h")
    Duration credentialTtl();

    /** How often pending room work is retried, expired credentials re-keyed, and a lost server reconnected. */
    @WithDefault("5s")
    Duration relayInterval();

    /** The longest wait for one answer of the server. */
    @WithDefault("10s")
    Duration replyTimeout();

    /** The external component (XEP-0114) that shows couriers' presence, {@code devices.<domain>}; unset: off. */
    @WithDefault("5347")
    int componentPort();

    Optional<String> componentSecret();

    default String roomDomain() {
        return "rooms." + domain();
    }

    default String devicesDomain() {
        return "devices." + domain();
    }
}
