import { afterAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { STALE_VERSION_MESSAGE } from "@/lib/errors";
import { createUser, updateUser } from "@/lib/users/commands";
import { expectAppError, signInAs, uniqueName } from "./helpers";
import { prismaAdapter } from "@/lib/database-adapter";

describe("the audit log is append-only", () => {
  // The app's own role lacks the privilege altogether (tests/integration/security/database-role.test.ts);
  // the trigger guards the log against the tables' owner too.
  const owner = new PrismaClient({ adapter: prismaAdapter(inject("ownerDatabaseUrl")) });
  afterAll(() => owner.$disconnect());

  it("refuses UPDATE, DELETE and TRUNCATE even with raw SQL through the owner's connection", async () => {
    await signInAs("county");
    const row = await owner.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    await expect(owner.$executeRawUnsafe(`UPDATE audit_event SET action = 'tampered' WHERE id = ${row.id}`)).rejects.toThrow(/审计记录只能追加/);
    await expect(owner.$executeRawUnsafe(`DELETE FROM audit_event WHERE id = ${row.id}`)).rejects.toThrow(/审计记录只能追加/);
    await expect(owner.$executeRawUnsafe(`TRUNCATE audit_event`)).rejects.toThrow(/审计记录只能追加/);
    await expect(owner.auditEvent.deleteMany({})).rejects.toThrow();
    const again = await db.auditEvent.findUniqueOrThrow({ where: { id: row.id } });
    expect(again).toEqual(row);
  });
});

describe("user administration", () => {
  it("creates a user with its audit row (no password in it) in the same transaction", async () => {
    const admin = await signInAs("admin");
    const username = uniqueName("new");
    const { id } = await createUser(admin, { username, displayName: "新用户", password: "secret-2026", role: "HELPER", regionCode: "522698100203" });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: id, action: "user.create" } });
    expect(audit.actorId).toBe(admin.userId);
    expect(audit.after).toMatchObject({ username, role: "HELPER", regionCode: "522698100203" });
    expect(JSON.stringify(audit.after)).not.toContain("secret-2026");
  });

  it("refuses a stale version and keeps the newer change", async () => {
    const admin = await signInAs("admin");
    const { id } = await createUser(admin, {
      username: uniqueName("v"),
      displayName: "原名",
      password: "secret-2026",
      role: "HELPER",
      regionCode: "522698100203",
    });
    await updateUser(admin, { userId: id, version: 1, displayName: "第一次修改", role: "HELPER", regionCode: "522698100203" });
    const auditsBefore = await db.auditEvent.count({ where: { entityId: id } });
    const error = await expectAppError(
      updateUser(admin, { userId: id, version: 1, displayName: "过期的修改", role: "HELPER", regionCode: "522698100203" }),
      "STALE_VERSION",
    );
    expect(error.message).toBe(STALE_VERSION_MESSAGE);
    const user = await db.user.findUniqueOrThrow({ where: { id } });
    expect(user).toMatchObject({ displayName: "第一次修改", version: 2 });
    expect(await db.auditEvent.count({ where: { entityId: id } })).toBe(auditsBefore);
  });

  it("refuses a scope that does not fit the role, and non-admins entirely", async () => {
    const admin = await signInAs("admin");
    const error = await expectAppError(
      createUser(admin, { username: uniqueName("bad"), displayName: "错配", password: "secret-2026", role: "TOWNSHIP_CADRE", regionCode: "522698100201" }),
      "VALIDATION",
    );
    expect(error.fieldErrors?.regionCode).toEqual(["该角色的管辖范围必须是一个乡镇"]);
    const town = await signInAs("town");
    const before = await db.user.count();
    await expectAppError(
      createUser(town, { username: uniqueName("x"), displayName: "越权", password: "secret-2026", role: "HELPER", regionCode: "522698100201" }),
      "FORBIDDEN",
    );
    expect(await db.user.count()).toBe(before);
  });

  it("refuses bad input with field messages and writes nothing", async () => {
    const admin = await signInAs("admin");
    const before = { users: await db.user.count(), audit: await db.auditEvent.count() };
    const error = await expectAppError(
      createUser(admin, { username: "a".repeat(10_000), displayName: "", password: "short", role: "KING", regionCode: "1" }),
      "VALIDATION",
    );
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(["displayName", "password", "regionCode", "role", "username"]);
    expect({ users: await db.user.count(), audit: await db.auditEvent.count() }).toEqual(before);
  });
});
