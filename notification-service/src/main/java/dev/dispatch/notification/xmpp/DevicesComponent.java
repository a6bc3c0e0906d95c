package dev.dispatch.notification.xmpp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.dispatch.notification.config.XmppConfig;
import dev.dispatch.notification.model.CourierPresence;
import dev.dispatch.notification.repository.PresenceRepository;
import dev.dispatch.platform.listen.PgListener;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Couriers' presence on XMPP: an external component (XEP-0114, {@code jabber:component:accept}) that is
 * {@code devices.<domain>} on Prosody and speaks for {@code <deviceId>@devices.<domain>}. Operators (accounts ChatService
 * made with the operator role) subscribe to a courier and see available, away (status: the order) or offline; others
 * are refused ({@code unsubscribed}). Subscribers are stored, a stored change (NOTIFY from any replica) is pushed to
 * them, probes get the current presence. One Vert.x connection, no blocking; lost or refused, it reconnects with
 * backoff. Prosody takes one connection per component, so with replicas one holds it and the others wait their turn.
 */
@ApplicationScoped
public class DevicesComponent {

    private static final Logger LOG = Logger.getLogger(DevicesComponent.class);
    private static final String NS = "jabber:component:accept";
    private static final int MAX_STANZA = 64 * 1024;

    private final XmppConfig config;
    private final PresenceRepository presences;
    private final Vertx vertx;
    private final PgListener changes;
    private final AtomicBoolean troubleLogged = new AtomicBoolean();
    private volatile NetClient client;
    private volatile Link link;
    private volatile boolean stopped;
    private volatile int attempts;

    public DevicesComponent(XmppConfig config, PresenceRepository presences, Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.config = config;
        this.presences = presences;
        this.vertx = vertx;
        this.changes = new PgListener(vertx, url, user, password, "courier presence");
    }

    void start(@Observes StartupEvent event) {
        if (!enabled()) {
            return;
        }
        // (Re)subscribed: a change may have been missed, so everyone gets the current presence again.
        changes.channel(PresenceRepository.CHANNEL, () -> push(Optional.empty()), deviceId -> push(Optional.of(deviceId))).start();
        client = vertx.getDelegate().createNetClient(new NetClientOptions()
                .setConnectTimeout((int) config.replyTimeout().toMillis()).setTcpKeepAlive(true));
        connect();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (enabled()) {
            changes.stop();
            Link current = link;
            if (current != null) {
                current.socket.close();
            }
        }
    }

    /** On when XMPP is on and the component has a secret (Prosody declares the component only then). */
    public boolean enabled() {
        return config.enabled() && config.componentSecret().isPresent();
    }

    /** Connected and accepted by the server as {@code devices.<domain>}. */
    public boolean connected() {
        Link current = link;
        return current != null && current.accepted;
    }

    private void connect() {
        if (stopped) {
            return;
        }
        client.connect(config.componentPort(), config.host()).onComplete(result -> {
            if (result.failed()) {
                trouble("cannot reach " + config.host() + ":" + config.componentPort() + " (" + result.cause().getMessage() + ")");
                reconnectLater();
                return;
            }
            NetSocket socket = result.result();
            Link current = new Link(socket);
            link = current;
            socket.handler(buffer -> {
                try {
                    current.reader.feed(buffer.getBytes());
                } catch (StanzaReader.Malformed e) {
                    trouble("the server's stream is malformed (" + e.getMessage() + ")");
                    socket.close();
                }
            });
            socket.closeHandler(ignored -> {
                if (link == current) {
                    link = null;
                }
                if (current.accepted) {
                    trouble("the connection to the server was lost");
                }
                reconnectLater();
            });
            socket.write("<?xml version='1.0'?><stream:stream xmlns='" + NS + "' xmlns:stream='http://etherx.jabber.org/streams' to='"
                    + Stanza.escape(config.devicesDomain()) + "'>");
        });
    }

    private void reconnectLater() {
        if (stopped) {
            return;
        }
        long base = Math.max(100, config.relayInterval().toMillis());
        long delay = Math.min(base << Math.min(attempts, 3), base * 8);
        attempts++;
        vertx.getDelegate().setTimer(delay, id -> connect());
    }

    // Said once until the component is accepted again, not once per attempt.
    private void trouble(String what) {
        if (troubleLogged.compareAndSet(false, true)) {
            LOG.warnf("couriers' presence component %s: %s; retrying every %s or so", config.devicesDomain(), what,
                    Duration.ofMillis(config.relayInterval().toMillis() * 8));
        }
    }

    /** Sends the current presence to the subscribers of one device, or of all when empty. */
    private void push(Optional<String> deviceId) {
        Link current = link;
        if (current == null || !current.accepted) {
            return; // sent to everyone once accepted
        }
        presences.subscriptions(deviceId).subscribe().with(
                all -> all.forEach(s -> current.send(presence(s.deviceId(), s.subscriber(), s.presence()))),
                failure -> LOG.warnf("couriers' presence not pushed (database): %s", failure.getMessage()));
    }

    private String jid(String deviceId) {
        return deviceId + "@" + config.devicesDomain();
    }

    private String presence(String deviceId, String to, Optional<CourierPresence> presence) {
        String addressing = " from='" + Stanza.escape(jid(deviceId)) + "' to='" + Stanza.escape(to) + "'";
        CourierPresence.State state = presence.map(CourierPresence::state).orElse(CourierPresence.State.OFFLINE);
        return switch (state) {
            case AVAILABLE -> "<presence" + addressing + "/>";
            case OFFLINE -> "<presence type='unavailable'" + addressing + "/>";
            case AWAY -> "<presence" + addressing + "><show>away</show><status>"
                    + Stanza.escape(presence.flatMap(CourierPresence::status).orElse("away")) + "</status></presence>";
        };
    }

    /** One connection: its stream reader and whether the server accepted the handshake. */
    private final class Link implements StanzaReader.Listener {

        final NetSocket socket;
        final StanzaReader reader = new StanzaReader(MAX_STANZA, this);
        volatile boolean accepted;

        Link(NetSocket socket) {
            this.socket = socket;
        }

        void send(String xml) {
            socket.write(xml);
        }

        @Override
        public void opened(Map<String, String> header) {
            String id = header.get("id");
            if (id == null) {
                throw new StanzaReader.Malformed("the stream header has no id");
            }
            send("<handshake>" + handshake(id, config.componentSecret().orElseThrow()) + "</handshake>");
        }

        @Override
        public void stanza(Stanza stanza) {
            if ("handshake".equals(stanza.name())) {
                accepted = true;
                attempts = 0;
                troubleLogged.set(false);
                LOG.infof("couriers' presence component %s connected to %s:%d", config.devicesDomain(), config.host(), config.componentPort());
                push(Optional.empty());
            } else if ("stream:error".equals(stanza.name())) {
                trouble("the server closed the stream: " + stanza.children()); // e.g. [not-authorized], [conflict]
                socket.close();
            } else if (!accepted) {
                return;
            } else if ("presence".equals(stanza.name())) {
                onPresence(this, stanza);
            } else if ("iq".equals(stanza.name()) && List.of("get", "set").contains(stanza.attribute("type"))) {
                // Every request needs an answer; a courier's address offers no services.
                send("<iq type='error' id='" + Stanza.escape(String.valueOf(stanza.attribute("id"))) + "' from='"
                        + Stanza.escape(String.valueOf(stanza.attribute("to"))) + "' to='" + Stanza.escape(String.valueOf(stanza.attribute("from")))
                        + "'><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
            }
        }

        @Override
        public void closed() {
            socket.close();
        }
    }

    private void onPresence(Link link, Stanza stanza) {
        String to = stanza.attribute("to");
        String from = stanza.attribute("from");
        if (to == null || from == null || !to.contains("@")) {
            return; // to the component itself: nothing to say
        }
        String deviceId = to.substring(0, to.indexOf('@'));
        String subscriber = bare(from);
        String reply = " from='" + Stanza.escape(jid(deviceId)) + "' to='" + Stanza.escape(subscriber) + "'";
        String type = String.valueOf(stanza.attribute("type"));
        Uni<Void> done = switch (type) {
            case "subscribe" -> operator(subscriber).chain(operator -> {
                if (!operator) {
                    LOG.debugf("refused %s's subscription to %s: not an operator", subscriber, deviceId);
                    link.send("<presence type='unsubscribed'" + reply + "/>");
                    return Uni.createFrom().voidItem();
                }
                return presences.subscribe(deviceId, subscriber).chain(() -> presences.current(deviceId)).invoke(current -> {
                    link.send("<presence type='subscribed'" + reply + "/>");
                    link.send(presence(deviceId, subscriber, current));
                }).replaceWithVoid();
            });
            case "unsubscribe" -> presences.unsubscribe(deviceId, subscriber)
                    .invoke(() -> link.send("<presence type='unsubscribed'" + reply + "/>"));
            case "probe" -> presences.isSubscribed(deviceId, subscriber).chain(subscribed -> subscribed
                    ? presences.current(deviceId).invoke(current -> link.send(presence(deviceId, subscriber, current))).replaceWithVoid()
                    : Uni.createFrom().voidItem().invoke(() -> link.send("<presence type='unsubscribed'" + reply + "/>")));
            default -> Uni.createFrom().voidItem(); // available, unavailable, subscribed, errors: nothing to do
        };
        done.subscribe().with(ok -> { }, failure -> LOG.warnf("a presence %s from %s to %s not answered (database): %s",
                type, subscriber, deviceId, failure.getMessage()));
    }

    // Only users of this service's own domain whose chat account is an operator's.
    private Uni<Boolean> operator(String bareJid) {
        String domainSuffix = "@" + config.domain();
        if (!bareJid.endsWith(domainSuffix)) {
            return Uni.createFrom().item(false);
        }
        return presences.isOperator(bareJid.substring(0, bareJid.length() - domainSuffix.length()));
    }

    private static String bare(String jid) {
        int slash = jid.indexOf('/');
        return slash < 0 ? jid : jid.substring(0, slash);
    }

    /** XEP-0114: hex(SHA-1(stream id + secret)). */
    static String handshake(String streamId, String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest((streamId + secret).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
