-- 挂图作战 (docs/decisions/013-dashboard-indicators.md). The dashboard reads per-village figures
-- kept in indicator_rollup; the drill-down lists filter on the same per-household (and per-sheet)
-- snapshot the figures were counted from, so a figure and its list always agree. A job
-- (lib/dashboard/refresh.ts) recomputes the snapshot of households marked dirty by the triggers
-- below, at most a minute or two behind the writes.

-- One row per household: what the figures count, computed by the exit and coverage rule functions.
CREATE TABLE "household_indicator" (
  "household_id"        UUID PRIMARY KEY REFERENCES "household"("id"),
  "county_code"         CHAR(6) NOT NULL,
  "township_code"       CHAR(12) NOT NULL,
  "village_code"        CHAR(12) NOT NULL,
  "status"              TEXT NOT NULL,
  "identification_year" INTEGER NOT NULL,
  "exit_year"           INTEGER,
  -- For a household now 返贫: the year it returned (from its audit trail; its exit year when none is recorded).
  "returned_year"       INTEGER,
  "primary_cause"       TEXT NOT NULL,
  -- 在户人口 (present members) when the snapshot was taken.
  "people"              INTEGER NOT NULL CHECK ("people" >= 0),
  -- The assessment year the criteria were evaluated for (the current year when computed).
  "evaluated_year"      INTEGER NOT NULL,
  "failed_criteria"     TEXT[] NOT NULL DEFAULT '{}',
  "uncovered_causes"    TEXT[] NOT NULL DEFAULT '{}',
  "last_visit_on"       DATE,
  "visit_overdue"       BOOLEAN NOT NULL,
  "computed_at"         TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX "household_indicator_village_idx" ON "household_indicator"("village_code");
CREATE INDEX "household_indicator_township_idx" ON "household_indicator"("township_code");

-- Measure funds of a household per funding source (实施中 and 已完成 measures).
CREATE TABLE "household_fund_indicator" (
  "household_id"   UUID NOT NULL REFERENCES "household_indicator"("household_id") ON DELETE CASCADE,
  "funding_source" TEXT NOT NULL,
  "county_code"    CHAR(6) NOT NULL,
  "township_code"  CHAR(12) NOT NULL,
  "village_code"   CHAR(12) NOT NULL,
  "amount_fen"     BIGINT NOT NULL CHECK ("amount_fen" >= 0),
  PRIMARY KEY ("household_id", "funding_source")
);
CREATE INDEX "household_fund_indicator_village_idx" ON "household_fund_indicator"("village_code");

-- One row per household exit sheet: the step it waits for (or its final state).
CREATE TABLE "exit_sheet_indicator" (
  "sheet_id"        UUID PRIMARY KEY REFERENCES "exit_sheet"("id"),
  "household_id"    UUID NOT NULL REFERENCES "household"("id"),
  "county_code"     CHAR(6) NOT NULL,
  "township_code"   CHAR(12) NOT NULL,
  "village_code"    CHAR(12) NOT NULL,
  "assessment_year" INTEGER NOT NULL,
  -- An EXIT_STEP code while in progress, or APPROVED / REJECTED.
  "stage"           TEXT NOT NULL
);
CREATE INDEX "exit_sheet_indicator_village_idx" ON "exit_sheet_indicator"("village_code", "assessment_year");
CREATE INDEX "exit_sheet_indicator_household_idx" ON "exit_sheet_indicator"("household_id");

-- The figures per village, summed per township and for the county (so that a view reads one row per
-- region it shows, whatever the county's size). year 0 holds the figures that describe the current state.
CREATE TABLE "indicator_rollup" (
  "region_code"   CHAR(12) NOT NULL REFERENCES "region"("code"),
  "level"         TEXT NOT NULL CHECK ("level" IN ('COUNTY', 'TOWNSHIP', 'VILLAGE')),
  -- The township of a village row, the county of a township row; NULL for the county row.
  "parent_code"   CHAR(12) REFERENCES "region"("code"),
  "year"          INTEGER NOT NULL,
  "figure"        TEXT NOT NULL,
  "county_code"   CHAR(6) NOT NULL,
  "households"    INTEGER NOT NULL,
  "people"        INTEGER NOT NULL,
  "amount_fen"    BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY ("region_code", "year", "figure"),
  CHECK (("level" = 'COUNTY') = ("parent_code" IS NULL))
);
CREATE INDEX "indicator_rollup_parent_idx" ON "indicator_rollup"("parent_code", "year");
CREATE INDEX "indicator_rollup_county_idx" ON "indicator_rollup"("county_code", "level");

-- The state of the snapshot (one row per county).
CREATE TABLE "indicator_refresh" (
  "county_code"    CHAR(6) PRIMARY KEY,
  "refreshed_at"   TIMESTAMPTZ(3),
  -- The date (Asia/Shanghai) the snapshot's date-dependent facts (ages, visit overdue) refer to.
  "as_of"          DATE,
  "full_required"  BOOLEAN NOT NULL DEFAULT TRUE,
  "households"     INTEGER NOT NULL DEFAULT 0,
  "duration_ms"    INTEGER NOT NULL DEFAULT 0
);

-- Households whose figures must be recomputed.
CREATE TABLE "indicator_dirty" (
  "household_id" UUID PRIMARY KEY,
  "marked_at"    TIMESTAMPTZ(3) NOT NULL DEFAULT clock_timestamp()
);

-- TG_ARGV[0]: the column holding the household id; changed_rows: the statement's new (or deleted) rows.
CREATE FUNCTION "indicator_mark_households"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('INSERT INTO indicator_dirty (household_id) SELECT DISTINCT %1$I FROM changed_rows WHERE %1$I IS NOT NULL
                  ON CONFLICT (household_id) DO UPDATE SET marked_at = clock_timestamp()', TG_ARGV[0]);
  RETURN NULL;
END $$;

CREATE FUNCTION "indicator_mark_sheet_households"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO indicator_dirty (household_id)
    SELECT DISTINCT s.household_id FROM changed_rows c JOIN exit_sheet s ON s.id = c.sheet_id
  ON CONFLICT (household_id) DO UPDATE SET marked_at = clock_timestamp();
  RETURN NULL;
END $$;

CREATE FUNCTION "indicator_require_full_refresh"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE indicator_refresh SET full_required = TRUE WHERE NOT full_required;
  RETURN NULL;
END $$;

DO $$
DECLARE
  target RECORD;
BEGIN
  FOR target IN SELECT * FROM (VALUES
      ('household', 'id', 'indicator_mark_households'),
      ('member', 'household_id', 'indicator_mark_households'),
      ('income_record', 'household_id', 'indicator_mark_households'),
      ('measure', 'household_id', 'indicator_mark_households'),
      ('visit', 'household_id', 'indicator_mark_households'),
      ('attachment', 'household_id', 'indicator_mark_households'),
      ('exit_sheet', 'household_id', 'indicator_mark_households'),
      ('exit_signature', 'sheet_id', 'indicator_mark_sheet_households'),
      ('exit_objection', 'sheet_id', 'indicator_mark_sheet_households')
    ) AS t(table_name, column_name, function_name)
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION %I(%L)',
      target.table_name || '_indicator_insert', target.table_name, target.function_name, target.column_name);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION %I(%L)',
      target.table_name || '_indicator_update', target.table_name, target.function_name, target.column_name);
    IF target.table_name NOT IN ('exit_signature') THEN
      EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION %I(%L)',
        target.table_name || '_indicator_delete', target.table_name, target.function_name, target.column_name);
    END IF;
  END LOOP;
END $$;

-- Figures that every household depends on: the poverty lines, the county settings, the fit matrix.
CREATE TRIGGER "poverty_line_indicator_full" AFTER INSERT OR UPDATE OR DELETE ON "poverty_line"
  FOR EACH STATEMENT EXECUTE FUNCTION "indicator_require_full_refresh"();
CREATE TRIGGER "setting_indicator_full" AFTER INSERT OR UPDATE OR DELETE ON "setting"
  FOR EACH STATEMENT EXECUTE FUNCTION "indicator_require_full_refresh"();
CREATE TRIGGER "cause_category_fit_indicator_full" AFTER INSERT OR UPDATE OR DELETE ON "cause_category_fit"
  FOR EACH STATEMENT EXECUTE FUNCTION "indicator_require_full_refresh"();
CREATE TRIGGER "measure_item_indicator_full" AFTER INSERT OR UPDATE OR DELETE ON "measure_item"
  FOR EACH STATEMENT EXECUTE FUNCTION "indicator_require_full_refresh"();

-- 年度减贫任务: the target of households/people to exit in a year, per township (and optionally village).
CREATE TABLE "reduction_target" (
  "region_code"   CHAR(12) NOT NULL REFERENCES "region"("code"),
  "year"          INTEGER NOT NULL CHECK ("year" BETWEEN 2010 AND 2100),
  "county_code"   CHAR(6) NOT NULL,
  "households"    INTEGER NOT NULL CHECK ("households" >= 0),
  "people"        INTEGER NOT NULL CHECK ("people" >= 0),
  "version"       INTEGER NOT NULL DEFAULT 1,
  "updated_by"    UUID NOT NULL REFERENCES "app_user"("id"),
  "updated_at"    TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  PRIMARY KEY ("region_code", "year")
);
CREATE INDEX "reduction_target_county_year_idx" ON "reduction_target"("county_code", "year");
