-- Every event taken in, by its CloudEvents identity (source + id): a redelivered or re-sent event is
-- recognised here and never shown twice. Kept longer than the history (dispatch.notification.dedupe-retention).
CREATE TABLE processed_event (
    source      text        NOT NULL,
    event_id    text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source, event_id)
);
CREATE INDEX processed_event_received_at ON processed_event (received_at);

-- Whose order it is, learnt from any event that says so, so that a later event naming only the order
-- (delivery progress from iot-ingest) still reaches its customer.
CREATE TABLE order_owner (
    order_id    text PRIMARY KEY,
    customer_id text NOT NULL
);

-- The bounded history: one row per event. seq numbers every notification of the system; it is drawn under
-- an advisory lock, so seq order is commit order and a reader of "seq > n" never skips a row that commits
-- later. It is the SSE event id and the WebSocket notification id, the same on every replica.
CREATE SEQUENCE notification_seq;
CREATE TABLE notification (
    seq            bigint      PRIMARY KEY,
    event_id       text        NOT NULL,
    source         text        NOT NULL,
    type           text        NOT NULL,
    order_id       text,
    customer_id    text,
    -- device alerts: operators only, even when a customer is known
    operators_only boolean     NOT NULL,
    time           timestamptz NOT NULL,
    text           text        NOT NULL,
    data           json,  -- as published (json keeps its text; nothing queries inside it)
    stored_at      timestamptz NOT NULL DEFAULT now()
);
-- A customer's history (and the pruning per customer); rows without a customer are one more partition.
CREATE INDEX notification_customer_seq ON notification (customer_id, seq);

-- WebSocket notifications sent to a user and not acknowledged yet: sent again when the user reconnects,
-- on whichever replica. Bounded by the history (cascade) and per user by housekeeping.
CREATE TABLE ws_unacked (
    user_id text        NOT NULL,
    seq     bigint      NOT NULL REFERENCES notification (seq) ON DELETE CASCADE,
    sent_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, seq)
);
CREATE INDEX ws_unacked_seq ON ws_unacked (seq);

-- Which event types a user wants on which channel; only what differs from "everything on".
CREATE TABLE preference (
    user_id    text        PRIMARY KEY,
    settings   jsonb       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
