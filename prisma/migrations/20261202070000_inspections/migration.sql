-- 督查 (issue 11, docs/decisions/014-inspections.md): inspectors' reviews of exit sheets, spot-check
-- rounds whose draw anyone can recompute, field verification, and findings tracked to closure.
-- Reviews, frozen populations, draws, field checks and files are evidence: the app may only insert
-- them (scripts/lib/migrations.mjs grants SELECT, INSERT), and triggers refuse changes for everyone.

CREATE FUNCTION "refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- 问题类别: a county-managed list; the two a field check raises itself (错退, 漏评) cannot be retired.
CREATE TABLE "finding_category" (
  "code"     TEXT PRIMARY KEY,
  "name"     TEXT NOT NULL UNIQUE,
  "position" INTEGER NOT NULL,
  "built_in" BOOLEAN NOT NULL DEFAULT false,
  "retired"  BOOLEAN NOT NULL DEFAULT false,
  "version"  INTEGER NOT NULL DEFAULT 1,
  CHECK (NOT ("built_in" AND "retired"))
);
INSERT INTO "finding_category" ("code", "name", "position", "built_in") VALUES
  ('INCOME', '收入核算不实', 10, false),
  ('MEASURE_MISMATCH', '措施与致贫原因不匹配', 20, false),
  ('MISSING_SIGNATURE', '缺少签字', 30, false),
  ('MISSING_EVIDENCE', '佐证材料缺失', 40, false),
  ('BASIC_INFO', '基础信息错误', 50, false),
  ('POLICY', '政策落实不到位', 60, false),
  ('WRONG_EXIT', '错退（不符合退出标准）', 70, true),
  ('MISSED', '漏评（应纳未纳）', 80, true),
  ('OTHER', '其他', 90, false);

-- One review of a household exit sheet by an inspector, on the content hash it was made on.
CREATE TABLE "inspection_review" (
  "id"            UUID PRIMARY KEY,
  "county_code"   CHAR(6) NOT NULL,
  "township_code" CHAR(12) NOT NULL,
  "village_code"  CHAR(12) NOT NULL,
  "sheet_id"      UUID NOT NULL REFERENCES "exit_sheet"("id"),
  "household_id"  UUID NOT NULL REFERENCES "household"("id"),
  "sheet_round"   INTEGER NOT NULL,
  "sheet_status"  TEXT NOT NULL,
  "content_hash"  CHAR(64) NOT NULL,
  "inspector_id"  UUID NOT NULL REFERENCES "app_user"("id"),
  -- [{ "item": CHECKLIST code, "passed": boolean, "note": text }], in checklist order.
  "checklist"     JSONB NOT NULL,
  "failed_items"  TEXT[] NOT NULL DEFAULT '{}',
  "note"          TEXT,
  "reviewed_at"   TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX "inspection_review_sheet_idx" ON "inspection_review"("sheet_id", "reviewed_at" DESC);
CREATE TRIGGER "inspection_review_append_only" BEFORE UPDATE OR DELETE ON "inspection_review" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "inspection_review_no_truncate" BEFORE TRUNCATE ON "inspection_review" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();

-- A spot-check round. Created with its population frozen and hashed; drawn once, later, with the
-- public value then published. Nothing that defines the draw may change after the draw.
CREATE TABLE "sampling_round" (
  "id"              UUID PRIMARY KEY,
  "county_code"     CHAR(6) NOT NULL,
  "name"            TEXT NOT NULL,
  -- The exit year of the exited households in the population.
  "population_year" INTEGER NOT NULL,
  -- The townships in scope; empty = the whole county.
  "township_codes"  CHAR(12)[] NOT NULL DEFAULT '{}',
  "size_kind"       TEXT NOT NULL CHECK ("size_kind" IN ('COUNT', 'SHARE')),
  -- COUNT: households per township; SHARE: permille of each township's population.
  "size_value"      INTEGER NOT NULL CHECK ("size_value" > 0),
  "size_minimum"    INTEGER NOT NULL DEFAULT 0 CHECK ("size_minimum" >= 0),
  "public_source"   TEXT NOT NULL,
  "algorithm"       TEXT NOT NULL,
  "public_value"    TEXT,
  "drawn_at"        TIMESTAMPTZ(3),
  "drawn_by"        UUID REFERENCES "app_user"("id"),
  "created_by"      UUID NOT NULL REFERENCES "app_user"("id"),
  "created_at"      TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "version"         INTEGER NOT NULL DEFAULT 1,
  CHECK (("public_value" IS NULL) = ("drawn_at" IS NULL))
);
CREATE INDEX "sampling_round_county_idx" ON "sampling_round"("county_code", "created_at" DESC);

CREATE FUNCTION "sampling_round_fixed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'sampling rounds are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD."public_value" IS NOT NULL OR NEW."county_code" IS DISTINCT FROM OLD."county_code"
     OR NEW."population_year" IS DISTINCT FROM OLD."population_year" OR NEW."township_codes" IS DISTINCT FROM OLD."township_codes"
     OR NEW."size_kind" IS DISTINCT FROM OLD."size_kind" OR NEW."size_value" IS DISTINCT FROM OLD."size_value"
     OR NEW."size_minimum" IS DISTINCT FROM OLD."size_minimum" OR NEW."algorithm" IS DISTINCT FROM OLD."algorithm"
     OR NEW."public_source" IS DISTINCT FROM OLD."public_source" OR NEW."created_by" IS DISTINCT FROM OLD."created_by" THEN
    RAISE EXCEPTION 'a sampling round is fixed at creation and once drawn' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "sampling_round_fixed" BEFORE UPDATE OR DELETE ON "sampling_round" FOR EACH ROW EXECUTE FUNCTION "sampling_round_fixed"();

-- A frozen population per round and kind (EXITED: archive households; LISTED: not-registered
-- households entered as a list). entry_id is the household id for EXITED.
CREATE TABLE "sampling_population" (
  "round_id"      UUID NOT NULL REFERENCES "sampling_round"("id"),
  "kind"          TEXT NOT NULL CHECK ("kind" IN ('EXITED', 'LISTED')),
  "entry_id"      UUID NOT NULL,
  "township_code" CHAR(12) NOT NULL,
  "village_code"  CHAR(12) NOT NULL,
  "household_id"  UUID REFERENCES "household"("id"),
  "label"         TEXT NOT NULL,
  "detail"        TEXT,
  PRIMARY KEY ("round_id", "kind", "entry_id"),
  CHECK (("kind" = 'EXITED') = ("household_id" IS NOT NULL))
);
CREATE TRIGGER "sampling_population_append_only" BEFORE UPDATE OR DELETE ON "sampling_population" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "sampling_population_no_truncate" BEFORE TRUNCATE ON "sampling_population" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();

-- The hash of each frozen population (lib/inspections/sampling.ts#populationHash), published at creation.
CREATE TABLE "sampling_stratum" (
  "round_id"         UUID NOT NULL REFERENCES "sampling_round"("id"),
  "kind"             TEXT NOT NULL CHECK ("kind" IN ('EXITED', 'LISTED')),
  "population_hash"  CHAR(64) NOT NULL,
  "population_count" INTEGER NOT NULL CHECK ("population_count" >= 0),
  PRIMARY KEY ("round_id", "kind")
);
CREATE TRIGGER "sampling_stratum_append_only" BEFORE UPDATE OR DELETE ON "sampling_stratum" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "sampling_stratum_no_truncate" BEFORE TRUNCATE ON "sampling_stratum" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();

-- The sample: the draw's picks and, later, replacements (the draw order simply continues).
CREATE TABLE "sample_pick" (
  "round_id"           UUID NOT NULL,
  "kind"               TEXT NOT NULL,
  "entry_id"           UUID NOT NULL,
  "township_code"      CHAR(12) NOT NULL,
  "ordinal"            INTEGER NOT NULL CHECK ("ordinal" >= 1),
  "replaces_entry_id"  UUID,
  "replacement_reason" TEXT,
  "picked_by"          UUID NOT NULL REFERENCES "app_user"("id"),
  "picked_at"          TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  PRIMARY KEY ("round_id", "kind", "entry_id"),
  FOREIGN KEY ("round_id", "kind", "entry_id") REFERENCES "sampling_population"("round_id", "kind", "entry_id"),
  UNIQUE ("round_id", "kind", "township_code", "ordinal"),
  -- An entry is replaced at most once.
  UNIQUE ("round_id", "kind", "replaces_entry_id"),
  CHECK (("replaces_entry_id" IS NULL) = ("replacement_reason" IS NULL))
);
CREATE TRIGGER "sample_pick_append_only" BEFORE UPDATE OR DELETE ON "sample_pick" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "sample_pick_no_truncate" BEFORE TRUNCATE ON "sample_pick" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();

-- 入户核查 of one picked household: recorded once.
CREATE TABLE "field_check" (
  "id"              UUID PRIMARY KEY,
  "county_code"     CHAR(6) NOT NULL,
  "round_id"        UUID NOT NULL,
  "kind"            TEXT NOT NULL,
  "entry_id"        UUID NOT NULL,
  "township_code"   CHAR(12) NOT NULL,
  "village_code"    CHAR(12) NOT NULL,
  "household_id"    UUID REFERENCES "household"("id"),
  "inspector_id"    UUID NOT NULL REFERENCES "app_user"("id"),
  "visited_on"      DATE NOT NULL,
  "at_home"         BOOLEAN NOT NULL,
  -- EXITED: does the household really meet the exit standard (null when not at home)?
  "meets_standard"  BOOLEAN,
  "failed_criteria" TEXT[] NOT NULL DEFAULT '{}',
  -- LISTED: should the household have been registered (null when not at home)?
  "should_register" BOOLEAN,
  -- SATISFIED / BASICALLY_SATISFIED / DISSATISFIED / UNKNOWN; null when not asked.
  "satisfaction"    TEXT,
  "question"        TEXT,
  "note"            TEXT,
  "people"          INTEGER CHECK ("people" >= 0),
  "recorded_at"     TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  UNIQUE ("round_id", "kind", "entry_id"),
  FOREIGN KEY ("round_id", "kind", "entry_id") REFERENCES "sample_pick"("round_id", "kind", "entry_id"),
  CHECK ("at_home" OR ("meets_standard" IS NULL AND "should_register" IS NULL AND "satisfaction" IS NULL)),
  CHECK ("kind" <> 'EXITED' OR "should_register" IS NULL),
  CHECK ("kind" <> 'LISTED' OR "meets_standard" IS NULL)
);
CREATE INDEX "field_check_round_idx" ON "field_check"("round_id");
CREATE TRIGGER "field_check_append_only" BEFORE UPDATE OR DELETE ON "field_check" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "field_check_no_truncate" BEFORE TRUNCATE ON "field_check" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();

-- 问题清单: a finding about a household, a village or a township, tracked to closure (挂单督办).
CREATE TABLE "finding" (
  "id"                 UUID PRIMARY KEY,
  "county_code"        CHAR(6) NOT NULL,
  "township_code"      CHAR(12) NOT NULL,
  "village_code"       CHAR(12),
  "household_id"       UUID REFERENCES "household"("id"),
  "category_code"      TEXT NOT NULL REFERENCES "finding_category"("code"),
  -- REVIEW / FIELD_CHECK / MANUAL, with the review or field check it came from.
  "source"             TEXT NOT NULL,
  "review_id"          UUID REFERENCES "inspection_review"("id"),
  "field_check_id"     UUID REFERENCES "field_check"("id"),
  "checklist_item"     TEXT,
  "criterion"          TEXT,
  "description"        TEXT NOT NULL,
  "responsible_unit"   TEXT NOT NULL,
  "responsible_person" TEXT NOT NULL,
  "deadline"           DATE NOT NULL,
  -- OPEN (to rectify; also after a return) / SUBMITTED (report waiting) / CLOSED (销号).
  "status"             TEXT NOT NULL DEFAULT 'OPEN',
  "returns"            INTEGER NOT NULL DEFAULT 0,
  "raised_by"          UUID NOT NULL REFERENCES "app_user"("id"),
  "raised_at"          TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "closed_by"          UUID REFERENCES "app_user"("id"),
  "closed_at"          TIMESTAMPTZ(3),
  "version"            INTEGER NOT NULL DEFAULT 1,
  "updated_at"         TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CHECK ("household_id" IS NULL OR "village_code" IS NOT NULL),
  CHECK (("status" = 'CLOSED') = ("closed_at" IS NOT NULL))
);
CREATE INDEX "finding_county_status_idx" ON "finding"("county_code", "status", "deadline");
CREATE INDEX "finding_township_idx" ON "finding"("township_code", "status");
CREATE INDEX "finding_village_idx" ON "finding"("village_code", "status");
CREATE INDEX "finding_household_idx" ON "finding"("household_id");

-- 整改报告: the responsible side's report, and the inspector's decision on it.
CREATE TABLE "finding_report" (
  "id"              UUID PRIMARY KEY,
  "county_code"     CHAR(6) NOT NULL,
  "finding_id"      UUID NOT NULL REFERENCES "finding"("id"),
  "content"         TEXT NOT NULL,
  "submitted_by"    UUID NOT NULL REFERENCES "app_user"("id"),
  "submitted_at"    TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  -- ACCEPTED / RETURNED; null while waiting.
  "decision"        TEXT,
  "decision_reason" TEXT,
  "decided_by"      UUID REFERENCES "app_user"("id"),
  "decided_at"      TIMESTAMPTZ(3),
  CHECK (("decision" IS NULL) = ("decided_at" IS NULL))
);
CREATE INDEX "finding_report_finding_idx" ON "finding_report"("finding_id", "submitted_at");

-- Files of field checks and rectification reports (stored by content hash like attachments; these
-- need not belong to an archive household: a listed household or a village has none).
CREATE TABLE "inspection_file" (
  "id"            UUID PRIMARY KEY,
  "county_code"   CHAR(6) NOT NULL,
  "owner_type"    TEXT NOT NULL CHECK ("owner_type" IN ('FIELD_CHECK', 'FINDING_REPORT')),
  "owner_id"      UUID NOT NULL,
  "sha256"        CHAR(64) NOT NULL,
  "mime_type"     TEXT NOT NULL,
  "size_bytes"    INTEGER NOT NULL,
  "original_name" TEXT NOT NULL,
  "uploaded_by"   UUID NOT NULL REFERENCES "app_user"("id"),
  "uploaded_at"   TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX "inspection_file_owner_idx" ON "inspection_file"("owner_type", "owner_id");
CREATE TRIGGER "inspection_file_append_only" BEFORE UPDATE OR DELETE ON "inspection_file" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "inspection_file_no_truncate" BEFORE TRUNCATE ON "inspection_file" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
