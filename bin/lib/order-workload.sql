-- bin/bench db-baseline: an order's writes as the database sees them, without the services (pgbench -M prepared,
-- one script run = one order): order-service's placement (the order with its items and the placed event, NOTIFY),
-- payment-service's authorization, order-service's "paid" (status, the paid event, NOTIFY); 3 commits. The
-- NOTIFYs only when pgbench is given -D notify=1 (bin/bench passes it unless --without-notify).
\set customer random(1, 1000)
\set amount random(500, 20000)
BEGIN;
INSERT INTO bench_order (id, customer_id, idempotency_key, status, currency, total_minor)
  VALUES (gen_random_uuid(), 'bench-' || :customer::text, md5(random()::text), 'AWAITING_PAYMENT', 'EUR', :amount)
  RETURNING id AS order_id \gset
INSERT INTO bench_order_item (order_id, line_no, sku, name, quantity, unit_price_minor)
  VALUES (:order_id, 0, 'SKU-COFFEE', 'Coffee beans', 2, :amount), (:order_id, 1, 'SKU-FILTER', 'Filters', 1, 0);
INSERT INTO bench_outbox (aggregate_id, type, payload)
  VALUES (:order_id, 'dispatch.order.placed', jsonb_build_object('orderId', :order_id::text, 'totalMinor', :amount::bigint, 'status', 'AWAITING_PAYMENT'));
\if :notify
SELECT pg_notify('bench_orders', :order_id::text);
\endif
COMMIT;
BEGIN;
INSERT INTO bench_payment (id, order_id, status, amount_minor, currency) VALUES (gen_random_uuid(), :order_id, 'AUTHORIZED', :amount, 'EUR');
COMMIT;
BEGIN;
UPDATE bench_order SET status = 'PAID', payment_status = 'AUTHORIZED', updated_at = now() WHERE id = :order_id;
INSERT INTO bench_outbox (aggregate_id, type, payload)
  VALUES (:order_id, 'dispatch.order.paid', jsonb_build_object('orderId', :order_id::text, 'totalMinor', :amount::bigint, 'status', 'PAID'));
\if :notify
SELECT pg_notify('bench_orders', :order_id::text);
\endif
COMMIT;
