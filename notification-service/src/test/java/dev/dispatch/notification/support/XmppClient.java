package dev.dispatch.notification.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.MucEnterConfiguration;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

import dev.dispatch.testsupport.xmpp.TestProsody;

/** A plain XMPP client (Smack, nothing of the service), as a customer's or courier's app would be. */
public final class XmppClient implements AutoCloseable {

    public final XMPPTCPConnection connection;
    /** Every message stanza this client received (chat, groupchat, errors). */
    public final List<Message> received = new CopyOnWriteArrayList<>();
    /** Every presence stanza this client received, from the moment it signed in (probe answers included). */
    public final List<Presence> presences = new CopyOnWriteArrayList<>();

    private XmppClient(XMPPTCPConnection connection) {
        this.connection = connection;
        connection.addAsyncStanzaListener(stanza -> received.add((Message) stanza), stanza -> stanza instanceof Message);
        connection.addSyncStanzaListener(stanza -> presences.add((Presence) stanza), stanza -> stanza instanceof Presence);
    }

    /** Signs in (SCRAM, no TLS, as the server offers); fails with SASLErrorException on a wrong password. */
    public static XmppClient signIn(TestProsody prosody, String jid, String password) throws Exception {
        String localpart = jid.substring(0, jid.indexOf('@'));
        XMPPTCPConnection c = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(prosody.domain())
                .setHost(prosody.host())
                .setPort(prosody.c2sPort())
                .setUsernameAndPassword(localpart, password)
                .setSecurityMode(SecurityMode.disabled)
                .setResource("test")
                .build());
        c.setReplyTimeout(5000);
        XmppClient client = new XmppClient(c); // listening before signing in: answers to the login's probes come at once
        c.connect();
        try {
            c.login();
        } catch (Exception e) {
            c.disconnect();
            throw e;
        }
        return client;
    }

    /** Enters an order room with a nickname, asking for its recent history. */
    public MultiUserChat enter(String roomJid, String nick) throws Exception {
        MultiUserChat room = MultiUserChatManager.getInstanceFor(connection).getMultiUserChat(JidCreate.entityBareFrom(roomJid));
        MucEnterConfiguration enter = room.getEnterConfigurationBuilder(Resourcepart.from(nick)).requestMaxStanzasHistory(50).build();
        room.join(enter);
        return room;
    }

    /** The presence stanzas received from one bare JID, oldest first. */
    public List<Presence> presencesFrom(String bareJid) {
        return presences.stream().filter(p -> p.getFrom() != null && p.getFrom().asBareJid().toString().equals(bareJid)).toList();
    }

    public List<String> bodiesFrom(String roomJid) {
        return received.stream()
                .filter(m -> m.getType() == Message.Type.groupchat && m.getFrom().asBareJid().toString().equals(roomJid))
                .map(Message::getBody).filter(b -> b != null).toList();
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
