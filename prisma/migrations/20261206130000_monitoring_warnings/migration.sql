-- 预警 (issue 15 §3, docs/decisions/027-monitoring-warnings.md): a stored warning that a household of the archive
-- may be at risk, raised by the income screening of the archive (ARCHIVE_INCOME), a department's list
-- (DEPARTMENT_<kind>), a self-application or a cadre's visit. Each is checked by a cadre in scope: 纳入监测
-- (linked to the monitoring object) or 无需纳入 with a note. Rows of a department list matched to nobody are
-- reported back, never stored, so household_id is always set.
CREATE TABLE "monitoring_warning" (
  "id"            UUID PRIMARY KEY,
  "county_code"   CHAR(6) NOT NULL,
  "township_code" CHAR(12) NOT NULL REFERENCES "region"("code"),
  "village_code"  CHAR(12) NOT NULL REFERENCES "region"("code"),
  "household_id"  UUID NOT NULL REFERENCES "household"("id"),
  "source"        TEXT NOT NULL CHECK ("source" IN ('ARCHIVE_INCOME', 'SELF_APPLICATION', 'CADRE_VISIT') OR "source" LIKE 'DEPARTMENT\_%'),
  -- For ARCHIVE_INCOME the rule that fired (BELOW_LINE / WITHIN_MARGIN / SHARP_DROP) and the year screened.
  "reason_code"   TEXT,
  "year"          INTEGER,
  "reason"        TEXT NOT NULL,
  "raised_on"     DATE NOT NULL,
  "status"        TEXT NOT NULL DEFAULT 'OPEN' CHECK ("status" IN ('OPEN', 'CHECKED')),
  "outcome"       TEXT CHECK ("outcome" IN ('MONITORED', 'NOT_NEEDED')),
  "object_id"     UUID REFERENCES "monitoring_object"("id"),
  "check_note"    TEXT,
  "checked_by"    UUID REFERENCES "app_user"("id"),
  "checked_at"    TIMESTAMPTZ(3),
  "raised_by"     UUID NOT NULL REFERENCES "app_user"("id"),
  "version"       INTEGER NOT NULL DEFAULT 1,
  "created_at"    TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "updated_at"    TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CONSTRAINT "monitoring_warning_checked" CHECK (
    ("status" = 'OPEN' AND "outcome" IS NULL AND "checked_by" IS NULL AND "checked_at" IS NULL)
    OR ("status" = 'CHECKED' AND "checked_by" IS NOT NULL AND "checked_at" IS NOT NULL AND (
      ("outcome" = 'MONITORED' AND "object_id" IS NOT NULL) OR ("outcome" = 'NOT_NEEDED' AND "check_note" IS NOT NULL)
    ))
  )
);
-- Screening is idempotent: one open income 预警 per household, rule and year.
CREATE UNIQUE INDEX "monitoring_warning_open_income_key" ON "monitoring_warning"("household_id", "reason_code", "year")
  WHERE "status" = 'OPEN' AND "source" = 'ARCHIVE_INCOME';
CREATE INDEX "monitoring_warning_village_idx" ON "monitoring_warning"("village_code", "status", "raised_on");
CREATE INDEX "monitoring_warning_township_idx" ON "monitoring_warning"("township_code", "status", "raised_on");
CREATE INDEX "monitoring_warning_household_idx" ON "monitoring_warning"("household_id");
