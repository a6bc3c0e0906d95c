-- bin/bench db-baseline's tables, made afresh in the database dispatch_bench (never one of the services' databases).
DROP TABLE IF EXISTS bench_order_item, bench_outbox, bench_payment, bench_order;
CREATE TABLE bench_order (
  id uuid PRIMARY KEY, customer_id text NOT NULL, idempotency_key text NOT NULL, status text NOT NULL,
  currency text NOT NULL, total_minor bigint NOT NULL, payment_status text, created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(), UNIQUE (customer_id, idempotency_key));
CREATE TABLE bench_order_item (
  order_id uuid NOT NULL REFERENCES bench_order (id), line_no int NOT NULL, sku text NOT NULL, name text NOT NULL,
  quantity int NOT NULL, unit_price_minor bigint NOT NULL, PRIMARY KEY (order_id, line_no));
CREATE TABLE bench_outbox (
  seq bigserial PRIMARY KEY, aggregate_id uuid NOT NULL, type text NOT NULL, payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(), published_at timestamptz);
CREATE INDEX ON bench_outbox (seq) WHERE published_at IS NULL;
CREATE TABLE bench_payment (
  id uuid PRIMARY KEY, order_id uuid NOT NULL UNIQUE, status text NOT NULL, amount_minor bigint NOT NULL, currency text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now());
