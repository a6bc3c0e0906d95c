-- Until when an authorization of this order may be in flight (PlaceOrder's own call, or a retry by any replica): no other
-- is started before, so an order is never asked for twice at the same time. Null: none was ever started.
ALTER TABLE customer_order ADD COLUMN payment_attempt_until timestamptz;
