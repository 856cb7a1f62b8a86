-- Search by any part of a 户主 name (bench/RESULTS.md, "Substring search of 户主 names").
-- The name's characters as a stored array with a partial GIN index: `name_chars @> '{…}'` finds
-- the 户主 whose name holds every character of the search, for a search of any length, and
-- `name LIKE '%…%'` then keeps the exact matches. A pg_trgm index cannot serve searches of one
-- or two Chinese characters (they yield no trigram), which are most name searches.
ALTER TABLE "member" ADD COLUMN "name_chars" TEXT[] NOT NULL GENERATED ALWAYS AS (string_to_array("name", NULL)) STORED;

CREATE INDEX "member_head_name_chars_idx" ON "member" USING gin ("name_chars") WHERE "relation" = 'HEAD' AND "status" = 'PRESENT';
