-- 防止返贫动态监测, first part (docs/decisions/018-monitoring-objects.md): the county's monitoring line per year,
-- the county-managed list of 致贫/返贫风险 types, and the monitoring objects with their risks. A monitoring object
-- may be a household of the archive or one that was never 建档立卡 (边缘易致贫户): then household_id is NULL and the
-- object carries the head's name, ID number, address and size itself.

-- 监测线 (元/人·年, in fen) per year, set by the county office; a year without a row cannot be screened by income.
CREATE TABLE "monitoring_line" (
  "year"       INTEGER PRIMARY KEY,
  "amount_fen" INTEGER NOT NULL CHECK ("amount_fen" > 0),
  "version"    INTEGER NOT NULL DEFAULT 1,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
INSERT INTO "monitoring_line" ("year", "amount_fen") VALUES (2021, 600000);

-- The risk types a monitoring object's risks are chosen from (县级维护).
CREATE TABLE "monitoring_risk_type" (
  "code"       TEXT PRIMARY KEY,
  "label"      TEXT NOT NULL UNIQUE,
  "position"   INTEGER NOT NULL,
  "retired"    BOOLEAN NOT NULL DEFAULT false,
  "version"    INTEGER NOT NULL DEFAULT 1,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
INSERT INTO "monitoring_risk_type" ("code", "label", "position") VALUES
  ('ILLNESS', '因病', 1),
  ('DISABILITY', '因残', 2),
  ('SCHOOLING', '因学', 3),
  ('HOUSING', '因安全住房', 4),
  ('DRINKING_WATER', '因安全饮水', 5),
  ('LACK_OF_LABOUR', '缺劳动力', 6),
  ('UNSTABLE_WORK', '因务工就业不稳', 7),
  ('NATURAL_DISASTER', '因自然灾害', 8),
  ('ACCIDENT', '因意外事故', 9),
  ('FAILED_PROJECT', '因产业项目失败', 10),
  ('OTHER', '其他', 11);

CREATE TABLE "monitoring_object" (
  "id"            UUID PRIMARY KEY,
  "county_code"   CHAR(6) NOT NULL,
  "township_code" CHAR(12) NOT NULL REFERENCES "region"("code"),
  "village_code"  CHAR(12) NOT NULL REFERENCES "region"("code"),
  "household_id"  UUID REFERENCES "household"("id"),
  "category"      TEXT NOT NULL CHECK ("category" IN ('UNSTABLE', 'MARGINAL', 'SUDDEN_HARDSHIP')),
  "status"        TEXT NOT NULL DEFAULT 'PENDING' CHECK ("status" IN ('PENDING')),
  -- For a household outside the archive (household_id NULL): who and where it is.
  "head_name"     TEXT,
  "head_id_number" VARCHAR(18),
  "address"       TEXT,
  "people"        INTEGER CHECK ("people" IS NULL OR "people" BETWEEN 1 AND 30),
  "note"          TEXT,
  "created_by"    UUID NOT NULL REFERENCES "app_user"("id"),
  "version"       INTEGER NOT NULL DEFAULT 1,
  "created_at"    TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "updated_at"    TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CONSTRAINT "monitoring_object_identity" CHECK (
    "household_id" IS NOT NULL OR ("head_name" IS NOT NULL AND "head_id_number" IS NOT NULL AND "address" IS NOT NULL AND "people" IS NOT NULL)
  )
);
-- One open monitoring object per archived household and per head ID number.
CREATE UNIQUE INDEX "monitoring_object_household_key" ON "monitoring_object"("household_id") WHERE "household_id" IS NOT NULL;
CREATE UNIQUE INDEX "monitoring_object_head_id_key" ON "monitoring_object"("county_code", "head_id_number") WHERE "head_id_number" IS NOT NULL;
CREATE INDEX "monitoring_object_village_idx" ON "monitoring_object"("village_code", "created_at");
CREATE INDEX "monitoring_object_township_idx" ON "monitoring_object"("township_code", "created_at");

CREATE TABLE "monitoring_risk" (
  "id"          UUID PRIMARY KEY,
  "county_code" CHAR(6) NOT NULL,
  "object_id"   UUID NOT NULL REFERENCES "monitoring_object"("id"),
  "risk_type"   TEXT NOT NULL REFERENCES "monitoring_risk_type"("code"),
  "found_on"    DATE NOT NULL,
  "source"      TEXT NOT NULL CHECK ("source" IN ('SELF_APPLICATION', 'CADRE_SCREENING', 'DEPARTMENT_WARNING', 'ARCHIVE_WARNING')),
  "note"        TEXT,
  "created_by"  UUID NOT NULL REFERENCES "app_user"("id"),
  "created_at"  TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  UNIQUE ("object_id", "risk_type")
);
CREATE INDEX "monitoring_risk_object_idx" ON "monitoring_risk"("object_id");
