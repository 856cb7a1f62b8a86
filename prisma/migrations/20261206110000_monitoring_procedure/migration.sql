-- 防止返贫动态监测, the procedures (docs/decisions/020-monitoring-procedures.md): 识别纳入 and 风险消除 are sheets of one
-- monitoring object, each declared as a chain on the sign-off kernel (lib/monitoring/chains.ts). An object is identified,
-- monitored, its risks eliminated — and may be identified again later (返贫): every sheet stays as history.

ALTER TABLE "monitoring_object" DROP CONSTRAINT "monitoring_object_status_check";
ALTER TABLE "monitoring_object" ADD CONSTRAINT "monitoring_object_status_check" CHECK ("status" IN ('PENDING', 'MONITORED', 'ELIMINATED'));
-- When the latest 识别纳入 was announced, and when the latest 风险消除 was.
ALTER TABLE "monitoring_object" ADD COLUMN "identified_on" DATE;
ALTER TABLE "monitoring_object" ADD COLUMN "eliminated_on" DATE;

-- A risk is closed (resolved_on) before the household's risks may be eliminated.
ALTER TABLE "monitoring_risk" ADD COLUMN "resolved_on" DATE;

CREATE TABLE "monitoring_sheet" (
  "id"                 UUID PRIMARY KEY,
  "county_code"        CHAR(6) NOT NULL,
  "township_code"      CHAR(12) NOT NULL REFERENCES "region"("code"),
  "village_code"       CHAR(12) NOT NULL REFERENCES "region"("code"),
  "object_id"          UUID NOT NULL REFERENCES "monitoring_object"("id"),
  "kind"               TEXT NOT NULL CHECK ("kind" IN ('IDENTIFY', 'ELIMINATE')),
  "round"              INTEGER NOT NULL DEFAULT 1 CHECK ("round" >= 1),
  "status"             TEXT NOT NULL DEFAULT 'IN_PROGRESS' CHECK ("status" IN ('IN_PROGRESS', 'REJECTED', 'APPROVED')),
  "rejected_reason"    TEXT,
  "notice_posted_on"   DATE,
  "notice_closed_on"   DATE,
  -- 风险消除 only: 帮扶消除 / 自然消除, and the figures the decision was taken on (income, 三保障), stored on approval.
  "elimination_method" TEXT CHECK ("elimination_method" IN ('ASSISTED', 'NATURAL')),
  "decision_figures"   JSONB,
  "created_by"         UUID NOT NULL REFERENCES "app_user"("id"),
  "version"            INTEGER NOT NULL DEFAULT 1,
  "created_at"         TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "updated_at"         TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CONSTRAINT "monitoring_sheet_method" CHECK (("kind" = 'ELIMINATE') = ("elimination_method" IS NOT NULL))
);
-- At most one open sheet per object.
CREATE UNIQUE INDEX "monitoring_sheet_open_key" ON "monitoring_sheet"("object_id") WHERE "status" <> 'APPROVED';
CREATE INDEX "monitoring_sheet_object_idx" ON "monitoring_sheet"("object_id", "created_at");
CREATE INDEX "monitoring_sheet_village_idx" ON "monitoring_sheet"("village_code", "status");

CREATE TABLE "monitoring_signature" (
  "id"           UUID PRIMARY KEY,
  "county_code"  CHAR(6) NOT NULL,
  "sheet_id"     UUID NOT NULL REFERENCES "monitoring_sheet"("id"),
  "round"        INTEGER NOT NULL,
  "step"         TEXT NOT NULL,
  "user_id"      UUID NOT NULL REFERENCES "app_user"("id"),
  "role"         TEXT NOT NULL,
  "opinion"      TEXT,
  "content_hash" CHAR(64) NOT NULL,
  "signed_at"    TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX "monitoring_signature_sheet_idx" ON "monitoring_signature"("sheet_id", "round", "signed_at");
CREATE TRIGGER "monitoring_signature_no_update_delete" BEFORE UPDATE OR DELETE ON "monitoring_signature"
  FOR EACH ROW EXECUTE FUNCTION "signature_is_immutable"();

-- The sheet's scans: the household's signed 承诺授权书 (CONSENT); stored by content hash like every attachment.
CREATE TABLE "monitoring_evidence" (
  "id"            UUID PRIMARY KEY,
  "county_code"   CHAR(6) NOT NULL,
  "sheet_id"      UUID NOT NULL REFERENCES "monitoring_sheet"("id"),
  "round"         INTEGER NOT NULL,
  "kind"          TEXT NOT NULL CHECK ("kind" IN ('CONSENT')),
  "sha256"        CHAR(64) NOT NULL,
  "mime_type"     TEXT NOT NULL,
  "size_bytes"    INTEGER NOT NULL,
  "original_name" TEXT NOT NULL,
  "uploaded_by"   UUID NOT NULL REFERENCES "app_user"("id"),
  "uploaded_at"   TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX "monitoring_evidence_sheet_idx" ON "monitoring_evidence"("sheet_id", "round");

-- Objections raised during 村内公示, as on the exit sheet.
CREATE TABLE "monitoring_objection" (
  "id"          UUID PRIMARY KEY,
  "county_code" CHAR(6) NOT NULL,
  "sheet_id"    UUID NOT NULL REFERENCES "monitoring_sheet"("id"),
  "round"       INTEGER NOT NULL,
  "raised_on"   DATE NOT NULL,
  "content"     TEXT NOT NULL CHECK (length("content") BETWEEN 1 AND 1000),
  "resolution"  TEXT,
  "resolved_by" UUID REFERENCES "app_user"("id"),
  "resolved_at" TIMESTAMPTZ(3),
  "version"     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX "monitoring_objection_sheet_idx" ON "monitoring_objection"("sheet_id", "round");
