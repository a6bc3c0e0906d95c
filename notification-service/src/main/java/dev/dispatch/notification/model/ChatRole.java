package dev.dispatch.notification.model;

/** Who opens a chat session: a customer sees their orders' rooms, a courier (user id = device id) theirs, an operator all. */
public enum ChatRole {
    CUSTOMER, COURIER, OPERATOR
}
