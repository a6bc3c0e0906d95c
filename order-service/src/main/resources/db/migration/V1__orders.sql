-- "order" is a reserved word; the table is customer_order.
CREATE TABLE customer_order (
    id                       uuid PRIMARY KEY,
    customer_id              text        NOT NULL,
    status                   text        NOT NULL CHECK (status IN ('AWAITING_PAYMENT', 'PAID', 'PAYMENT_DECLINED',
                                                                    'PAYMENT_FAILED', 'DISPATCHED', 'DELIVERED', 'CANCELLED')),
    status_reason            text,
    currency                 char(3)     NOT NULL,
    total_minor              bigint      NOT NULL CHECK (total_minor >= 0),
    street                   text        NOT NULL,
    city                     text        NOT NULL,
    postal_code              text        NOT NULL,
    country                  char(2)     NOT NULL,
    latitude                 double precision NOT NULL,
    longitude                double precision NOT NULL,
    max_cargo_temperature_c  double precision,
    payment_token            text        NOT NULL,
    payment_id               text,
    payment_status           text        NOT NULL DEFAULT 'PENDING',
    payment_reason           text,
    device_id                text,
    -- The same key from the same customer is the same order; request_hash tells a replay from a misuse.
    idempotency_key          text,
    request_hash             text,
    version                  bigint      NOT NULL DEFAULT 1,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT order_idempotency UNIQUE (customer_id, idempotency_key)
);

CREATE INDEX customer_order_customer_idx ON customer_order (customer_id, created_at DESC, id DESC);
CREATE INDEX customer_order_status_idx ON customer_order (status, created_at DESC, id DESC);
CREATE INDEX customer_order_awaiting_payment_idx ON customer_order (created_at) WHERE status = 'AWAITING_PAYMENT';

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
CREATE TABLE outbox_event (
    seq           bigserial   PRIMARY KEY,
    id            uuid        NOT NULL UNIQUE,
    aggregate_id  uuid        NOT NULL,
    type          text        NOT NULL,
    payload       jsonb       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    published_at  timestamptz
);

CREATE INDEX outbox_event_pending_idx ON outbox_event (seq) WHERE published_at IS NULL;

-- Events consumed from other services, by CloudEvent id, so a redelivery is applied once.
CREATE TABLE processed_event (
    event_id      text        PRIMARY KEY,
    processed_at  timestamptz NOT NULL DEFAULT now()
);
