-- The place of each notification in its customer's history (1, 2, 3, ...; the events without a customer count as one
-- more customer), drawn under the store lock like seq. Only the oldest ones are ever deleted, so a customer's history
-- holds exactly newest - oldest + 1 rows: trimming it to history-size reads those two rows and the ones it deletes,
-- not the whole history (an OFFSET over history-size rows on every notification stored).
-- Nullable: replicas of the version before, still running during a rolling update, insert rows without it; the next
-- notification of that customer stored by this version numbers the customer's history again.
ALTER TABLE notification ADD COLUMN customer_ordinal bigint;
UPDATE notification n SET customer_ordinal = r.ordinal
FROM (SELECT seq, row_number() OVER (PARTITION BY customer_id ORDER BY seq) AS ordinal FROM notification) r
WHERE n.seq = r.seq;
