-- The chat room of each dispatched order (order-<order_id> on the XMPP server). One row per order: a redelivered
-- or re-sent dispatched event finds it and opens no second room.
CREATE TABLE chat_room (
    order_id          text        PRIMARY KEY,
    customer_id       text        NOT NULL,
    courier_device_id text        NOT NULL,
    open              boolean     NOT NULL DEFAULT true,
    opened_at         timestamptz NOT NULL DEFAULT now(),
    closed_at         timestamptz
);
CREATE INDEX chat_room_customer ON chat_room (customer_id, opened_at DESC);
CREATE INDEX chat_room_courier ON chat_room (courier_device_id, opened_at DESC);

-- What the bot still has to do on the XMPP server, written in the transaction that stored the event (an outbox):
-- done in id order by one replica at a time, deleted when done, kept while the server is away.
CREATE TABLE chat_work (
    id         bigserial   PRIMARY KEY,
    kind       text        NOT NULL CHECK (kind IN ('OPEN', 'POST', 'CLOSE', 'DIRECT')),
    target     text        NOT NULL,
    body       text,
    attempts   int         NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now()
);
-- The one row a replica locks (FOR UPDATE SKIP LOCKED) to work the outbox; the others skip a round.
CREATE TABLE chat_work_lock (id int PRIMARY KEY);
INSERT INTO chat_work_lock VALUES (1);

-- The XMPP accounts this service made. No password is stored: only until when the last one handed out works
-- (rekey_at), after which the account gets a random one nobody knows.
CREATE TABLE chat_account (
    user_id    text        PRIMARY KEY,
    role       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    rekey_at   timestamptz
);
CREATE INDEX chat_account_rekey ON chat_account (rekey_at) WHERE rekey_at IS NOT NULL;
