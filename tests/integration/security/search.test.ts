import bcrypt from "bcryptjs";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { findExitSheets } from "@/lib/exits/household/find-exit-sheets";
import { openExitSheet } from "@/lib/exits/household/open-exit-sheet";
import { ZExitSheetFilter } from "@/lib/exits/schema";
import { findHouseholds } from "@/lib/households/find-households";
import { ZHouseholdFilter } from "@/lib/households/schema";
import { saveIncome } from "@/lib/income/commands";
import { ZPageParams } from "@/lib/pagination";
import { findUsers } from "@/lib/users/queries";
import { DEMO_COUNTY, DEMO_PASSWORD } from "@/prisma/demo-county";
import { createTestHousehold, FIRST_VILLAGE } from "../factories";
import { signInAs } from "../helpers";

const page = ZPageParams.parse({ pageSize: "100" });

/** Households of 石桥镇 (first township) by their 户主 name. */
const HEADS = {
  literal: "王_明",
  small: "王小明",
  big: "王大明",
  percent: "百分%号",
  backslash: "反\\斜",
  backslashUnderscore: "王\\_明",
  rare: "王𠮷明",
  rareFirst: "𠮷祥云",
  dot: "阿依·古丽",
  threeCharacters: "覃鹭岚",
} as const;
type Head = keyof typeof HEADS;

let town: Actor;
let town2: Actor;
const ids = {} as Record<Head, string>;

beforeAll(async () => {
  const village = await signInAs("village");
  [town, town2] = await Promise.all([signInAs("town"), signInAs("town2")]);
  for (const [key, name] of Object.entries(HEADS) as [Head, string][]) {
    ids[key] = (await createTestHousehold(village, FIRST_VILLAGE, { head: { name } })).id;
  }
});

async function search(actor: Actor, q: string) {
  const result = await findHouseholds(actor, ZHouseholdFilter.parse({ q }), page);
  return { ...result, ids: result.rows.map((row) => row.id), names: result.rows.map((row) => row.headName ?? "") };
}

describe("household search: LIKE wildcards are literal", () => {
  it("Prisma's contains/startsWith do not escape them in PostgreSQL (why lib/search.ts exists)", async () => {
    const mine = { householdId: { in: [ids.small, ids.big, ids.literal] }, relation: "HEAD" };
    expect(await db.member.count({ where: { ...mine, name: { contains: "王_明" } } })).toBe(3);
    expect(await db.member.count({ where: { ...mine, name: { startsWith: "%" } } })).toBe(3);
  });

  it("王_明 finds the literal 王_明 only, not 王小明 or 王大明", async () => {
    const result = await search(town, "王_明");
    expect(result.ids).toContain(ids.literal);
    expect(result.ids).not.toContain(ids.small);
    expect(result.ids).not.toContain(ids.big);
    expect(result.names.every((name) => name.includes("王_明"))).toBe(true);
  });

  it("% matches only names that contain a %", async () => {
    const result = await search(town, "%");
    expect(result.ids).toContain(ids.percent);
    expect(result.names.every((name) => name.includes("%"))).toBe(true);
    expect(result.ids).not.toContain(ids.small);
  });

  it("a backslash is harmless and literal, also before a wildcard", async () => {
    const backslash = await search(town, "\\");
    expect(backslash.ids).toEqual(expect.arrayContaining([ids.backslash, ids.backslashUnderscore]));
    expect(backslash.names.every((name) => name.includes("\\"))).toBe(true);
    const escaped = await search(town, "王\\_明");
    expect(escaped.ids).toContain(ids.backslashUnderscore);
    expect(escaped.ids).not.toContain(ids.literal);
    expect((await search(town, "\\%")).total).toBe(0);
  });
});

describe("household search by any part of the 户主 name", () => {
  it("finds a name by its middle character, its last characters and in full", async () => {
    for (const q of ["鹭", "岚", "鹭岚", "覃鹭", "覃鹭岚"]) expect((await search(town, q)).ids, q).toContain(ids.threeCharacters);
    expect((await search(town, "覃岚")).ids).not.toContain(ids.threeCharacters);
  });

  it("finds a rare (Ext-B) character and a name with the middle dot, by prefix and by substring", async () => {
    for (const q of ["𠮷", "王𠮷", "𠮷明"]) expect((await search(town, q)).ids, q).toContain(ids.rare);
    for (const q of ["𠮷", "𠮷祥", "祥云"]) expect((await search(town, q)).ids, q).toContain(ids.rareFirst);
    for (const q of ["阿依", "阿依·", "依·古", "·古丽", "古丽", "阿依·古丽"]) expect((await search(town, q)).ids, q).toContain(ids.dot);
    expect((await search(town, "阿依古丽")).ids).not.toContain(ids.dot);
  });

  it("still applies the scope: another township does not find these households by any part of the name", async () => {
    for (const q of ["鹭", "鹭岚", "𠮷", "依·古", "王_明", "%"]) {
      const result = await search(town2, q);
      expect(
        result.ids.filter((id) => Object.values(ids).includes(id)),
        q,
      ).toEqual([]);
    }
  });
});

describe("over-long searches", () => {
  it("an over-long search lists nothing instead of being ignored", async () => {
    expect((await search(town, "王".repeat(40))).total).toBe(0);
    const long = await search(town, "王".repeat(41));
    expect(long.total).toBe(0);
    expect(long.rows).toEqual([]);
    expect((await search(town, "王".repeat(10_000))).total).toBe(0);
  });
});

describe("the exit sheet and user searches: wildcards literal, over-long refused", () => {
  it("exit sheets by 户主 name", async () => {
    const [village, helper, county] = await Promise.all([signInAs("village"), signInAs("helper"), signInAs("county")]);
    const { id: householdId } = await createTestHousehold(village, FIRST_VILLAGE, { head: { name: "核验户主甲" } });
    await saveIncome(village, { householdId, year: "2020", version: "0", wageFen: "20000" });
    const { id } = await openExitSheet(helper, { householdId, assessmentYear: 2020 });
    const sheets = (q: string) => findExitSheets(county, ZExitSheetFilter.parse({ q }), page);
    expect((await sheets("核验户主")).rows.map((row) => row.id)).toContain(id);
    expect((await sheets("%")).rows.map((row) => row.id)).not.toContain(id);
    expect((await sheets("核验_主")).rows.map((row) => row.id)).not.toContain(id);
    expect((await sheets(`核验户主甲${"甲".repeat(36)}`)).total).toBe(0);
  });

  it("users by username or display name", async () => {
    const admin = await signInAs("admin");
    const suffix = randomUUID().replace(/-/g, "").slice(0, 8);
    const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 4);
    const literal = await db.user.create({
      data: { username: `a_b${suffix}`, displayName: "通配符测试", role: "INSPECTOR", regionCode: DEMO_COUNTY.code, active: false, passwordHash },
    });
    const other = await db.user.create({
      data: { username: `axb${suffix}`, displayName: "通配符测试", role: "INSPECTOR", regionCode: DEMO_COUNTY.code, active: false, passwordHash },
    });
    const found = await findUsers(admin, { q: `a_b${suffix}` }, page);
    expect(found.rows.map((row) => row.id)).toEqual([literal.id]);
    expect(found.rows.map((row) => row.id)).not.toContain(other.id);
    const percent = await findUsers(admin, { q: "%" }, page);
    expect(percent.rows.every((row) => row.username.includes("%") || row.displayName.includes("%"))).toBe(true);
    expect(percent.total).toBe(0);

    const long = await db.user.create({
      data: { username: `long${suffix}`, displayName: "长".repeat(40), role: "INSPECTOR", regionCode: DEMO_COUNTY.code, active: false, passwordHash },
    });
    expect((await findUsers(admin, { q: "长".repeat(40) }, page)).rows.map((row) => row.id)).toEqual([long.id]);
    expect((await findUsers(admin, { q: "长".repeat(41) }, page)).total).toBe(0);
  });
});
