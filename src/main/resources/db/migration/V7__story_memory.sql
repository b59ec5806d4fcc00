-- Stories judged from memory (issue #10). The matcher keeps document frequencies, the outlets'
-- paragraph counts and the open stories in memory and rebuilds them from article_story on open,
-- so storing an article writes one row: the per-term and per-paragraph count tables go. The
-- rows of V5 lack the new columns and are derived data: they are dropped, and the next start
-- judges every article again from seeds/ (as reindex does). Written for H2 and PostgreSQL alike.
DROP TABLE term_frequency;
DROP TABLE outlet_paragraph;
DROP TABLE article_story;

-- What the judgements compare of each stored article, its story and how it was judged:
-- signature: 128 MinHash values of its 3-word shingles (4 bytes each); terms, quotes: its
-- rare-term and quotation-run hashes; title_terms, lead_terms: the terms of its headline and of
-- its first paragraph; numbers: the numbers it states; paragraphs: the hashes of its paragraphs
-- (the outlet's boilerplate count); all sorted 64-bit values, 8 bytes each. who: its actor and
-- speaker tags, "actor:RUS;speaker:sergey-lavrov;...". verdict, duplicate_of and similarity say
-- how it was judged when it was stored.
CREATE TABLE article_story (
    seq            BIGINT        NOT NULL PRIMARY KEY,
    file_name      VARCHAR(64)   NOT NULL,
    story          VARCHAR(40)   NOT NULL,
    outlet         VARCHAR(200)  NOT NULL,
    published      DATE,
    title          VARCHAR(4000),
    signature      BYTEA         NOT NULL,
    shingles       INT           NOT NULL,
    terms          BYTEA         NOT NULL,
    quotes         BYTEA         NOT NULL,
    title_terms    BYTEA         NOT NULL,
    lead_terms     BYTEA         NOT NULL,
    numbers        BYTEA         NOT NULL,
    words          INT           NOT NULL,
    paragraphs     BYTEA         NOT NULL,
    who            VARCHAR(4000) NOT NULL,
    verdict        VARCHAR(32)   NOT NULL,   -- new, same_story, near_duplicate (when stored)
    duplicate_of   VARCHAR(64),
    similarity     DOUBLE PRECISION,
    CONSTRAINT article_story_file UNIQUE (file_name)
);
CREATE INDEX article_story_story ON article_story (story, seq);
