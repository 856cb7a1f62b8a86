-- A new member saved offline is sent again when an answer is lost (lib/offline): the add-member form's one-time
-- key, kept per author like the visit's and the measure's, makes a repeat find the member the first send added.
-- Both columns are empty for members added before, by an import or by a household's creation.
ALTER TABLE "member" ADD COLUMN "created_by" UUID REFERENCES "app_user"("id");
ALTER TABLE "member" ADD COLUMN "idempotency_key" UUID;
CREATE UNIQUE INDEX "member_idempotency_key" ON "member"("county_code", "created_by", "idempotency_key");
