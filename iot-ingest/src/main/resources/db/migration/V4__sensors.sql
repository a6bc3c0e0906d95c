-- CoAP cargo sensors (issue #12). Not MQTT devices: tables of their own. A sensor rides in a courier's cargo box
-- (courier_device_id, a device id that need not be registered yet); its observable configuration is versioned.
CREATE TABLE sensor (
    id                       text             PRIMARY KEY,
    courier_device_id        text,
    report_interval_seconds  integer          NOT NULL CHECK (report_interval_seconds BETWEEN 5 AND 86400),
    max_temperature_c        double precision NOT NULL CHECK (max_temperature_c BETWEEN -40 AND 85),
    max_shock_g              double precision NOT NULL CHECK (max_shock_g BETWEEN 0.1 AND 100),
    config_version           bigint           NOT NULL DEFAULT 1 CHECK (config_version >= 1),
    provisioned_at           timestamptz      NOT NULL DEFAULT now(),
    last_seen_at             timestamptz
);

CREATE INDEX sensor_courier_idx ON sensor (courier_device_id) WHERE courier_device_id IS NOT NULL;

-- The sensor's DTLS pre-shared key, AES-GCM encrypted under dispatch.iot.coap.credential-key (the sensor id is the
-- associated data, so a key cannot be moved to another sensor's row). One key per sensor: a new one replaces it.
-- Revoked: the key material is deleted and revoked_at set; handshakes under that identity fail from then on.
CREATE TABLE sensor_credential (
    sensor_id       text        PRIMARY KEY REFERENCES sensor (id),
    key_ciphertext  bytea,
    key_nonce       bytea,
    issued_at       timestamptz NOT NULL DEFAULT now(),
    revoked_at      timestamptz,
    CHECK ((revoked_at IS NULL) = (key_ciphertext IS NOT NULL AND key_nonce IS NOT NULL))
);

-- Readings, written in batches; a reading is its sensor and its time (one the sensor sends twice is stored once).
-- order_id: the order the sensor's courier was delivering when it arrived. The primary key serves newest-first.
CREATE TABLE sensor_reading (
    sensor_id         text             NOT NULL REFERENCES sensor (id),
    sensor_time       timestamptz      NOT NULL,
    received_at       timestamptz      NOT NULL,
    temperature_c     double precision NOT NULL,
    humidity_percent  double precision NOT NULL,
    shock_g           double precision NOT NULL,
    battery_percent   double precision NOT NULL,
    order_id          uuid,
    PRIMARY KEY (sensor_id, sensor_time)
);

-- Alert episodes, decided and updated in the transaction that stores the readings (the row is locked there), so
-- neither a restart nor a second instance repeats or loses one. temperature_order_id: the order the temperature
-- episode was raised for (a reading for another order starts afresh); newest_decided: readings not newer decide nothing.
CREATE TABLE sensor_alert_state (
    sensor_id             text        PRIMARY KEY REFERENCES sensor (id),
    temperature_alerted   boolean     NOT NULL DEFAULT false,
    temperature_order_id  uuid,
    shock_alerted         boolean     NOT NULL DEFAULT false,
    battery_alerted       boolean     NOT NULL DEFAULT false,
    newest_decided        timestamptz
);
