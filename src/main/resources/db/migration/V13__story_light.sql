-- The columns the story memory reads of every article at each start (StoryTables.forEachLight), in
-- a narrow table of their own: read from article_story, every row's term, quotation and who columns
-- were decoded too, 1.6-2.3 s of a 100,000-article home's start against 0.6 s for these alone. Written
-- with the article_story row, in the same transaction.
CREATE TABLE article_light (
    seq            BIGINT        NOT NULL PRIMARY KEY,
    file_name      VARCHAR(64)   NOT NULL,
    story          VARCHAR(40)   NOT NULL,
    outlet         VARCHAR(200)  NOT NULL,
    published      DATE,
    title          VARCHAR(4000),
    signature      BYTEA         NOT NULL,
    shingles       INT           NOT NULL,
    paragraphs     BYTEA         NOT NULL
);
INSERT INTO article_light (seq, file_name, story, outlet, published, title, signature, shingles, paragraphs)
    SELECT seq, file_name, story, outlet, published, title, signature, shingles, paragraphs FROM article_story;
