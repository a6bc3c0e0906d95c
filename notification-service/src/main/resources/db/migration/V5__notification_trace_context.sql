-- The trace context (W3C traceparent and tracestate) of the consumer span a notification was stored in, so that each
-- push of it to a WebSocket or SSE connection, on whichever replica, is a span of the trace of the event that caused it.
-- Null for notifications stored outside any span (tracing off) and older ones.
ALTER TABLE notification ADD COLUMN traceparent text;
ALTER TABLE notification ADD COLUMN tracestate text;
