-- Who each dispatched order is between, from its dispatched event, whether or not XMPP is on (chat_room is written
-- only when it is): who may call whom. Closed once the order was delivered or cancelled: no more calls.
CREATE TABLE order_party (
    order_id          text        PRIMARY KEY,
    customer_id       text,
    courier_device_id text,
    dispatched_at     timestamptz,
    closed_at         timestamptz
);
-- The open orders of one customer or one courier (GET /api/calls/orders).
CREATE INDEX order_party_customer ON order_party (customer_id, dispatched_at DESC) WHERE closed_at IS NULL;
CREATE INDEX order_party_courier ON order_party (courier_device_id, dispatched_at DESC) WHERE closed_at IS NULL;
-- Orders dispatched while XMPP was on, before this table existed.
INSERT INTO order_party (order_id, customer_id, courier_device_id, dispatched_at, closed_at)
SELECT order_id, customer_id, courier_device_id, opened_at, closed_at FROM chat_room;

-- Every call: who called whom about which order, on which connection each side is, and how it went. The state is
-- here, not in one replica's memory, so the two peers may be connected to different replicas.
CREATE TABLE call (
    call_id           uuid        PRIMARY KEY,
    order_id          text        NOT NULL,
    caller_id         text        NOT NULL,
    caller_role       text        NOT NULL CHECK (caller_role IN ('CUSTOMER', 'COURIER', 'OPERATOR')),
    caller_connection text        NOT NULL,
    callee_id         text        NOT NULL,
    callee_role       text        NOT NULL CHECK (callee_role IN ('CUSTOMER', 'COURIER', 'OPERATOR')),
    callee_connection text,       -- the connection that answered; null while ringing on all of the callee's
    media             text        NOT NULL CHECK (media IN ('AUDIO', 'VIDEO')),
    state             text        NOT NULL CHECK (state IN ('RINGING', 'ACTIVE', 'ENDED')),
    created_at        timestamptz NOT NULL DEFAULT now(),
    answered_at       timestamptz,
    ended_at          timestamptz,
    end_reason        text        CHECK (end_reason IN ('HANGUP', 'BUSY', 'TIMEOUT', 'DISCONNECTED'))
);
CREATE INDEX call_order ON call (order_id, created_at);
CREATE INDEX call_ringing ON call (created_at) WHERE state = 'RINGING';
CREATE INDEX call_open_caller ON call (caller_connection) WHERE state <> 'ENDED';
CREATE INDEX call_open_callee ON call (callee_id, callee_role) WHERE state <> 'ENDED';

-- Signalling messages on their way to a party (every connection of it, one connection, or all but one): inserted
-- under an advisory lock, so id order is commit order, and NOTIFYed; every replica reads the rows after its cursor and
-- hands them to its own connections, so a call's messages arrive in the order they were sent. Deleted after minutes.
CREATE TABLE call_signal (
    id                bigserial   PRIMARY KEY,
    call_id           uuid        NOT NULL,
    to_id             text        NOT NULL,
    to_role           text        NOT NULL,
    to_connection     text,
    except_connection text,
    body              text        NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX call_signal_created ON call_signal (created_at);
