-- One payment per order, ever: the unique order_id makes a double charge impossible,
-- even when two Authorize calls for the same order race each other.
CREATE TABLE payment (
    id              uuid PRIMARY KEY,
    order_id        text        NOT NULL UNIQUE,
    customer_id     text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('AUTHORIZED', 'DECLINED', 'PARTIALLY_REFUNDED', 'REFUNDED')),
    amount_minor    bigint      NOT NULL CHECK (amount_minor >= 0),
    refunded_minor  bigint      NOT NULL DEFAULT 0,
    currency        char(3)     NOT NULL,
    decline_reason  text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT refund_within_amount CHECK (refunded_minor >= 0 AND refunded_minor <= amount_minor)
);

-- The caller's refund id is the key: the same refund asked twice is stored once.
CREATE TABLE refund (
    id            text        PRIMARY KEY,
    payment_id    uuid        NOT NULL REFERENCES payment (id),
    amount_minor  bigint      NOT NULL CHECK (amount_minor > 0),
    reason        text,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX refund_payment_idx ON refund (payment_id);
