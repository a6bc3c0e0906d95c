-- Scale out (issue #19): any number of iot-ingest replicas share the device subscription, so what decides a device's
-- events lives here, not in one instance's memory. Each ingest batch locks its devices' rows (in id order) and
-- reads, decides and writes these columns in its own transaction; a binding change locks the device row too.
--   newest_decided: readings not newer (by device time) decide nothing (redeliveries, out of order);
--   progress_order_id, last_progress_at: the progress throttle, per order;
--   temperature_above, temperature_alerted, battery_alerted, offline_alerted: the alert episodes;
--   announced_presence, announced_order_id: the courier presence last written to the outbox (null: none yet).
ALTER TABLE device
    ADD COLUMN newest_decided       timestamptz,
    ADD COLUMN progress_order_id    uuid,
    ADD COLUMN last_progress_at     timestamptz,
    ADD COLUMN temperature_above    integer NOT NULL DEFAULT 0,
    ADD COLUMN temperature_alerted  boolean NOT NULL DEFAULT false,
    ADD COLUMN battery_alerted      boolean NOT NULL DEFAULT false,
    ADD COLUMN offline_alerted      boolean NOT NULL DEFAULT false,
    ADD COLUMN announced_presence   text CHECK (announced_presence IN ('AVAILABLE', 'AWAY', 'OFFLINE')),
    ADD COLUMN announced_order_id   uuid;

-- What one instance used to take at start-up: the stored presence counts as announced, an offline device as alerted,
-- the newest stored reading as decided.
UPDATE device d SET
    offline_alerted = (d.status = 'OFFLINE'),
    newest_decided = (SELECT max(t.device_time) FROM telemetry t WHERE t.device_id = d.id),
    announced_presence = CASE
        WHEN d.status = 'OFFLINE' THEN 'OFFLINE'
        WHEN EXISTS (SELECT 1 FROM order_binding b WHERE b.device_id = d.id AND b.ended_at IS NULL) THEN 'AWAY'
        ELSE 'AVAILABLE' END,
    announced_order_id = CASE WHEN d.status = 'ONLINE'
        THEN (SELECT b.order_id FROM order_binding b WHERE b.device_id = d.id AND b.ended_at IS NULL) END;
