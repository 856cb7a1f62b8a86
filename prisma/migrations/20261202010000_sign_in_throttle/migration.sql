-- Sign-in limits per (account, client network) and per client network (decision 002).
-- An attempt is reserved here with one INSERT … ON CONFLICT DO UPDATE before the password is
-- checked, so parallel attempts cannot overrun a limit. The row with username '' counts every
-- account from that network (password spraying). sign_in_attempt stays as the history.
CREATE TABLE "sign_in_throttle" (
  "username"             TEXT NOT NULL,
  "network"              TEXT NOT NULL,
  "window_started_at"    TIMESTAMPTZ(3) NOT NULL,
  "attempts"             INTEGER NOT NULL,
  "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
  "last_failure_at"      TIMESTAMPTZ(3),
  "next_attempt_at"      TIMESTAMPTZ(3),
  CONSTRAINT "sign_in_throttle_pkey" PRIMARY KEY ("username", "network"),
  CONSTRAINT "sign_in_throttle_counts_check" CHECK ("attempts" >= 0 AND "consecutive_failures" >= 0)
);
