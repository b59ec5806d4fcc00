-- The columns the story memory reads of every article at each start (StoryTables.forEachLight), in
-- a narrow copy of article_story: read from article_story, every row's term, quotation and who
-- columns were decoded too, 1.6-2.3 s of a 100,000-article home's start against 0.6 s for these
-- alone. StoryTables writes the two rows of an article in one transaction.
CREATE TABLE article_light AS
    SELECT seq, file_name, story, outlet, published, title, signature, shingles, paragraphs FROM article_story;
ALTER TABLE article_light ALTER COLUMN seq SET NOT NULL;
ALTER TABLE article_light ADD PRIMARY KEY (seq);
