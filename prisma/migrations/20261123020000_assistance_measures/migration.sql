-- 帮扶措施 and 因户施策: the measure catalogue, the cause↔category fit matrix (data, editable),
-- measures per household, annual plans, visits, and the history of 帮扶责任人 assignments.

CREATE TABLE "measure_item" (
  "id"         UUID PRIMARY KEY,
  "category"   TEXT NOT NULL CHECK ("category" IN ('INDUSTRY', 'EMPLOYMENT', 'EDUCATION', 'HEALTH', 'HOUSING', 'WATER', 'SOCIAL_SECURITY', 'FINANCE', 'ECOLOGY', 'ASSET_INCOME', 'MOTIVATION', 'SOCIAL', 'INFRASTRUCTURE')),
  "name"       TEXT NOT NULL CHECK (length("name") BETWEEN 1 AND 40),
  "retired"    BOOLEAN NOT NULL DEFAULT FALSE,
  "sort_order" INTEGER NOT NULL DEFAULT 0,
  "version"    INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX "measure_item_category_name_key" ON "measure_item"("category", "name");

CREATE TABLE "cause_category_fit" (
  "cause"    TEXT NOT NULL,
  "category" TEXT NOT NULL,
  PRIMARY KEY ("cause", "category")
);

CREATE TABLE "measure" (
  "id"                UUID PRIMARY KEY,
  "county_code"       CHAR(6) NOT NULL,
  "household_id"      UUID NOT NULL REFERENCES "household"("id"),
  "item_id"           UUID NOT NULL REFERENCES "measure_item"("id"),
  "category"          TEXT NOT NULL,
  "addressed_causes"  TEXT[] NOT NULL CHECK (cardinality("addressed_causes") >= 1),
  "start_date"        DATE NOT NULL,
  "end_date"          DATE,
  "amount_fen"        INTEGER NOT NULL DEFAULT 0 CHECK ("amount_fen" >= 0),
  "funding_source"    TEXT NOT NULL CHECK ("funding_source" IN ('CENTRAL', 'PROVINCIAL', 'MUNICIPAL', 'COUNTY', 'EAST_WEST', 'DESIGNATED', 'SOCIAL')),
  "responsible_unit"  TEXT NOT NULL,
  "status"            TEXT NOT NULL DEFAULT 'PLANNED' CHECK ("status" IN ('PLANNED', 'ACTIVE', 'COMPLETED', 'TERMINATED')),
  "outcome_fen"       INTEGER CHECK ("outcome_fen" >= 0),
  "note"              TEXT,
  "version"           INTEGER NOT NULL DEFAULT 1,
  "created_by"        UUID NOT NULL REFERENCES "app_user"("id"),
  "created_at"        TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "updated_at"        TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CHECK ("end_date" IS NULL OR "end_date" >= "start_date"),
  CHECK ("status" <> 'COMPLETED' OR "outcome_fen" IS NOT NULL)
);
CREATE INDEX "measure_household_id_idx" ON "measure"("household_id");
CREATE INDEX "measure_county_code_status_idx" ON "measure"("county_code", "status");

-- 脱贫计划: one per household per year.
CREATE TABLE "assistance_plan" (
  "id"                     UUID PRIMARY KEY,
  "county_code"            CHAR(6) NOT NULL,
  "household_id"           UUID NOT NULL REFERENCES "household"("id"),
  "year"                   INTEGER NOT NULL CHECK ("year" BETWEEN 2013 AND 2100),
  "target_per_capita_fen"  INTEGER NOT NULL CHECK ("target_per_capita_fen" > 0),
  "planned_exit_year"      INTEGER NOT NULL CHECK ("planned_exit_year" BETWEEN 2013 AND 2100),
  "planned_measures"       TEXT NOT NULL,
  "version"                INTEGER NOT NULL DEFAULT 1,
  "updated_at"             TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX "assistance_plan_household_id_year_key" ON "assistance_plan"("household_id", "year");

-- 走访记录.
CREATE TABLE "visit" (
  "id"           UUID PRIMARY KEY,
  "county_code"  CHAR(6) NOT NULL,
  "household_id" UUID NOT NULL REFERENCES "household"("id"),
  "visitor_id"   UUID NOT NULL REFERENCES "app_user"("id"),
  "visited_on"   DATE NOT NULL,
  "findings"     TEXT NOT NULL CHECK (length("findings") BETWEEN 1 AND 2000),
  "actions"      TEXT NOT NULL CHECK (length("actions") <= 2000),
  "created_at"   TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX "visit_household_id_visited_on_idx" ON "visit"("household_id", "visited_on" DESC);

-- 帮扶责任人 changes, with their reason ("户不脱贫, 帮扶责任人不脱钩").
CREATE TABLE "helper_assignment" (
  "id"             UUID PRIMARY KEY,
  "county_code"    CHAR(6) NOT NULL,
  "household_id"   UUID NOT NULL REFERENCES "household"("id"),
  "from_helper_id" UUID REFERENCES "app_user"("id"),
  "to_helper_id"   UUID NOT NULL REFERENCES "app_user"("id"),
  "reason"         TEXT NOT NULL CHECK (length("reason") BETWEEN 2 AND 500),
  "assigned_by"    UUID NOT NULL REFERENCES "app_user"("id"),
  "assigned_at"    TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX "helper_assignment_household_id_idx" ON "helper_assignment"("household_id", "assigned_at");
