-- 脱贫退出核验: household exit sheets with their signed chain, objections during 公示,
-- village population per year and village exit sheets with their own chain.

ALTER TABLE "household" ADD COLUMN "returned_reason" TEXT;

CREATE TABLE "exit_sheet" (
  "id"                UUID PRIMARY KEY,
  "county_code"       CHAR(6) NOT NULL,
  "township_code"     CHAR(12) NOT NULL,
  "village_code"      CHAR(12) NOT NULL,
  "household_id"      UUID NOT NULL REFERENCES "household"("id"),
  "assessment_year"   INTEGER NOT NULL CHECK ("assessment_year" BETWEEN 2013 AND 2100),
  "verification_code" VARCHAR(12) NOT NULL,
  "round"             INTEGER NOT NULL DEFAULT 1 CHECK ("round" >= 1),
  "status"            TEXT NOT NULL DEFAULT 'IN_PROGRESS' CHECK ("status" IN ('IN_PROGRESS', 'REJECTED', 'APPROVED')),
  "review_date"       DATE,
  "review_present"    INTEGER CHECK ("review_present" > 0),
  "review_result"     TEXT,
  "notice_posted_on"  DATE,
  "notice_closed_on"  DATE,
  "rejected_reason"   TEXT,
  "rejected_by"       UUID REFERENCES "app_user"("id"),
  "rejected_at"       TIMESTAMPTZ(3),
  "version"           INTEGER NOT NULL DEFAULT 1,
  "created_at"        TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "updated_at"        TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX "exit_sheet_household_id_assessment_year_key" ON "exit_sheet"("household_id", "assessment_year");
CREATE UNIQUE INDEX "exit_sheet_county_code_verification_code_key" ON "exit_sheet"("county_code", "verification_code");
CREATE INDEX "exit_sheet_village_code_status_idx" ON "exit_sheet"("village_code", "status");

CREATE TABLE "exit_signature" (
  "id"           UUID PRIMARY KEY,
  "county_code"  CHAR(6) NOT NULL,
  "sheet_id"     UUID NOT NULL REFERENCES "exit_sheet"("id"),
  "round"        INTEGER NOT NULL,
  "step"         TEXT NOT NULL CHECK ("step" IN ('PROPOSE', 'DEMOCRATIC_REVIEW', 'WORK_TEAM_VERIFY', 'HOUSEHOLD_CONSENT', 'PUBLIC_NOTICE', 'TOWNSHIP_REVIEW', 'COUNTY_APPROVAL')),
  "user_id"      UUID NOT NULL REFERENCES "app_user"("id"),
  "role"         TEXT NOT NULL,
  "opinion"      TEXT,
  "content_hash" CHAR(64) NOT NULL,
  "signed_at"    TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX "exit_signature_sheet_id_idx" ON "exit_signature"("sheet_id", "round", "signed_at");
-- Signatures are evidence: never changed, never removed.
CREATE FUNCTION "signature_is_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '签字记录不能修改或删除' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "exit_signature_no_update_delete" BEFORE UPDATE OR DELETE ON "exit_signature"
  FOR EACH ROW EXECUTE FUNCTION "signature_is_immutable"();

CREATE TABLE "exit_objection" (
  "id"          UUID PRIMARY KEY,
  "county_code" CHAR(6) NOT NULL,
  "sheet_id"    UUID NOT NULL REFERENCES "exit_sheet"("id"),
  "round"       INTEGER NOT NULL,
  "raised_on"   DATE NOT NULL,
  "content"     TEXT NOT NULL CHECK (length("content") BETWEEN 1 AND 1000),
  "resolution"  TEXT,
  "resolved_by" UUID REFERENCES "app_user"("id"),
  "resolved_at" TIMESTAMPTZ(3),
  "version"     INTEGER NOT NULL DEFAULT 1,
  CHECK (("resolution" IS NULL) = ("resolved_at" IS NULL))
);
CREATE INDEX "exit_objection_sheet_id_idx" ON "exit_objection"("sheet_id", "round");

-- The village's rural registered population per year, entered by the township.
CREATE TABLE "village_population" (
  "village_code"     CHAR(12) NOT NULL REFERENCES "region"("code"),
  "year"             INTEGER NOT NULL CHECK ("year" BETWEEN 2013 AND 2100),
  "rural_population" INTEGER NOT NULL CHECK ("rural_population" > 0),
  "version"          INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY ("village_code", "year")
);

CREATE TABLE "village_exit_sheet" (
  "id"                    UUID PRIMARY KEY,
  "county_code"           CHAR(6) NOT NULL,
  "township_code"         CHAR(12) NOT NULL REFERENCES "region"("code"),
  "village_code"          CHAR(12) NOT NULL REFERENCES "region"("code"),
  "assessment_year"       INTEGER NOT NULL CHECK ("assessment_year" BETWEEN 2013 AND 2100),
  "round"                 INTEGER NOT NULL DEFAULT 1,
  "status"                TEXT NOT NULL DEFAULT 'IN_PROGRESS' CHECK ("status" IN ('IN_PROGRESS', 'REJECTED', 'APPROVED')),
  "collective_income_fen" INTEGER NOT NULL DEFAULT 0 CHECK ("collective_income_fen" >= 0),
  "hardened_road"         BOOLEAN NOT NULL DEFAULT FALSE,
  "power_supply"          BOOLEAN NOT NULL DEFAULT FALSE,
  "safe_water"            BOOLEAN NOT NULL DEFAULT FALSE,
  "clinic_four_rooms"     BOOLEAN NOT NULL DEFAULT FALSE,
  "qualified_doctor"      BOOLEAN NOT NULL DEFAULT FALSE,
  "culture_venue"         BOOLEAN NOT NULL DEFAULT FALSE,
  "broadband"             BOOLEAN NOT NULL DEFAULT FALSE,
  "rejected_reason"       TEXT,
  "exited_at"             TIMESTAMPTZ(3),
  "version"               INTEGER NOT NULL DEFAULT 1,
  "created_at"            TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "updated_at"            TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX "village_exit_sheet_village_code_assessment_year_key" ON "village_exit_sheet"("village_code", "assessment_year");

CREATE TABLE "village_exit_signature" (
  "id"           UUID PRIMARY KEY,
  "county_code"  CHAR(6) NOT NULL,
  "sheet_id"     UUID NOT NULL REFERENCES "village_exit_sheet"("id"),
  "round"        INTEGER NOT NULL,
  "step"         TEXT NOT NULL CHECK ("step" IN ('TOWNSHIP_PROPOSE', 'TOWNSHIP_NOTICE', 'COUNTY_APPROVAL', 'LEADER_SIGN')),
  "user_id"      UUID NOT NULL REFERENCES "app_user"("id"),
  "role"         TEXT NOT NULL,
  "opinion"      TEXT,
  "content_hash" CHAR(64) NOT NULL,
  "signed_at"    TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX "village_exit_signature_sheet_id_idx" ON "village_exit_signature"("sheet_id", "round");
CREATE TRIGGER "village_exit_signature_no_update_delete" BEFORE UPDATE OR DELETE ON "village_exit_signature"
  FOR EACH ROW EXECUTE FUNCTION "signature_is_immutable"();
