-- "order" is a reserved word; the table is customer_order.
CREATE TABLE customer_order (
    id                       uuid PRIMARY KEY,
    customer_id              text        NOT NULL,
    status                   text        NOT NULL CHECK (status IN ('AWAITING_PAYMENT', 'PAID', 'PAYMENT_DECLINED',
                                                                    'PAYMENT_FAILED', 'DISPATCHED', 'DELIVERED', 'CANCELLED')),
    status_reason            text,
    currency                 char(3)     NOT NULL,
    total_minor              bigint      NOT NULL CHECK (total_minor > 0),
    street                   text        NOT NULL,
    city                     text        NOT NULL,
    postal_code              text        NOT NULL,
    country                  char(2)     NOT NULL,
    latitude                 double precision NOT NULL,
    longitude                double precision NOT NULL,
    max_cargo_temperature_c  double precision,
    payment_token            text        NOT NULL,
    payment_id               text,
    -- REFUNDING: a cancellation has started its refund (the order stays PAID and cannot be dispatched);
    -- NONE: the order ended before any payment was taken, and payment-service confirmed there is none.
    payment_status           text        NOT NULL DEFAULT 'PENDING' CHECK (payment_status IN ('PENDING', 'AUTHORIZED',
                                                     'DECLINED', 'FAILED', 'REFUNDING', 'REFUNDED', 'NONE')),
    payment_reason           text,
    cancel_reason            text,
    device_id                text,
    -- The same key from the same customer is the same order; request_hash tells a replay from a misuse.
    idempotency_key          text,
    request_hash             text        NOT NULL,
    version                  bigint      NOT NULL DEFAULT 1,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT order_idempotency UNIQUE (customer_id, idempotency_key)
);

-- ListOrders pages over (created_at, id), newest first, for one customer or for everyone.
CREATE INDEX customer_order_customer_idx ON customer_order (customer_id, created_at DESC, id DESC);
CREATE INDEX customer_order_created_idx ON customer_order (created_at DESC, id DESC);
CREATE INDEX customer_order_status_idx ON customer_order (status, created_at DESC, id DESC);
-- What the payment scheduler looks at: orders awaiting payment, and ended orders whose payment is unsettled.
CREATE INDEX customer_order_payment_work_idx ON customer_order (updated_at)
    WHERE status = 'AWAITING_PAYMENT' OR payment_status IN ('PENDING', 'REFUNDING');

CREATE TABLE order_item (
    order_id          uuid    NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
    line_no           int     NOT NULL,
    sku               text    NOT NULL,
    name              text    NOT NULL,
    quantity          int     NOT NULL CHECK (quantity > 0),
    unit_price_minor  bigint  NOT NULL CHECK (unit_price_minor >= 0),
    PRIMARY KEY (order_id, line_no)
);

-- The transactional outbox: written in the same transaction as the state change it announces,
-- published by the relay in seq order, marked only after the broker accepted it.
-- payload is the whole CloudEvent (structured mode), exactly what goes on the wire.
CREATE TABLE outbox_event (
    seq                bigserial   PRIMARY KEY,
    id                 uuid        NOT NULL UNIQUE,
    aggregate_id       uuid        NOT NULL,
    aggregate_version  bigint      NOT NULL,
    type               text        NOT NULL,
    payload            jsonb       NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    published_at       timestamptz,
    -- One event per state change: a second event for the same order version cannot be written.
    CONSTRAINT outbox_event_one_per_version UNIQUE (aggregate_id, aggregate_version)
);

CREATE INDEX outbox_event_pending_idx ON outbox_event (seq) WHERE published_at IS NULL;

-- Events consumed from other services, by CloudEvent id, so a redelivery is applied once.
CREATE TABLE processed_event (
    event_id      text        PRIMARY KEY,
    processed_at  timestamptz NOT NULL DEFAULT now()
);
