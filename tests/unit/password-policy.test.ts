import { describe, expect, it } from "vitest";
import { COMMON_PASSWORDS } from "@/lib/users/common-passwords";
import { ZCreateUser, ZPasswordOfUser, ZResetPassword } from "@/lib/users/schema";

const newUser = (password: string, username = "zhang.san") => ({
  username,
  displayName: "张三",
  password,
  role: "VILLAGE_CADRE",
  regionCode: "522698100201",
});

function passwordErrors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): string[] {
  return (result.error?.issues ?? []).filter((issue) => issue.path.join(".") === "password").map((issue) => issue.message);
}

describe("password policy for new passwords (create and reset)", () => {
  it("needs at least 10 characters", () => {
    expect(passwordErrors(ZCreateUser.safeParse(newUser("Xk3!q9zLp")))).toEqual(["密码至少 10 位"]);
    expect(ZCreateUser.safeParse(newUser("Xk3!q9zLpw")).success).toBe(true);
    expect(passwordErrors(ZResetPassword.safeParse({ userId: crypto.randomUUID(), version: 1, password: "short-pw" }))).toEqual(["密码至少 10 位"]);
  });

  it("refuses the username as the password, whatever its case", () => {
    expect(passwordErrors(ZCreateUser.safeParse(newUser("Wang.Xiaoming", "wang.xiaoming")))).toEqual(["密码不能与用户名相同"]);
    expect(passwordErrors(ZPasswordOfUser.safeParse({ username: "wang.xiaoming", password: "WANG.XIAOMING" }))).toEqual(["密码不能与用户名相同"]);
    expect(ZPasswordOfUser.safeParse({ username: "wang.xiaoming", password: "wang.xiaoming.2026" }).success).toBe(true);
  });

  it("refuses common passwords, whatever their case", () => {
    for (const common of ["1234567890", "qwertyuiop", "password123", "Password123", "a123456789", "woaini1314", "1q2w3e4r5t"]) {
      expect(passwordErrors(ZCreateUser.safeParse(newUser(common)))).toEqual(["该密码过于常见，容易被猜中，请换一个"]);
    }
    expect(passwordErrors(ZResetPassword.safeParse({ userId: crypto.randomUUID(), version: 1, password: "QWERTYUIOP" }))).toEqual([
      "该密码过于常见，容易被猜中，请换一个",
    ]);
  });

  it("keeps a short list of the usual suspects, all lower case", () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(100);
    for (const entry of ["12345678", "password", "qwerty123", "1234567890", "11111111", "abc123456", "woaini1314", "a123456789", "admin123"]) {
      expect(COMMON_PASSWORDS.has(entry)).toBe(true);
    }
    for (const entry of COMMON_PASSWORDS) expect(entry).toBe(entry.toLowerCase());
  });

  it("still caps the length at 100", () => {
    expect(passwordErrors(ZCreateUser.safeParse(newUser("x".repeat(101))))).toEqual(["密码不超过 100 位"]);
  });
});
