-- Article fetches of list pages that failed, per source and item (the item_key of source_item:
-- the SHA-256 of the link). An item here is not seen yet: it is tried again at later polls, with
-- doubling gaps (polls_to_skip: 0, 1, 3, 7, ... polls after the 1st, 2nd, 3rd, 4th failure), and
-- given up after dipwatch.sources.item-max-attempts attempts (gave_up). A success deletes its row.
-- Written for H2 and PostgreSQL alike.
CREATE TABLE source_item_failure (
    source           VARCHAR(100)  NOT NULL,
    item_key         VARCHAR(64)   NOT NULL,
    link             VARCHAR(4000),
    attempts         INT           NOT NULL,
    last_error       VARCHAR(4000),
    last_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    polls_to_skip    INT           DEFAULT 0 NOT NULL,
    gave_up          BOOLEAN       DEFAULT FALSE NOT NULL,
    PRIMARY KEY (source, item_key)
);

-- When a source's templatedRoute left routes/ (its entry or its file deleted) while the daemon ran,
-- or was found gone at a start: its route is removed, its row and seen items stay (re-adding the
-- source keeps its validators and seen items) and /api/sources shows it as removed. NULL: active.
ALTER TABLE source_state ADD COLUMN removed_at TIMESTAMP WITH TIME ZONE;

-- An article whose language its source declares (a source's language parameter other than auto):
-- a reindex classifies it again in that language instead of detecting it.
ALTER TABLE article ADD COLUMN language_declared BOOLEAN DEFAULT FALSE NOT NULL;
