-- Search support measured in bench/RESULTS.md:
-- a stored reversed ID so "last digits of an ID" is a prefix search the ORM can express,
-- and a partial index for the 户主 name prefix search (the general name index made the
-- planner scan every 户主).

DROP INDEX "member_id_number_reversed_idx";
ALTER TABLE "member" ADD COLUMN "id_number_reversed" TEXT GENERATED ALWAYS AS (reverse("id_number")) STORED;
CREATE INDEX "member_id_number_reversed_idx" ON "member"("county_code", "id_number_reversed" text_pattern_ops);

CREATE INDEX "member_head_name_idx" ON "member"("county_code", "name" text_pattern_ops) WHERE "relation" = 'HEAD' AND "status" = 'PRESENT';
