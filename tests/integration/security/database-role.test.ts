// Finding 3: the app's own connection must not be able to rewrite the audit log, not even by
// switching triggers off (session_replication_role) or dropping them. It runs as a role that
// owns nothing and may only SELECT and INSERT audit_event.
import { describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { createTestHousehold } from "../factories";
import { signInAs } from "../helpers";

const ROLL_BACK = new Error("roll back whatever the statement did");

/**
 * The error a statement on the app's connection fails with, or null if it succeeded. It runs
 * in a transaction that is always rolled back, so a regression cannot damage the shared database.
 */
async function refusal(sql: string): Promise<Error | null> {
  let outcome: Error | null = null;
  await expect(
    db.$transaction(async (tx) => {
      outcome = await tx.$executeRawUnsafe(sql).then(
        () => null,
        (error: Error) => error,
      );
      throw ROLL_BACK;
    }),
  ).rejects.toBe(ROLL_BACK);
  return outcome;
}

const PERMISSION_DENIED = /permission denied|must be owner/;

async function newestAuditRow() {
  await signInAs("county");
  return db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
}

describe("the app's database role", () => {
  it("is not a superuser, owns no table and can become no other role", async () => {
    const [role] = await db.$queryRaw<
      { rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean; rolbypassrls: boolean; rolreplication: boolean; owned: bigint; memberships: bigint }[]
    >`
      SELECT r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolbypassrls, r.rolreplication,
             (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid) AS owned,
             (SELECT count(*) FROM pg_auth_members m WHERE m.member = r.oid) AS memberships
        FROM pg_roles r WHERE r.rolname = current_user`;
    expect(role).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false, rolreplication: false, owned: 0n, memberships: 0n });
    expect(await refusal(`SET ROLE postgres`)).toBeInstanceOf(Error);
  });

  it("cannot UPDATE, DELETE or TRUNCATE the audit log: the database refuses the privilege before any trigger runs", async () => {
    const row = await newestAuditRow();
    expect((await refusal(`UPDATE audit_event SET action = 'tampered' WHERE id = ${row.id}`))?.message).toMatch(/permission denied for table audit_event/);
    expect((await refusal(`DELETE FROM audit_event WHERE id = ${row.id}`))?.message).toMatch(/permission denied for table audit_event/);
    expect((await refusal(`TRUNCATE audit_event`))?.message).toMatch(/permission denied for table audit_event/);
    expect(await db.auditEvent.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  });

  it("cannot switch the triggers off with session_replication_role, and even inside such a session the UPDATE is refused", async () => {
    const row = await newestAuditRow();
    expect((await refusal(`SET session_replication_role = replica`))?.message).toMatch(/permission denied to set parameter/);

    const outcome: { set?: Error | null; update?: Error | null } = {};
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`SAVEPOINT before_replica`);
        outcome.set = await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`).then(
          () => null,
          (error: Error) => error,
        );
        if (outcome.set) await tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT before_replica`);
        outcome.update = await tx.$executeRawUnsafe(`UPDATE audit_event SET action = 'tampered' WHERE id = ${row.id}`).then(
          () => null,
          (error: Error) => error,
        );
        throw ROLL_BACK;
      }),
    ).rejects.toBe(ROLL_BACK);
    expect(outcome.set?.message).toMatch(/permission denied to set parameter/);
    expect(outcome.update?.message).toMatch(/permission denied for table audit_event/);
    expect(await db.auditEvent.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  });

  it("cannot drop or disable the triggers, nor drop or alter the tables", async () => {
    for (const sql of [
      `DROP TRIGGER audit_event_no_update_delete ON audit_event`,
      `DROP TRIGGER audit_event_no_truncate ON audit_event`,
      `ALTER TABLE audit_event DISABLE TRIGGER ALL`,
      `DROP FUNCTION audit_event_is_append_only() CASCADE`,
      `DROP TABLE audit_event`,
      `ALTER TABLE audit_event OWNER TO CURRENT_USER`,
      `DROP TRIGGER exit_signature_no_update_delete ON exit_signature`,
      `DROP TABLE household`,
    ]) {
      expect((await refusal(sql))?.message, sql).toMatch(PERMISSION_DENIED);
    }
    const [{ triggers }] = await db.$queryRaw<{ triggers: bigint }[]>`
      SELECT count(*) AS triggers FROM pg_trigger WHERE tgrelid = 'audit_event'::regclass AND tgenabled = 'O' AND NOT tgisinternal`;
    expect(triggers).toBe(2n);
  });

  it("cannot change or remove a signature, nor read or write the migration history", async () => {
    expect((await refusal(`UPDATE exit_signature SET opinion = 'tampered'`))?.message).toMatch(/permission denied for table exit_signature/);
    expect((await refusal(`DELETE FROM village_exit_signature`))?.message).toMatch(/permission denied for table village_exit_signature/);
    expect((await refusal(`DELETE FROM "_prisma_migrations"`))?.message).toMatch(/permission denied for table _prisma_migrations/);
    expect((await refusal(`SELECT count(*) FROM "_prisma_migrations"`))?.message).toMatch(/permission denied for table _prisma_migrations/);
  });

  it("still does the app's normal work: records an audit row and creates a household with its audit", async () => {
    const county = await signInAs("county");
    const before = await db.auditEvent.count();
    await db.$transaction((tx) => recordAudit(tx, county, { action: "settings.update", entityType: "Setting", entityId: "database-role" }));
    expect(await db.auditEvent.count()).toBe(before + 1);

    const village = await signInAs("village");
    const { id } = await createTestHousehold(village);
    expect(await db.auditEvent.count({ where: { entityId: id, action: "household.create" } })).toBe(1);
  });
});
