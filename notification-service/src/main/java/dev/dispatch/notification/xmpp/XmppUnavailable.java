package dev.dispatch.notification.xmpp;

/** The XMPP server cannot be reached (or XMPP is off): try again later. */
public class XmppUnavailable extends RuntimeException {

    public XmppUnavailable(String message) {
        super(message);
    }

    public XmppUnavailable(Throwable cause) {
        super(cause.toString(), cause);
    }
}
