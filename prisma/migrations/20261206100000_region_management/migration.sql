-- County setup (issue 13 point 1, docs/decisions/019-county-setup.md): regions are edited by the 系统管理员, so they carry a
-- version for the optimistic check; a village is never deleted, it is retired (still readable, receives no new household),
-- and a village merged into another names where its households went.
ALTER TABLE "region" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "region" ADD COLUMN "retired_at" TIMESTAMPTZ(3);
ALTER TABLE "region" ADD COLUMN "merged_into" CHAR(12) REFERENCES "region"("code");
ALTER TABLE "region" ADD CONSTRAINT "region_code_shape" CHECK ("code" ~ '^[0-9]{12}$' AND "county_code" = substr("code", 1, 6));
ALTER TABLE "region" ADD CONSTRAINT "region_merged_is_retired" CHECK ("merged_into" IS NULL OR "retired_at" IS NOT NULL);

-- A retired village receives no new household, whichever way the row is written.
CREATE FUNCTION "refuse_retired_village"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (TG_OP = 'INSERT' OR NEW."village_code" IS DISTINCT FROM OLD."village_code")
     AND EXISTS (SELECT 1 FROM "region" WHERE "code" = NEW."village_code" AND "retired_at" IS NOT NULL) THEN
    RAISE EXCEPTION 'village % is retired', NEW."village_code" USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "household_village_not_retired" BEFORE INSERT OR UPDATE OF "village_code" ON "household"
  FOR EACH ROW EXECUTE FUNCTION "refuse_retired_village"();
