package dev.dispatch.notification.xmpp;

import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.AdHocCommandNote;
import org.jivesoftware.smackx.commands.RemoteCommand;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The server administration the bot does over XMPP itself (XEP-0133 Service Administration, Prosody's
 * mod_admin_adhoc): so it works wherever the bot reaches the server, also in Kubernetes, without a shell on it.
 */
final class AdminCommands {

    private static final String ADD_USER = "http://jabber.org/protocol/admin#add-user";
    private static final String CHANGE_PASSWORD = "http://jabber.org/protocol/admin#change-user-password";

    private final XMPPConnection connection;
    private final String domain;

    AdminCommands(XMPPConnection connection, String domain) {
        this.connection = connection;
        this.domain = domain;
    }

    /** Gives the account this password, creating the account if there is none. */
    void setPassword(String localpart, String password) throws Exception {
        String jid = localpart + "@" + domain;
        String changeError = run(CHANGE_PASSWORD, form -> {
            form.setAnswer("accountjid", jid);
            form.setAnswer("password", password);
        });
        if (changeError == null) {
            return;
        }
        String addError = run(ADD_USER, form -> {
            form.setAnswer("accountjid", jid);
            form.setAnswer("password", password);
            form.setAnswer("password-verify", password);
        });
        if (addError != null) {
            throw new XmppRefused("account " + jid + ": " + addError + " / " + changeError, null);
        }
    }

    /** Runs a command with one form; the server's error note, or null on success. */
    private String run(String node, FormFiller filler) throws Exception {
        RemoteCommand command = AdHocCommandManager.getAddHocCommandsManager(connection)
                .getRemoteCommand(JidCreate.domainBareFrom(domain), node);
        command.execute();
        FillableForm form = new FillableForm(command.getForm());
        filler.fill(form);
        command.complete(form);
        for (AdHocCommandNote note : command.getNotes()) {
            if (note.getType() == AdHocCommandNote.Type.error) {
                return note.getValue();
            }
        }
        return null;
    }

    @FunctionalInterface
    private interface FormFiller {
        void fill(FillableForm form) throws Exception;
    }
}
