-- 一户一档: households, members, yearly income, evidence attachments, poverty lines.
-- Every household-owned table carries the 6-digit county code (the future shard key).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE "poverty_line" (
  "year"       INTEGER PRIMARY KEY CHECK ("year" BETWEEN 2000 AND 2100),
  "amount_fen" INTEGER NOT NULL CHECK ("amount_fen" > 0),
  "version"    INTEGER NOT NULL DEFAULT 1,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);

-- The last 户编号 sequence number per village; incremented under a row lock.
CREATE TABLE "household_sequence" (
  "village_code" CHAR(12) PRIMARY KEY REFERENCES "region"("code"),
  "last_value"   INTEGER NOT NULL CHECK ("last_value" >= 0)
);

CREATE TABLE "household" (
  "id"                       UUID PRIMARY KEY,
  "county_code"              CHAR(6) NOT NULL,
  "township_code"            CHAR(12) NOT NULL REFERENCES "region"("code"),
  "village_code"             CHAR(12) NOT NULL REFERENCES "region"("code"),
  "household_no"             VARCHAR(16) NOT NULL CHECK ("household_no" ~ '^[0-9]{16}$'),
  "village_group"            TEXT,
  "address"                  TEXT NOT NULL,
  "phone"                    TEXT,
  "attribute"                TEXT NOT NULL CHECK ("attribute" IN ('GENERAL', 'LOW_INCOME', 'EXTREME')),
  "identification_standard"  TEXT NOT NULL CHECK ("identification_standard" IN ('NATIONAL', 'PROVINCIAL', 'MUNICIPAL')),
  "identification_year"      INTEGER NOT NULL CHECK ("identification_year" BETWEEN 2013 AND 2100),
  "primary_cause"            TEXT NOT NULL,
  "other_causes"             TEXT[] NOT NULL DEFAULT '{}',
  "helper_id"                UUID NOT NULL REFERENCES "app_user"("id"),
  "farmland_mu"              NUMERIC(10, 2) NOT NULL DEFAULT 0 CHECK ("farmland_mu" >= 0),
  "forest_mu"                NUMERIC(10, 2) NOT NULL DEFAULT 0 CHECK ("forest_mu" >= 0),
  "has_electricity"          BOOLEAN NOT NULL DEFAULT TRUE,
  "has_broadcast_tv"         BOOLEAN NOT NULL DEFAULT TRUE,
  "drinking_water_safe"      BOOLEAN NOT NULL DEFAULT TRUE,
  "drinking_water_difficult" BOOLEAN NOT NULL DEFAULT FALSE,
  "distance_to_road_km"      NUMERIC(6, 2) NOT NULL DEFAULT 0 CHECK ("distance_to_road_km" >= 0),
  "road_type"                TEXT NOT NULL CHECK ("road_type" IN ('HARDENED', 'GRAVEL', 'DIRT', 'NONE')),
  "housing_area_m2"          NUMERIC(8, 2) NOT NULL DEFAULT 0 CHECK ("housing_area_m2" >= 0),
  "housing_grade"            CHAR(1) NOT NULL CHECK ("housing_grade" IN ('A', 'B', 'C', 'D')),
  "has_sanitary_toilet"      BOOLEAN NOT NULL DEFAULT FALSE,
  "fuel_type"                TEXT NOT NULL CHECK ("fuel_type" IN ('FIREWOOD', 'COAL', 'GAS', 'ELECTRIC', 'BIOGAS', 'OTHER')),
  "in_cooperative"           BOOLEAN NOT NULL DEFAULT FALSE,
  "food_secure"              BOOLEAN NOT NULL DEFAULT TRUE,
  "clothing_secure"          BOOLEAN NOT NULL DEFAULT TRUE,
  "status"                   TEXT NOT NULL DEFAULT 'REGISTERED' CHECK ("status" IN ('REGISTERED', 'EXITED', 'RETURNED', 'CANCELLED')),
  "exit_year"                INTEGER,
  "version"                  INTEGER NOT NULL DEFAULT 1,
  "created_at"               TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "updated_at"               TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CHECK ("county_code" = substr("village_code", 1, 6)),
  CHECK (substr("household_no", 1, 12) = "village_code"),
  CHECK (NOT ("primary_cause" = ANY ("other_causes"))),
  CHECK (("status" = 'EXITED') = ("exit_year" IS NOT NULL) OR "status" = 'RETURNED')
);
CREATE UNIQUE INDEX "household_county_code_household_no_key" ON "household"("county_code", "household_no");
CREATE INDEX "household_township_code_idx" ON "household"("township_code", "household_no");
CREATE INDEX "household_village_code_idx" ON "household"("village_code", "household_no");
CREATE INDEX "household_helper_id_idx" ON "household"("helper_id");
CREATE INDEX "household_county_code_status_idx" ON "household"("county_code", "status");

CREATE TABLE "member" (
  "id"                        UUID PRIMARY KEY,
  "household_id"              UUID NOT NULL REFERENCES "household"("id"),
  "county_code"               CHAR(6) NOT NULL,
  "name"                      TEXT NOT NULL CHECK (length("name") BETWEEN 1 AND 40),
  "id_number"                 CHAR(18) NOT NULL CHECK ("id_number" ~ '^[0-9]{17}[0-9X]$'),
  "gender"                    TEXT NOT NULL CHECK ("gender" IN ('MALE', 'FEMALE')),
  "birth_date"                DATE NOT NULL,
  "relation"                  TEXT NOT NULL,
  "ethnicity"                 TEXT NOT NULL DEFAULT '汉族',
  "education_level"           TEXT NOT NULL,
  "school_status"             TEXT NOT NULL,
  "schooling_exemption"       TEXT NOT NULL DEFAULT 'NONE',
  "health"                    TEXT NOT NULL,
  "disability_grade"          TEXT,
  "labour_skill"              TEXT NOT NULL,
  "work_status"               TEXT NOT NULL DEFAULT 'NONE',
  "work_months"               INTEGER CHECK ("work_months" BETWEEN 0 AND 24),
  "basic_medical_insurance"   BOOLEAN NOT NULL DEFAULT FALSE,
  "serious_illness_insurance" BOOLEAN NOT NULL DEFAULT FALSE,
  "pension_insurance"         BOOLEAN NOT NULL DEFAULT FALSE,
  "minimum_living"            BOOLEAN NOT NULL DEFAULT FALSE,
  "extreme_support"           BOOLEAN NOT NULL DEFAULT FALSE,
  "status"                    TEXT NOT NULL DEFAULT 'PRESENT' CHECK ("status" IN ('PRESENT', 'DECEASED', 'MOVED_OUT')),
  "status_date"               DATE,
  "joined_on"                 DATE,
  "version"                   INTEGER NOT NULL DEFAULT 1,
  "created_at"                TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "updated_at"                TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CHECK (("status" = 'PRESENT') = ("status_date" IS NULL))
);
-- One person (ID) belongs to at most one household at a time in the county.
CREATE UNIQUE INDEX "member_active_id_number_key" ON "member"("county_code", "id_number") WHERE "status" = 'PRESENT';
-- Exactly one present 户主 per household (at most one here; at least one is checked by the commands).
CREATE UNIQUE INDEX "member_one_head_key" ON "member"("household_id") WHERE "relation" = 'HEAD' AND "status" = 'PRESENT';
CREATE INDEX "member_household_id_idx" ON "member"("household_id");
CREATE INDEX "member_id_number_idx" ON "member"("county_code", "id_number");
-- Search by the last digits of an ID: a prefix search on the reversed number.
CREATE INDEX "member_id_number_reversed_idx" ON "member"("county_code", reverse("id_number") text_pattern_ops);
CREATE INDEX "member_name_idx" ON "member"("county_code", "name" text_pattern_ops);

CREATE TABLE "income_record" (
  "id"                          UUID PRIMARY KEY,
  "household_id"                UUID NOT NULL REFERENCES "household"("id"),
  "county_code"                 CHAR(6) NOT NULL,
  "year"                        INTEGER NOT NULL CHECK ("year" BETWEEN 2013 AND 2100),
  "wage_fen"                    INTEGER NOT NULL DEFAULT 0 CHECK ("wage_fen" >= 0),
  "business_income_fen"         INTEGER NOT NULL DEFAULT 0 CHECK ("business_income_fen" >= 0),
  "business_expense_fen"        INTEGER NOT NULL DEFAULT 0 CHECK ("business_expense_fen" >= 0),
  "property_fen"                INTEGER NOT NULL DEFAULT 0 CHECK ("property_fen" >= 0),
  "minimum_living_fen"          INTEGER NOT NULL DEFAULT 0 CHECK ("minimum_living_fen" >= 0),
  "extreme_poverty_support_fen" INTEGER NOT NULL DEFAULT 0 CHECK ("extreme_poverty_support_fen" >= 0),
  "pension_fen"                 INTEGER NOT NULL DEFAULT 0 CHECK ("pension_fen" >= 0),
  "family_planning_fen"         INTEGER NOT NULL DEFAULT 0 CHECK ("family_planning_fen" >= 0),
  "ecological_compensation_fen" INTEGER NOT NULL DEFAULT 0 CHECK ("ecological_compensation_fen" >= 0),
  "other_transfer_fen"          INTEGER NOT NULL DEFAULT 0 CHECK ("other_transfer_fen" >= 0),
  "version"                     INTEGER NOT NULL DEFAULT 1,
  "updated_at"                  TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX "income_record_household_id_year_key" ON "income_record"("household_id", "year");

CREATE TABLE "attachment" (
  "id"            UUID PRIMARY KEY,
  "county_code"   CHAR(6) NOT NULL,
  "household_id"  UUID NOT NULL REFERENCES "household"("id"),
  "owner_type"    TEXT NOT NULL DEFAULT 'HOUSEHOLD' CHECK ("owner_type" IN ('HOUSEHOLD', 'MEASURE', 'VISIT', 'EXIT_SHEET')),
  "owner_id"      UUID,
  "category"      TEXT NOT NULL,
  "sha256"        CHAR(64) NOT NULL CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
  "mime_type"     TEXT NOT NULL CHECK ("mime_type" IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
  "size_bytes"    INTEGER NOT NULL CHECK ("size_bytes" > 0),
  "original_name" TEXT NOT NULL,
  "uploaded_by"   UUID NOT NULL REFERENCES "app_user"("id"),
  "uploaded_at"   TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX "attachment_household_id_idx" ON "attachment"("household_id");
CREATE INDEX "attachment_owner_idx" ON "attachment"("owner_type", "owner_id");
