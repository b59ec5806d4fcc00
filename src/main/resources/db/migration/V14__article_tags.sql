-- An article's tags in one column of its row instead of a row per tag (issue #10).
--
-- article_tag was read by file name only: the story judgement's tags of one article, and the
-- status page's counts per day. Its 10-30 rows an article were a B-tree insert each, copied page by
-- page at every commit of a batch: in a first poll of 10,000 items 5 % of the judge thread and
-- 1.2 GB of the 19 GB allocated. The column holds `dimension:id` of every tag (actor, speaker,
-- counterpart, region), sorted, separated by one space (ids have none); the classification JSON
-- beside it keeps the rest (type, country, salience), as it did before.
ALTER TABLE article ADD COLUMN tags CHARACTER VARYING;
UPDATE article a SET tags = (SELECT STRING_AGG(t.dimension || ':' || t.tag_id, ' ' ORDER BY t.dimension, t.tag_id)
                             FROM article_tag t WHERE t.file_name = a.file_name);
DROP TABLE article_tag;
