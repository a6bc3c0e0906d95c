package dev.dispatch.notification.model;

/**
 * One step the bot still has to do on the XMPP server, stored with the event that caused it (the chat outbox):
 * open a room, post into it, close it, or send a direct message.
 *
 * @param target the order id (rooms) or the user id (direct messages)
 */
public record ChatWork(long id, Kind kind, String target, String body, int attempts) {

    public enum Kind { OPEN, POST, CLOSE, DIRECT }
}
