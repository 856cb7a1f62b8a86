-- Import of the national member export (issue 13, docs/decisions/016): a batch per uploaded file, its issues
-- (every error with sheet row and column) and its staged households (checked, waiting for the merge). The file
-- itself is kept by its SHA-256 in the attachment store, for the error report.
CREATE TABLE "import_batch" (
  "id"                  UUID PRIMARY KEY,
  "county_code"         CHAR(6) NOT NULL,
  -- The township the batch is limited to (a 乡镇干部's import); NULL for the county office.
  "township_code"       CHAR(12) REFERENCES "region"("code"),
  "file_name"           TEXT NOT NULL,
  "file_sha256"         CHAR(64) NOT NULL,
  "file_size"           INTEGER NOT NULL,
  -- UPLOADED → PARSING → VALIDATED | REJECTED; VALIDATED → MERGING → MERGED | FAILED; MERGED → UNDONE
  "status"              TEXT NOT NULL DEFAULT 'UPLOADED',
  "message"             TEXT,
  "rows_read"           INTEGER NOT NULL DEFAULT 0,
  -- Rows the sheet holds (its <dimension>, or estimated from the bytes read so far): the progress bar's total.
  "rows_expected"       INTEGER,
  "header_row"          INTEGER,
  "rows_total"          INTEGER NOT NULL DEFAULT 0,
  "households_total"    INTEGER NOT NULL DEFAULT 0,
  "households_valid"    INTEGER NOT NULL DEFAULT 0,
  "households_existing" INTEGER NOT NULL DEFAULT 0,
  "members_valid"       INTEGER NOT NULL DEFAULT 0,
  "issue_count"         INTEGER NOT NULL DEFAULT 0,
  "mode"                TEXT,
  "households_merged"   INTEGER NOT NULL DEFAULT 0,
  "members_merged"      INTEGER NOT NULL DEFAULT 0,
  "created_by"          UUID NOT NULL REFERENCES "app_user"("id"),
  "created_at"          TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "merged_by"           UUID REFERENCES "app_user"("id"),
  "merged_at"           TIMESTAMPTZ(3),
  "undone_by"           UUID REFERENCES "app_user"("id"),
  "undone_at"           TIMESTAMPTZ(3),
  "updated_at"          TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX "import_batch_county_idx" ON "import_batch"("county_code", "created_at");

CREATE TABLE "import_issue" (
  "id"          BIGSERIAL PRIMARY KEY,
  "batch_id"    UUID NOT NULL REFERENCES "import_batch"("id") ON DELETE CASCADE,
  "county_code" CHAR(6) NOT NULL,
  "sheet_row"   INTEGER NOT NULL,
  "column_name" TEXT NOT NULL,
  "code"        TEXT NOT NULL,
  "message"     TEXT NOT NULL
);
CREATE INDEX "import_issue_batch_idx" ON "import_issue"("batch_id", "sheet_row");

CREATE TABLE "import_household" (
  "id"                    UUID PRIMARY KEY,
  "batch_id"              UUID NOT NULL REFERENCES "import_batch"("id") ON DELETE CASCADE,
  "county_code"           CHAR(6) NOT NULL,
  "household_no"          VARCHAR(16) NOT NULL,
  "township_code"         CHAR(12),
  "village_code"          CHAR(12),
  "first_row"             INTEGER NOT NULL,
  "row_count"             INTEGER NOT NULL,
  -- VALID | INVALID | EXISTING (already in the archive: skipped)
  "state"                 TEXT NOT NULL,
  -- The checked household and members (lib/imports/rules.ts), written by the merge.
  "payload"               JSONB,
  -- The archive household the merge created.
  "household_id"          UUID REFERENCES "household"("id") ON DELETE SET NULL
);
CREATE INDEX "import_household_batch_idx" ON "import_household"("batch_id", "state", "first_row");
CREATE INDEX "import_household_household_idx" ON "import_household"("household_id");
