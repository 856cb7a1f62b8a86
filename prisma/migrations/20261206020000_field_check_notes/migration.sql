-- 入户核查的更正与补充 (docs/decisions/014): a field check is recorded once and never changed; a correction or an
-- addition is a new note on it. Evidence like the check itself: the app may only insert (scripts/lib/migrations.mjs),
-- and the triggers refuse changes for everyone.
CREATE TABLE "field_check_note" (
  "id"             UUID PRIMARY KEY,
  "county_code"    CHAR(6) NOT NULL,
  "field_check_id" UUID NOT NULL REFERENCES "field_check"("id"),
  "note"           TEXT NOT NULL,
  "written_by"     UUID NOT NULL REFERENCES "app_user"("id"),
  "written_at"     TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX "field_check_note_check_idx" ON "field_check_note"("field_check_id", "written_at");
CREATE TRIGGER "field_check_note_append_only" BEFORE UPDATE OR DELETE ON "field_check_note" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "field_check_note_no_truncate" BEFORE TRUNCATE ON "field_check_note" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
