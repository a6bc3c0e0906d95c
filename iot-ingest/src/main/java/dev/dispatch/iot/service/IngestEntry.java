package dev.dispatch.iot.service;

import java.util.List;

import dev.dispatch.iot.model.Reading;
import dev.dispatch.iot.repository.IngestWriter;
import dev.dispatch.platform.outbox.OutboxEvent;

/**
 * One accepted device message on its way to the database: what it writes (any of presence, a reading, events, a
 * delivery), how to acknowledge it to the broker, and what changes in memory once it is committed.
 */
record IngestEntry(IngestWriter.Presence presence, Reading reading, List<OutboxEvent> events, IngestWriter.Delivery delivery,
        Runnable ack, Runnable afterCommit) {
}
