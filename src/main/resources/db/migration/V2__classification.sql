-- What the classifier found in each article: the whole result as JSON (for the API and the
-- ingest output) and one row per tag (for alert filters and queries). Both are derived from the
-- text and the dictionaries: reclassify and reindex rebuild them.
ALTER TABLE article ADD COLUMN classification TEXT;
ALTER TABLE article ADD COLUMN language VARCHAR(8);
ALTER TABLE article ADD COLUMN statement_kind VARCHAR(32);

CREATE TABLE article_tag (
    file_name   VARCHAR(64)  NOT NULL,
    dimension   VARCHAR(16)  NOT NULL,   -- actor, speaker, counterpart, region
    tag_id      VARCHAR(100) NOT NULL,
    tag_type    VARCHAR(32)  NOT NULL,
    country     VARCHAR(8),
    salience    DOUBLE PRECISION NOT NULL,
    CONSTRAINT article_tag_pk PRIMARY KEY (file_name, dimension, tag_id)
);
CREATE INDEX article_tag_id ON article_tag (tag_id);
CREATE INDEX article_tag_country ON article_tag (country);
