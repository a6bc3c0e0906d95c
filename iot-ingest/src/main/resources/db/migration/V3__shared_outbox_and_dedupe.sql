-- The shared outbox (platform's OutboxStore) writes aggregate_version; iot-ingest's events have none (null).
ALTER TABLE outbox_event ADD COLUMN IF NOT EXISTS aggregate_version bigint;

-- processed_event as platform's ProcessedEvents keeps it: an event is its source and id together (CloudEvents ids
-- are unique per source). Order events came from order-service; a device's delivered event is scoped by its device
-- ('device-event:{deviceId}:{eventId}', the event id a UUID), which becomes the source '/devices/{deviceId}'.
ALTER TABLE processed_event ADD COLUMN source text;
UPDATE processed_event SET source = '/order-service', event_id = substr(event_id, length('order-event:') + 1)
    WHERE event_id LIKE 'order-event:%';
UPDATE processed_event SET source = '/devices/' || substr(event_id, length('device-event:') + 1, length(event_id) - length('device-event:') - 37),
                           event_id = right(event_id, 36)
    WHERE event_id LIKE 'device-event:%';
UPDATE processed_event SET source = '' WHERE source IS NULL;
ALTER TABLE processed_event ALTER COLUMN source SET NOT NULL;
ALTER TABLE processed_event DROP CONSTRAINT processed_event_pkey;
ALTER TABLE processed_event ADD PRIMARY KEY (source, event_id);
ALTER TABLE processed_event RENAME COLUMN processed_at TO received_at;
