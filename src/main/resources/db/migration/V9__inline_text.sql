-- Large text kept in the row, and an alert's content apart from its delivery state (issue #10).
--
-- TEXT is a CLOB in H2: stored apart from the row, and copied whole whenever the row is updated.
-- Marking one alert delivered rewrote its 7 KB of content (0.7 ms an alert, 10 times the cost of
-- the update itself), and every article row carried its classification the same way. CHARACTER
-- VARYING without a length is unbounded in H2 (up to 10^9 characters) and in PostgreSQL alike.

CREATE TABLE alert_content (
    message_id  VARCHAR(64)        NOT NULL PRIMARY KEY,
    content     CHARACTER VARYING  NOT NULL   -- the alert as JSON (AlertContent), written once
);
INSERT INTO alert_content (message_id, content) SELECT message_id, content FROM alert_outbox;
ALTER TABLE alert_outbox DROP COLUMN content;

ALTER TABLE article ALTER COLUMN classification SET DATA TYPE CHARACTER VARYING;
