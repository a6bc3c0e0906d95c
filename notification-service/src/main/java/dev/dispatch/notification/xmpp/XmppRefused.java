package dev.dispatch.notification.xmpp;

/** The XMPP server answered with an error (e.g. forbidden, conflict): trying again the same way will not help. */
public class XmppRefused extends RuntimeException {

    public XmppRefused(String condition, Throwable cause) {
        super(condition, cause);
    }
}
