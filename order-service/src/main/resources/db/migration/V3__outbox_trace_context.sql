-- The trace context (W3C traceparent and tracestate) of the span an event was written in, so that the relay's publish
-- span continues the trace of the request that caused the event. Null for events written outside any span, and older ones.
ALTER TABLE outbox_event ADD COLUMN traceparent text;
ALTER TABLE outbox_event ADD COLUMN tracestate text;
