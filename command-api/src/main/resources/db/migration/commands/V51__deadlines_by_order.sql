-- Order lookups of deadlines select by order_id alone (DeadlineClaims): a full index serves them whatever the
-- statistics say, where the partial one lost to payment_deadlines_due on stale statistics (issue 21).
CREATE INDEX payment_deadlines_by_order ON commands.payment_deadlines (order_id);
DROP INDEX commands.payment_deadlines_order;
