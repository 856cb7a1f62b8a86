import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createUser, disableUser, enableUser, signOutEverywhere } from "@/lib/users/commands";
import { expectAppError, signInAs, uniqueName } from "./helpers";

async function newUser() {
  const admin = await signInAs("admin");
  const { id } = await createUser(admin, {
    username: uniqueName("u"),
    displayName: "账号测试",
    password: "secret-2026",
    role: "VILLAGE_CADRE",
    regionCode: "522698100202",
  });
  return { admin, id };
}

describe("account state (系统管理员)", () => {
  it("disables and enables again, each audited and ending the user's sessions", async () => {
    const { admin, id } = await newUser();
    const sessionVersion = async () => (await db.user.findUniqueOrThrow({ where: { id } })).sessionVersion;
    const first = await sessionVersion();
    expect(await disableUser(admin, { userId: id, version: 1 })).toEqual({ userId: id });
    expect(await enableUser(admin, { userId: id, version: 2 })).toEqual({ userId: id });
    const user = await db.user.findUniqueOrThrow({ where: { id } });
    expect(user).toMatchObject({ active: true, version: 3 });
    expect(await sessionVersion()).toBe(first + 2);
    const audit = await db.auditEvent.findMany({ where: { entityId: id, action: { in: ["user.disable", "user.enable"] } }, orderBy: { id: "asc" } });
    expect(audit.map((row) => [row.action, row.after])).toEqual([
      ["user.disable", { active: false }],
      ["user.enable", { active: true }],
    ]);
  });

  it("refuses to disable the administrator's own account, and a non-admin entirely", async () => {
    const admin = await signInAs("admin");
    const self = await db.user.findUniqueOrThrow({ where: { id: admin.userId } });
    const refused = await expectAppError(disableUser(admin, { userId: admin.userId, version: self.version }), "RULE_VIOLATION");
    expect(refused.message).toBe("不能停用自己的账号");
    const { id } = await newUser();
    await expectAppError(disableUser(await signInAs("county"), { userId: id, version: 1 }), "FORBIDDEN");
    await expectAppError(enableUser(await signInAs("village"), { userId: id, version: 1 }), "FORBIDDEN");
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.userId } })).active).toBe(true);
    expect((await db.user.findUniqueOrThrow({ where: { id } })).version).toBe(1);
  });

  it("强制下线 is an administrator's action, also for one's own account", async () => {
    const village = await signInAs("village");
    const before = (await db.user.findUniqueOrThrow({ where: { id: village.userId } })).sessionVersion;
    await expectAppError(signOutEverywhere(village, { userId: village.userId }), "FORBIDDEN");
    expect((await db.user.findUniqueOrThrow({ where: { id: village.userId } })).sessionVersion).toBe(before);
  });
});
