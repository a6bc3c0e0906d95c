-- The customer goes into every delivery event and alert; a binding ends by delivery, cancellation, or a newer
-- dispatch of the same device (end_reason), and only an unended binding is active.
ALTER TABLE order_binding ADD COLUMN customer_id text;
ALTER TABLE order_binding ADD COLUMN ended_at timestamptz;
ALTER TABLE order_binding ADD COLUMN end_reason text CHECK (end_reason IN ('delivered', 'cancelled', 'order-delivered', 'superseded'));
UPDATE order_binding SET ended_at = delivered_at, end_reason = 'delivered' WHERE delivered_at IS NOT NULL;
DROP INDEX order_binding_active_device_idx;
CREATE UNIQUE INDEX order_binding_active_device_idx ON order_binding (device_id) WHERE ended_at IS NULL;

-- MQTT QoS 1 is at least once: a reading the broker redelivers (acknowledgement lost in a crash) is the same
-- (device, device time) and is stored once.
CREATE UNIQUE INDEX telemetry_device_reading_idx ON telemetry (device_id, device_time);
DROP INDEX telemetry_device_time_idx;
