-- 疑点数据 "已核实无误" (docs/decisions/020-quality-verified-marks.md): a cadre marks a 疑点 (never an 错误) hit as
-- checked and correct, with a reason and optional evidence. The mark stores the SHA-256 of the canonical JSON of
-- the fields the rule reads (lib/data-quality/fingerprint.ts); the recompute keeps the hit quiet while the hash of
-- the current data equals it, and closes the mark (REOPENED) as soon as it differs. A withdrawn mark is WITHDRAWN.
CREATE TABLE "quality_mark" (
  "id"            UUID PRIMARY KEY,
  "county_code"   CHAR(6) NOT NULL,
  "township_code" CHAR(12) NOT NULL,
  "village_code"  CHAR(12) NOT NULL,
  "household_id"  UUID NOT NULL REFERENCES "household"("id"),
  "member_id"     UUID REFERENCES "member"("id"),
  "rule_code"     VARCHAR(8) NOT NULL,
  "field"         TEXT NOT NULL,
  "fields_hash"   CHAR(64) NOT NULL,
  "reason"        TEXT NOT NULL CHECK (length(btrim("reason")) > 0),
  "attachment_id" UUID REFERENCES "attachment"("id"),
  "status"        TEXT NOT NULL DEFAULT 'ACTIVE' CHECK ("status" IN ('ACTIVE', 'REOPENED', 'WITHDRAWN')),
  "version"       INTEGER NOT NULL DEFAULT 1,
  "created_by"    UUID NOT NULL REFERENCES "app_user"("id"),
  "created_at"    TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "closed_by"     UUID REFERENCES "app_user"("id"),
  "closed_at"     TIMESTAMPTZ(3)
);
CREATE INDEX "quality_mark_household_idx" ON "quality_mark"("household_id", "status");
CREATE INDEX "quality_mark_county_idx" ON "quality_mark"("county_code", "status", "rule_code");
-- At most one active mark per hit (rule, household, member, field).
CREATE UNIQUE INDEX "quality_mark_active_key" ON "quality_mark"("household_id", "rule_code", COALESCE("member_id", '00000000-0000-0000-0000-000000000000'::uuid), "field")
  WHERE "status" = 'ACTIVE';

-- A hit under an active mark whose hash matches the current data: listed as 已核实, left out of every open count.
ALTER TABLE "quality_hit" ADD COLUMN "verified_mark_id" UUID REFERENCES "quality_mark"("id");
CREATE INDEX "quality_hit_verified_idx" ON "quality_hit"("verified_mark_id") WHERE "verified_mark_id" IS NOT NULL;

-- The evidence of a mark is an attachment of the household owned by the mark.
ALTER TABLE "attachment" DROP CONSTRAINT IF EXISTS "attachment_owner_type_check";
ALTER TABLE "attachment" ADD CONSTRAINT "attachment_owner_type_check" CHECK ("owner_type" IN ('HOUSEHOLD', 'MEASURE', 'VISIT', 'EXIT_SHEET', 'QUALITY_MARK'));
