-- Platform: regions, users and their scope, the append-only audit log, sign-in attempts, settings.

CREATE TABLE "region" (
  "code"          CHAR(12) PRIMARY KEY CHECK ("code" ~ '^[0-9]{12}$'),
  "name"          TEXT NOT NULL CHECK (length("name") BETWEEN 1 AND 60),
  "level"         TEXT NOT NULL CHECK ("level" IN ('COUNTY', 'TOWNSHIP', 'VILLAGE')),
  "parent_code"   CHAR(12) REFERENCES "region"("code"),
  "county_code"   CHAR(6) NOT NULL CHECK ("county_code" = substr("code", 1, 6)),
  "township_code" CHAR(12) REFERENCES "region"("code"),
  "sort_order"    INTEGER NOT NULL DEFAULT 0,
  CHECK (("level" = 'COUNTY') = ("parent_code" IS NULL)),
  CHECK (("level" = 'COUNTY') = ("township_code" IS NULL))
);
CREATE INDEX "region_parent_code_idx" ON "region"("parent_code");
CREATE INDEX "region_township_code_idx" ON "region"("township_code");

CREATE TABLE "app_user" (
  "id"              UUID PRIMARY KEY,
  "username"        TEXT NOT NULL CHECK ("username" ~ '^[A-Za-z0-9_.-]{2,40}$'),
  "display_name"    TEXT NOT NULL CHECK (length("display_name") BETWEEN 1 AND 40),
  "password_hash"   TEXT NOT NULL,
  "role"            TEXT NOT NULL CHECK ("role" IN ('VILLAGE_CADRE', 'WORK_TEAM', 'HELPER', 'TOWNSHIP_CADRE', 'COUNTY_OFFICE', 'COUNTY_LEADER', 'INSPECTOR', 'ADMIN')),
  "region_code"     CHAR(12) NOT NULL REFERENCES "region"("code"),
  "phone"           TEXT,
  "active"          BOOLEAN NOT NULL DEFAULT TRUE,
  "session_version" INTEGER NOT NULL DEFAULT 1,
  "version"         INTEGER NOT NULL DEFAULT 1,
  "created_at"      TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "updated_at"      TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX "app_user_username_key" ON "app_user"("username");
CREATE INDEX "app_user_region_code_idx" ON "app_user"("region_code");

-- One row per sign-in: lets the server enforce the idle and absolute limits and revoke sessions.
CREATE TABLE "user_session" (
  "id"           UUID PRIMARY KEY,
  "user_id"      UUID NOT NULL REFERENCES "app_user"("id"),
  "created_at"   TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "revoked_at"   TIMESTAMPTZ(3),
  "ip"           TEXT
);
CREATE INDEX "user_session_user_id_idx" ON "user_session"("user_id");

CREATE TABLE "leader_township" (
  "user_id"       UUID NOT NULL REFERENCES "app_user"("id"),
  "township_code" CHAR(12) NOT NULL REFERENCES "region"("code"),
  PRIMARY KEY ("user_id", "township_code")
);
CREATE INDEX "leader_township_township_code_idx" ON "leader_township"("township_code");

CREATE TABLE "audit_event" (
  "id"          BIGSERIAL PRIMARY KEY,
  "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "actor_id"    UUID,
  "actor_name"  TEXT,
  "actor_role"  TEXT,
  "ip"          TEXT,
  "action"      TEXT NOT NULL,
  "entity_type" TEXT NOT NULL,
  "entity_id"   TEXT,
  "county_code" CHAR(6),
  "before"      JSONB,
  "after"       JSONB
);
CREATE INDEX "audit_event_entity_type_entity_id_occurred_at_idx" ON "audit_event"("entity_type", "entity_id", "occurred_at");
CREATE INDEX "audit_event_actor_id_occurred_at_idx" ON "audit_event"("actor_id", "occurred_at");

-- The audit log is append-only, whoever connects: refuse every change to existing rows.
CREATE FUNCTION "audit_event_is_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '审计记录只能追加，不能修改或删除' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "audit_event_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_event"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_is_append_only"();
CREATE TRIGGER "audit_event_no_truncate" BEFORE TRUNCATE ON "audit_event"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_is_append_only"();

CREATE TABLE "sign_in_attempt" (
  "id"           BIGSERIAL PRIMARY KEY,
  "username"     TEXT NOT NULL,
  "ip"           TEXT NOT NULL,
  "succeeded"    BOOLEAN NOT NULL,
  "attempted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX "sign_in_attempt_username_attempted_at_idx" ON "sign_in_attempt"("username", "attempted_at");
CREATE INDEX "sign_in_attempt_ip_attempted_at_idx" ON "sign_in_attempt"("ip", "attempted_at");

CREATE TABLE "setting" (
  "key"        TEXT PRIMARY KEY,
  "value"      JSONB NOT NULL,
  "version"    INTEGER NOT NULL DEFAULT 1,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
