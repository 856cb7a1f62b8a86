-- 自然村/组 as a list per 行政村 (docs/decisions/027-village-groups-as-list.md). The national 12-digit code ends at the
-- 行政村, so a group has no code of its own: it is a named, ordered entry under its village, never a region row, and
-- every scope filter (county/township/village codes) stays as it is. Households keep the group's name in
-- household.village_group (free text when the village has no list). A retired group stays for the households that
-- already name it and is offered for no new choice.
CREATE TABLE "village_group" (
  "id"           UUID PRIMARY KEY,
  "county_code"  CHAR(6) NOT NULL,
  "village_code" CHAR(12) NOT NULL REFERENCES "region"("code"),
  "name"         TEXT NOT NULL CHECK (length(btrim("name")) > 0),
  "sort_order"   INTEGER NOT NULL DEFAULT 0,
  "retired_at"   TIMESTAMPTZ(3),
  "version"      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX "village_group_village_idx" ON "village_group"("village_code", "sort_order");
-- One group of a name per village among those in use.
CREATE UNIQUE INDEX "village_group_name_key" ON "village_group"("village_code", "name") WHERE "retired_at" IS NULL;
