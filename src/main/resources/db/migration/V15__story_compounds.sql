-- The specifics one sentence states together (issue #10): a number with the name, capitalised
-- word or other number beside it, 64-bit hashes sorted, 8 bytes each (TextFeatures.compounds).
-- Reports of one event state their toll, amount or count with the same place, person or body;
-- reports of two events on one theme rarely do. Rows stored before this migration have none
-- (NULL): their stories are judged without this signal until they close, or after `reindex`.
ALTER TABLE article_story ADD COLUMN compounds BYTEA;
