-- 贫困村退出: the village conditions are entered "with evidence" (POLICY §5), but an attachment
-- belongs to a household; a village exit sheet keeps its own evidence files (stored by content
-- hash like every attachment). The 乡镇内公示 is recorded with its dates on the sheet.

ALTER TABLE "village_exit_sheet" ADD COLUMN "notice_posted_on" DATE;
ALTER TABLE "village_exit_sheet" ADD COLUMN "notice_ended_on" DATE;
ALTER TABLE "village_exit_sheet" ADD CONSTRAINT "village_exit_sheet_notice_dates_check"
  CHECK ("notice_ended_on" IS NULL OR ("notice_posted_on" IS NOT NULL AND "notice_ended_on" >= "notice_posted_on"));

CREATE TABLE "village_exit_evidence" (
  "id"            UUID PRIMARY KEY,
  "county_code"   CHAR(6) NOT NULL,
  "sheet_id"      UUID NOT NULL REFERENCES "village_exit_sheet"("id"),
  "condition"     TEXT NOT NULL CHECK ("condition" IN ('INCIDENCE', 'COLLECTIVE_INCOME', 'ROAD', 'POWER', 'WATER', 'CLINIC', 'CULTURE', 'BROADBAND', 'NOTICE', 'OTHER')),
  "sha256"        CHAR(64) NOT NULL,
  "mime_type"     TEXT NOT NULL,
  "size_bytes"    INTEGER NOT NULL CHECK ("size_bytes" > 0),
  "original_name" TEXT NOT NULL,
  "uploaded_by"   UUID NOT NULL REFERENCES "app_user"("id"),
  "uploaded_at"   TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX "village_exit_evidence_sheet_id_idx" ON "village_exit_evidence"("sheet_id", "uploaded_at");
