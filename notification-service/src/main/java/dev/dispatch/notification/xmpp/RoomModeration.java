package dev.dispatch.notification.xmpp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.jboss.logging.Logger;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.muc.MUCRole;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.Occupant;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;

/**
 * Makes a closed room read-only. Prosody keeps members' voice in every room (a moderated room silences only
 * non-members), and members must stay members to read the room's history and archive. So the bot, the room's owner,
 * makes it moderated and takes the voice of every occupant but itself - at closing, and again whenever someone
 * enters a closed room (a role is per visit). Known gap: between entering and the bot's revoke (milliseconds) a
 * message could still get through; a server module would close that.
 */
final class RoomModeration {

    private static final Logger LOG = Logger.getLogger(RoomModeration.class);

    private final Executor botThread;
    private final Set<EntityBareJid> closed = ConcurrentHashMap.newKeySet();
    private final Set<EntityBareJid> watched = ConcurrentHashMap.newKeySet();

    RoomModeration(Executor botThread) {
        this.botThread = botThread;
    }

    /** Watches who enters the room (once per room and sign-in). */
    void watch(MultiUserChat room) {
        if (watched.add(room.getRoom())) {
            room.addParticipantListener(presence -> {
                if (presence.getType() == Presence.Type.available && closed.contains(room.getRoom())) {
                    // Listeners must not block Smack's reader: the revoke (an IQ round trip) runs on the bot thread.
                    botThread.execute(() -> silence(room, presence.getFrom().asEntityFullJidIfPossible()));
                }
            });
        }
    }

    void close(MultiUserChat room) throws Exception {
        closed.add(room.getRoom());
        FillableForm form = room.getConfigurationForm().getFillableForm();
        form.setAnswer("muc#roomconfig_moderatedroom", true);
        room.sendConfigurationForm(form);
        for (EntityFullJid occupant : room.getOccupants()) {
            silence(room, occupant);
        }
    }

    /** After a new sign-in Smack forgets its listeners' rooms: watch again on the next enter. */
    void forgetJoined() {
        watched.clear();
    }

    private void silence(MultiUserChat room, EntityFullJid occupantJid) {
        if (occupantJid == null || occupantJid.getResourceOrEmpty().equals(room.getNickname())) {
            return;
        }
        Occupant occupant = room.getOccupant(occupantJid);
        if (occupant == null || occupant.getRole() != MUCRole.participant) {
            return;
        }
        try {
            room.revokeVoice(occupantJid.getResourcepart());
        } catch (Exception e) {
            LOG.warnf("could not take the voice of %s in closed room %s: %s", occupantJid, room.getRoom(), e.toString());
        } catch (Throwable t) {
            LOG.warnf("could not take the voice of %s in closed room %s: %s", occupantJid, room.getRoom(), t.toString());
        }
    }
}
