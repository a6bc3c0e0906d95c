package dev.dispatch.notification.model;

/** One side of a call: a user id with the role it acts in (a courier's id is its device id). */
public record Party(String id, PartyRole role) {
}
