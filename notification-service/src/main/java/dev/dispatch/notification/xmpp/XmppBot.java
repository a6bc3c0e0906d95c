package dev.dispatch.notification.xmpp;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.ReconnectionManager;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.jxmpp.stringprep.XmppStringprepException;

import dev.dispatch.notification.config.XmppConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The dispatch bot: this service's one client connection to the XMPP server (Smack over TCP, SCRAM), the server's
 * admin. Smack blocks, so every call runs on the bot's own thread, one at a time (which also keeps the order of what
 * it posts), never on an event loop. Connection lost or not there at start: {@link #connect()}, tried again every
 * relay interval, signs in on a new connection (not Smack's ReconnectionManager: after a server restart its old
 * connection would still believe it is in its rooms and post into the void), and once signed in the bot re-enters
 * its rooms (see {@link #onSignedIn}).
 */
@ApplicationScoped
public class XmppBot {

    private static final Logger LOG = Logger.getLogger(XmppBot.class);

    private final XmppConfig config;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "xmpp-bot"));
    private final AtomicReference<XMPPTCPConnection> connection = new AtomicReference<>();
    private final AtomicBoolean unreachableLogged = new AtomicBoolean();
    private final RoomModeration moderation = new RoomModeration(thread);
    private volatile boolean everSignedIn;
    private volatile Runnable onSignedIn = () -> { };

    public XmppBot(XmppConfig config) {
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (config.enabled()) {
            if (config.botPassword().isEmpty()) {
                throw new IllegalStateException("dispatch.xmpp.enabled=true needs dispatch.xmpp.bot-password (DISPATCH_XMPP_BOT_PASSWORD)");
            }
            connect().subscribe().with(ok -> { }, failure -> { });
        }
    }

    void stop(@Observes ShutdownEvent event) {
        XMPPTCPConnection c = connection.get();
        thread.shutdownNow();
        if (c != null) {
            c.disconnect();
        }
    }

    public boolean enabled() {
        return config.enabled();
    }

    public boolean signedIn() {
        XMPPTCPConnection c = connection.get();
        return c != null && c.isAuthenticated();
    }

    /** What to do each time the bot has signed in (again): re-enter its rooms, flush pending work. */
    public void onSignedIn(Runnable action) {
        this.onSignedIn = action;
    }

    /** Signs in unless signed in already; fails with {@link XmppUnavailable} while the server cannot be reached. */
    public Uni<Void> connect() {
        return run(() -> {
            ensureSignedIn();
            return null;
        });
    }

    /** Creates the account, or gives the existing one the new password (XEP-0133, as the server's admin). */
    public Uni<Void> setPassword(String localpart, String password) {
        return run(() -> {
            new AdminCommands(ensureSignedIn(), config.domain()).setPassword(localpart, password);
            return null;
        });
    }

    /**
     * Makes sure the members-only room exists with these members, and that the bot is in it (as owner). Creating it
     * twice is harmless: the room's address is fixed by its order.
     */
    public Uni<Void> openRoom(String localpart, Collection<String> memberLocalparts, boolean open) {
        return run(() -> {
            MultiUserChat room = enter(localpart);
            // One at a time: Prosody acts on the first item of an admin request only.
            for (EntityBareJid member : jids(memberLocalparts)) {
                room.grantMembership(member);
            }
            if (!open) {
                moderation.close(room);
            }
            return null;
        });
    }

    /** Posts into the room (entering it first if needed). */
    public Uni<Void> post(String localpart, String body) {
        return run(() -> {
            enter(localpart).sendMessage(body);
            return null;
        });
    }

    /** Closes the room: kept with its history and members, but nobody but the bot speaks any more. */
    public Uni<Void> close(String localpart) {
        return run(() -> {
            moderation.close(enter(localpart));
            return null;
        });
    }

    /** Adds members to rooms that exist already (an operator's first session). */
    public Uni<Void> grantMembership(String roomLocalpart, String memberLocalpart) {
        return run(() -> {
            enter(roomLocalpart).grantMembership(jid(memberLocalpart));
            return null;
        });
    }

    /** A chat message from the bot to a user's account (the XMPP notification channel). */
    public Uni<Void> sendDirect(String localpart, String body) {
        return run(() -> {
            XMPPTCPConnection c = ensureSignedIn();
            c.sendStanza(c.getStanzaFactory().buildMessageStanza()
                    .to(jid(localpart)).ofType(Message.Type.chat).setBody(body).build());
            return null;
        });
    }

    /** The rooms the bot is in right now (as Smack sees it). */
    public Set<EntityBareJid> joinedRooms() {
        XMPPTCPConnection c = connection.get();
        return c == null ? Set.of() : MultiUserChatManager.getInstanceFor(c).getJoinedRooms();
    }

    private MultiUserChat enter(String localpart) throws Exception {
        XMPPTCPConnection c = ensureSignedIn();
        MultiUserChat room = MultiUserChatManager.getInstanceFor(c).getMultiUserChat(roomJid(localpart));
        if (!room.isJoined()) {
            // The room is persistent: created by the first enter (the bot is an admin, so it may), entered afterwards.
            MultiUserChat.MucCreateConfigFormHandle created = room.createOrJoin(Resourcepart.from(config.botNick()));
            if (created != null) {
                created.getConfigFormManager().makeMembersOnly().submitConfigurationForm();
            }
            moderation.watch(room);
        }
        return room;
    }

    private synchronized XMPPTCPConnection ensureSignedIn() throws Exception {
        XMPPTCPConnection c = connection.get();
        if (c == null) {
            c = newConnection();
            connection.set(c);
        }
        if (c.isAuthenticated()) {
            return c;
        }
        if (everSignedIn) {
            // Lost after a sign-in: a fresh connection, so that no state of the old session (Smack's idea of which
            // rooms it is in) survives; the rooms are entered again from the database (ChatRelay).
            c.disconnect();
            c = newConnection();
            connection.set(c);
            everSignedIn = false;
        }
        try {
            if (!c.isConnected()) {
                c.connect();
            }
            if (!c.isAuthenticated()) {
                c.login();
            }
            everSignedIn = true;
            return c;
        } catch (SmackException.AlreadyConnectedException | SmackException.AlreadyLoggedInException raced) {
            return c;
        } catch (java.io.IOException | SmackException | XMPPException e) {
            if (unreachableLogged.compareAndSet(false, true)) {
                LOG.warnf("XMPP server %s:%d not reachable as %s@%s (%s); retrying", config.host(), config.c2sPort(),
                        config.bot(), config.domain(), e.toString());
            }
            throw new XmppUnavailable(e);
        }
    }

    private XMPPTCPConnection newConnection() throws XmppStringprepException {
        XMPPTCPConnectionConfiguration configuration = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(config.domain())
                .setHost(config.host())
                .setPort(config.c2sPort())
                .setUsernameAndPassword(config.bot(), config.botPassword().orElseThrow())
                .setResource("notification-service-" + Long.toHexString(System.nanoTime()))
                // No TLS on this link (see prosody.cfg.lua); the server offers SCRAM only, so no password crosses it.
                .setSecurityMode(SecurityMode.disabled)
                .setSendPresence(true)
                .build();
        XMPPTCPConnection c = new XMPPTCPConnection(configuration);
        c.setReplyTimeout(config.replyTimeout().toMillis());
        c.setUseStreamManagement(false);
        // Reconnecting is ours (a new connection each time, see ensureSignedIn), and so is re-entering the rooms.
        ReconnectionManager.getInstanceFor(c).disableAutomaticReconnection();
        MultiUserChatManager.getInstanceFor(c).setAutoJoinOnReconnect(false);
        c.addConnectionListener(new ConnectionListener() {
            @Override
            public void authenticated(XMPPConnection connection, boolean resumed) {
                if (unreachableLogged.getAndSet(false)) {
                    LOG.info("XMPP server reachable again");
                }
                LOG.infof("dispatch bot signed in as %s", connection.getUser());
                everSignedIn = true;
                moderation.forgetJoined();
                thread.execute(() -> onSignedIn.run());
            }

            @Override
            public void connectionClosedOnError(Exception e) {
                LOG.warnf("XMPP connection lost (%s); reconnecting every %s", e.toString(), config.relayInterval());
            }
        });
        return c;
    }

    private EntityBareJid roomJid(String localpart) throws XmppStringprepException {
        return JidCreate.entityBareFrom(localpart + "@" + config.roomDomain());
    }

    private EntityBareJid jid(String localpart) throws XmppStringprepException {
        return JidCreate.entityBareFrom(localpart + "@" + config.domain());
    }

    private java.util.List<EntityBareJid> jids(Collection<String> localparts) throws XmppStringprepException {
        java.util.List<EntityBareJid> jids = new java.util.ArrayList<>();
        for (String localpart : localparts) {
            jids.add(jid(localpart));
        }
        return jids;
    }

    private <T> Uni<T> run(BotCall<T> call) {
        if (!config.enabled()) {
            return Uni.createFrom().failure(new XmppUnavailable("XMPP is off (dispatch.xmpp.enabled=false)"));
        }
        return Uni.createFrom().item(() -> {
            try {
                return call.call();
            } catch (XmppUnavailable | XmppRefused e) {
                throw e;
            } catch (SmackException.NotConnectedException | SmackException.NoResponseException e) {
                throw new XmppUnavailable(e);
            } catch (XMPPException.XMPPErrorException e) {
                throw new XmppRefused(e.getStanzaError().getCondition().toString(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new XmppUnavailable(e);
            } catch (Exception e) {
                throw new XmppRefused(e.toString(), e);
            }
        }).runSubscriptionOn(thread);
    }

    @FunctionalInterface
    private interface BotCall<T> {
        T call() throws Exception;
    }

}
