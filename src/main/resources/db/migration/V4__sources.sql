-- Sources (feeds and list pages polled on a schedule): what dipwatch knows about each one across
-- restarts. Written for H2 and PostgreSQL alike.

-- One row per source, by its name (the templatedRoute's "name" parameter). The validators are
-- sent with the next request (conditional GET); next_attempt_at holds a source that failed back
-- until its backoff ends; alert_state remembers which health episode subscribers were told of.
CREATE TABLE source_state (
    name                  VARCHAR(100)  NOT NULL PRIMARY KEY,
    kind                  VARCHAR(16)   NOT NULL,   -- feed, page
    url                   VARCHAR(4000) NOT NULL,
    etag                  VARCHAR(1000),
    last_modified         VARCHAR(200),
    last_poll_at          TIMESTAMP WITH TIME ZONE,
    last_success_at       TIMESTAMP WITH TIME ZONE,
    last_error            VARCHAR(4000),
    last_error_at         TIMESTAMP WITH TIME ZONE,
    consecutive_failures  INT           DEFAULT 0 NOT NULL,
    next_attempt_at       TIMESTAMP WITH TIME ZONE,
    items_seen            BIGINT        DEFAULT 0 NOT NULL,
    last_new_item_at      TIMESTAMP WITH TIME ZONE,
    alert_state           VARCHAR(16)   DEFAULT 'ok' NOT NULL   -- ok, failing, silent: the episode last alerted
);

-- Every item a source has listed, by the SHA-256 of its identity (GUID, else canonical link, else
-- content hash): an item seen before is neither fetched nor processed again; a changed
-- content_hash makes a new version that goes through the pipeline again.
CREATE TABLE source_item (
    source        VARCHAR(100)  NOT NULL,
    item_key      VARCHAR(64)   NOT NULL,
    content_hash  VARCHAR(64)   NOT NULL,
    item_id       VARCHAR(4000),
    first_seen    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_changed  TIMESTAMP WITH TIME ZONE NOT NULL,
    versions      INT           DEFAULT 1 NOT NULL,
    PRIMARY KEY (source, item_key)
);
