-- A form's one-time key: a doubled or retried submit of the same form creates one record.
-- Keyed per author, so one user's key can never return another user's record.
ALTER TABLE "visit" ADD COLUMN "idempotency_key" UUID;
CREATE UNIQUE INDEX "visit_idempotency_key" ON "visit"("county_code", "visitor_id", "idempotency_key");

ALTER TABLE "measure" ADD COLUMN "idempotency_key" UUID;
CREATE UNIQUE INDEX "measure_idempotency_key" ON "measure"("county_code", "created_by", "idempotency_key");
