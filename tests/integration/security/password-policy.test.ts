import { describe, expect, it } from "vitest";
import { resolveActor } from "@/lib/auth/sessions";
import { verifyCredentials } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { createUser, resetPassword } from "@/lib/users/commands";
import { DEMO_PASSWORD } from "@/prisma/demo-county";
import { expectAppError, testIp, uniqueName } from "../helpers";

async function admin() {
  const ip = testIp();
  const actor = await resolveActor(await verifyCredentials({ username: "admin", password: DEMO_PASSWORD }, ip), ip, new Date(), "optional");
  if (!actor) throw new Error("admin did not resolve");
  return actor;
}

describe("password policy in the user commands", () => {
  it("create refuses a short, common or username-equal password and creates nothing", async () => {
    const actor = await admin();
    const before = await db.user.count();
    const username = uniqueName("pw");
    for (const password of ["short-pw", "1234567890", username.toUpperCase()]) {
      const error = await expectAppError(
        createUser(actor, { username, displayName: "密码测试", password, role: "VILLAGE_CADRE", regionCode: "522698100201" }),
        "VALIDATION",
      );
      expect(error.fieldErrors?.password).toHaveLength(1);
    }
    expect(await db.user.count()).toBe(before);
  });

  it("reset refuses the user's own username (known only from the database) and keeps the old password", async () => {
    const actor = await admin();
    const username = uniqueName("pw");
    const { id } = await createUser(actor, {
      username,
      displayName: "密码测试",
      password: "Good-pass-2026",
      role: "VILLAGE_CADRE",
      regionCode: "522698100201",
    });
    const before = await db.user.findUniqueOrThrow({ where: { id }, select: { passwordHash: true, version: true, sessionVersion: true } });
    const error = await expectAppError(resetPassword(actor, { userId: id, version: 1, password: username }), "VALIDATION");
    expect(error.fieldErrors?.password).toEqual(["密码不能与用户名相同"]);
    await expectAppError(resetPassword(actor, { userId: id, version: 1, password: "password123" }), "VALIDATION");
    expect(await db.user.findUniqueOrThrow({ where: { id }, select: { passwordHash: true, version: true, sessionVersion: true } })).toEqual(before);

    await resetPassword(actor, { userId: id, version: 1, password: "Another-pass-2026" });
    await verifyCredentials({ username, password: "Another-pass-2026" }, testIp());
  });
});
