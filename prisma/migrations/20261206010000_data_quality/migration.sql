-- 疑点数据 (docs/decisions/015-data-quality.md): the open hits of the data-quality rules
-- (lib/data-quality/catalogue.ts), kept current by the dashboard refresh job for the households
-- its triggers mark dirty (indicator_dirty), and by npm run quality:scan for a whole county.
CREATE TABLE "quality_hit" (
  "id"            BIGSERIAL PRIMARY KEY,
  "household_id"  UUID NOT NULL REFERENCES "household"("id"),
  "member_id"     UUID REFERENCES "member"("id"),
  "rule_code"     VARCHAR(8) NOT NULL,
  "severity"      TEXT NOT NULL CHECK ("severity" IN ('ERROR', 'SUSPECT')),
  "level"         TEXT NOT NULL,
  "field"         TEXT NOT NULL,
  "message"       TEXT NOT NULL,
  "county_code"   CHAR(6) NOT NULL,
  "township_code" CHAR(12) NOT NULL,
  "village_code"  CHAR(12) NOT NULL,
  "computed_at"   TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX "quality_hit_household_idx" ON "quality_hit"("household_id");
CREATE INDEX "quality_hit_county_rule_idx" ON "quality_hit"("county_code", "rule_code");
CREATE INDEX "quality_hit_township_rule_idx" ON "quality_hit"("township_code", "rule_code");
CREATE INDEX "quality_hit_village_rule_idx" ON "quality_hit"("village_code", "rule_code");

-- The village's conditions are read by the V- rules: a change to a village exit sheet marks the village's households dirty.
CREATE FUNCTION "indicator_mark_village_households"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO indicator_dirty (household_id)
    SELECT h.id FROM household h WHERE h.village_code IN (SELECT DISTINCT village_code FROM changed_rows)
  ON CONFLICT (household_id) DO UPDATE SET marked_at = clock_timestamp();
  RETURN NULL;
END $$;

CREATE TRIGGER "village_exit_sheet_quality_insert" AFTER INSERT ON "village_exit_sheet"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "indicator_mark_village_households"();
CREATE TRIGGER "village_exit_sheet_quality_update" AFTER UPDATE ON "village_exit_sheet"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "indicator_mark_village_households"();
