-- 疑点数据 (docs/decisions/017-quality-incremental-and-on-save.md): a cross-household hit remembers the group it belongs to
-- (the ID number, 户主 name + birth date, phone or helper it shares with other households), so that the refresh job
-- recomputes only the groups its dirty households touch, before and after their change.
ALTER TABLE "quality_hit" ADD COLUMN "group_key" TEXT;
CREATE INDEX "quality_hit_group_idx" ON "quality_hit"("county_code", "rule_code", "group_key");
-- The name + birth date groups (C-002, C-005) are found through the birth date.
CREATE INDEX "member_county_birth_idx" ON "member"("county_code", "birth_date");
