-- The head of a delivery lane (a subscription's pending alerts of one channel) is found by one
-- index seek: status first, so delivered rows are never walked past.
CREATE INDEX alert_outbox_pending_lane ON alert_outbox (status, subscription_id, channel, id);
