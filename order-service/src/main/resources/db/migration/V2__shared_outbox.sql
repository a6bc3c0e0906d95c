-- The outbox and the processed events take the shape of the shared platform module (dev.dispatch.platform), whose
-- relay and dedupe serve every service: each event names its AMQP address, and aggregate ids are text.
ALTER TABLE outbox_event ADD COLUMN address text NOT NULL DEFAULT 'order-events';
-- The unique (aggregate_id, aggregate_version) constraint is rebuilt on the new type and still holds.
ALTER TABLE outbox_event ALTER COLUMN aggregate_id TYPE text USING aggregate_id::text;

-- A consumed event is known by its CloudEvents source and id together (ids are unique per source only).
-- Every event taken in so far came from iot-ingest, the only producer on delivery-events.
ALTER TABLE processed_event RENAME COLUMN processed_at TO received_at;
ALTER TABLE processed_event ADD COLUMN source text NOT NULL DEFAULT '/iot-ingest';
ALTER TABLE processed_event ALTER COLUMN source DROP DEFAULT;
ALTER TABLE processed_event DROP CONSTRAINT processed_event_pkey;
ALTER TABLE processed_event ADD PRIMARY KEY (source, event_id);
