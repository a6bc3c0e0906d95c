CREATE TABLE device (
    id              text        PRIMARY KEY,
    status          text        NOT NULL CHECK (status IN ('ONLINE', 'OFFLINE')),
    registered_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at    timestamptz
);

-- Written in batches by the ingest pipeline, read newest first per device.
CREATE TABLE telemetry (
    id                   bigserial        PRIMARY KEY,
    device_id            text             NOT NULL REFERENCES device (id),
    device_time          timestamptz      NOT NULL,
    received_at          timestamptz      NOT NULL DEFAULT now(),
    latitude             double precision NOT NULL,
    longitude            double precision NOT NULL,
    cargo_temperature_c  double precision NOT NULL,
    battery_percent      double precision NOT NULL
);

CREATE INDEX telemetry_device_time_idx ON telemetry (device_id, device_time DESC);

-- Which device delivers which order, and where to; made from the order's dispatched event.
CREATE TABLE order_binding (
    order_id                 uuid             PRIMARY KEY,
    device_id                text             NOT NULL,
    destination_latitude     double precision NOT NULL,
    destination_longitude    double precision NOT NULL,
    max_cargo_temperature_c  double precision,
    bound_at                 timestamptz      NOT NULL DEFAULT now(),
    delivered_at             timestamptz
);

CREATE UNIQUE INDEX order_binding_active_device_idx ON order_binding (device_id) WHERE delivered_at IS NULL;

-- Delivery events and device alerts, published by the relay after commit (same pattern as order-service).
CREATE TABLE outbox_event (
    seq           bigserial   PRIMARY KEY,
    id            uuid        NOT NULL UNIQUE,
    address       text        NOT NULL,
    aggregate_id  text        NOT NULL,
    type          text        NOT NULL,
    payload       jsonb       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    published_at  timestamptz
);

CREATE INDEX outbox_event_pending_idx ON outbox_event (seq) WHERE published_at IS NULL;

CREATE TABLE processed_event (
    event_id      text        PRIMARY KEY,
    processed_at  timestamptz NOT NULL DEFAULT now()
);
