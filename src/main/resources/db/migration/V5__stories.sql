-- Near-duplicates and stories. Everything here is derived from the files in seeds/ (and where
-- each came from): reindex rebuilds it. Written for H2 and PostgreSQL alike.

-- What the near-duplicate and story judgements compare of each stored article: the MinHash
-- signature of its 3-word shingles (128 x 4 bytes; the in-memory LSH index is rebuilt from it on
-- open), its rare-term and quotation hashes (sorted 64-bit values), and the story it belongs to.
-- verdict, duplicate_of and similarity say how it was judged when it was stored.
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
    verdict        VARCHAR(32)   NOT NULL,   -- new, same_story, near_duplicate (when stored)
    duplicate_of   VARCHAR(64),
    similarity     DOUBLE PRECISION,
    CONSTRAINT article_story_file UNIQUE (file_name)
);
CREATE INDEX article_story_story ON article_story (story, seq);
CREATE INDEX article_story_published ON article_story (published);

-- In how many stored articles each rare-term candidate occurs (its document frequency).
CREATE TABLE term_frequency (
    term      BIGINT  NOT NULL PRIMARY KEY,
    articles  INT     NOT NULL
);

-- How many stored articles of an outlet hold a paragraph: a paragraph an outlet repeats is its
-- boilerplate (footers, credits) and does not make articles similar.
CREATE TABLE outlet_paragraph (
    outlet     VARCHAR(200)  NOT NULL,
    paragraph  BIGINT        NOT NULL,
    articles   INT           NOT NULL,
    CONSTRAINT outlet_paragraph_pk PRIMARY KEY (outlet, paragraph)
);

-- A near-duplicate that is not written to seeds/ is an arrival: article_file names the article it
-- copies; similarity is their estimated Jaccard similarity (the story score for same_story);
-- story is the story it belongs to.
ALTER TABLE arrival ADD COLUMN similarity DOUBLE PRECISION;
ALTER TABLE arrival ADD COLUMN story VARCHAR(40);
