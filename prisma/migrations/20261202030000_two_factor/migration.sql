-- Two-factor sign-in (TOTP, RFC 6238) for 系统管理员, 县扶贫办 and 督查 (lib/auth/two-factor.ts).
-- The secret is stored AES-256-GCM encrypted under a key derived from AUTH_SECRET; recovery codes
-- only as SHA-256 hashes. A row with "enrolled_at" NULL is an enrolment not yet confirmed.
CREATE TABLE "two_factor_credential" (
  "user_id"                   UUID PRIMARY KEY REFERENCES "app_user"("id"),
  "secret_encrypted"          TEXT NOT NULL,
  "created_at"                TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "enrolled_at"               TIMESTAMPTZ(3),
  -- The last 30-second time step whose code was accepted: a code is never accepted twice.
  "last_used_step"            INTEGER CHECK ("last_used_step" >= 0),
  -- Failed codes for the account across sessions (each session is revoked after its own 5).
  "failure_count"             INTEGER NOT NULL DEFAULT 0 CHECK ("failure_count" >= 0),
  "failure_window_started_at" TIMESTAMPTZ(3)
);

CREATE TABLE "recovery_code" (
  "id"         UUID PRIMARY KEY,
  "user_id"    UUID NOT NULL REFERENCES "app_user"("id"),
  "code_hash"  CHAR(64) NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "used_at"    TIMESTAMPTZ(3)
);
CREATE UNIQUE INDEX "recovery_code_user_id_code_hash_key" ON "recovery_code"("user_id", "code_hash");

-- When this session passed the second factor, and how many wrong codes it has sent.
ALTER TABLE "user_session" ADD COLUMN "second_factor_at" TIMESTAMPTZ(3);
ALTER TABLE "user_session" ADD COLUMN "second_factor_failures" INTEGER NOT NULL DEFAULT 0 CHECK ("second_factor_failures" >= 0);
