import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { createRegion } from "@/lib/regions/commands";
import { importRegionTree } from "@/lib/regions/import-tree";
import { exportRegionTree } from "@/lib/regions/queries";
import { createOwnCounty } from "./factories";
import { expectAppError, signInAs, uniqueName } from "./helpers";

// A county of its own (the demo county's villages are expected by other suites to each have a 帮扶责任人), with its administrator.
let county6 = "";
let admin: Actor;
beforeAll(async () => {
  county6 = await createOwnCounty("4528", uniqueName("导入县"));
  const username = uniqueName("importadmin");
  await db.user.create({
    data: { username, displayName: "导入管理员", role: "ADMIN", regionCode: `${county6}000000`, passwordHash: await hashPassword("Import-2026-x") },
  });
  admin = await signInAs(username, "Import-2026-x");
});
let townshipNumber = 300 + Math.floor(Math.random() * 500);
const nextTownship = () => `${county6}${String(++townshipNumber).padStart(3, "0")}000`;

async function sheet(rows: (string | number)[][], name = "区划.xlsx") {
  const book = new ExcelJS.Workbook();
  const worksheet = book.addWorksheet("区划");
  worksheet.addRow(["区划表"]);
  worksheet.addRow(["代码", "名称", "级别", "上级代码"]);
  for (const row of rows) worksheet.addRow(row);
  return { name, bytes: new Uint8Array(await book.xlsx.writeBuffer()) };
}

describe("region tree import (系统管理员)", () => {
  it("previews without writing, then imports every row with its audit and one for the import", async () => {
    const township = nextTownship();
    const already = nextTownship();
    await createRegion(admin, { level: "TOWNSHIP", code: already, name: "已有镇", parentCode: `${county6}000000` });
    const file = await sheet([
      [`${county6}000000`, "本县", "县", ""],
      [`${township.slice(0, 9)}201`, "导入一村", "村", township],
      [township, "导入镇", "镇", `${county6}000000`],
      [`${township.slice(0, 9)}202`, "导入二村", "村", township],
      [already, "已有镇", "乡镇", `${county6}000000`],
    ]);
    const auditBefore = await db.auditEvent.count();
    const preview = await importRegionTree(admin, { file, mode: "preview" });
    expect(preview).toMatchObject({ mode: "preview", rows: 5, unchanged: 2, errors: [], applied: false });
    expect(preview.creates.map((region) => region.code)).toEqual([township, `${township.slice(0, 9)}201`, `${township.slice(0, 9)}202`]);
    expect(await db.region.count({ where: { townshipCode: township } })).toBe(0);
    expect(await db.auditEvent.count()).toBe(auditBefore);

    const applied = await importRegionTree(admin, { file, mode: "apply" });
    expect(applied.applied).toBe(true);
    const created = await db.region.findMany({ where: { townshipCode: township }, orderBy: { code: "asc" } });
    expect(created.map((region) => [region.code, region.name, region.level, region.parentCode, region.sortOrder])).toEqual([
      [township, "导入镇", "TOWNSHIP", `${county6}000000`, created[0].sortOrder],
      [`${township.slice(0, 9)}201`, "导入一村", "VILLAGE", township, 0],
      [`${township.slice(0, 9)}202`, "导入二村", "VILLAGE", township, 1],
    ]);
    expect(await db.auditEvent.count({ where: { action: "region.create", entityId: { in: created.map((region) => region.code) } } })).toBe(3);
    const importAudit = await db.auditEvent.findFirstOrThrow({ where: { action: "region.import" }, orderBy: { id: "desc" } });
    expect(importAudit.after).toMatchObject({ fileName: "区划.xlsx", townships: 1, villages: 2, unchanged: 2 });
    expect(importAudit.actorId).toBe(admin.userId);

    // The same file again changes nothing.
    const again = await importRegionTree(admin, { file, mode: "apply" });
    expect(again).toMatchObject({ applied: false, unchanged: 5, creates: [] });
  });

  it("all or nothing: one bad row and no row is created, every error listed by row and column", async () => {
    const township = nextTownship();
    const file = await sheet([
      [township, "半途镇", "镇", `${county6}000000`],
      [`${township.slice(0, 9)}201`, "好村", "村", township],
      [`${county6}999201`, "坏村", "村", township],
    ]);
    const auditBefore = await db.auditEvent.count();
    const result = await importRegionTree(admin, { file, mode: "apply" });
    expect(result.applied).toBe(false);
    expect(result.errors).toEqual([{ row: 5, column: "上级代码", message: `村代码的前 9 位应与所属乡镇一致（${township.slice(0, 9)}）` }]);
    expect(await db.region.count({ where: { OR: [{ code: township }, { townshipCode: township }] } })).toBe(0);
    expect(await db.auditEvent.count()).toBe(auditBefore);
  });

  it("refuses other roles, a file that is no workbook, and a sheet without the header", async () => {
    const file = await sheet([[nextTownship(), "越权镇", "镇", `${county6}000000`]]);
    await expectAppError(importRegionTree(await signInAs("county"), { file, mode: "apply" }), "FORBIDDEN");
    const notXlsx = await expectAppError(
      importRegionTree(admin, { file: { name: "区划.xlsx", bytes: new TextEncoder().encode("代码,名称\n") }, mode: "preview" }),
      "VALIDATION",
    );
    expect(notXlsx.fieldErrors).toEqual({ file: ["该文件不是 Excel 工作簿（.xlsx）；旧版 .xls 请先另存为 .xlsx"] });
    const book = new ExcelJS.Workbook();
    book.addWorksheet("x").addRow(["编码", "名字"]);
    const noHeader = await expectAppError(
      importRegionTree(admin, { file: { name: "x.xlsx", bytes: new Uint8Array(await book.xlsx.writeBuffer()) }, mode: "preview" }),
      "VALIDATION",
    );
    expect(noHeader.message).toMatch(/^找不到表头/);
    await expectAppError(importRegionTree(admin, { file: null, mode: "preview" }), "VALIDATION");
  });

  it("the exported tree is a valid import file that changes nothing", async () => {
    const demoAdmin = await signInAs("admin");
    const exported = await exportRegionTree(demoAdmin);
    const result = await importRegionTree(demoAdmin, { file: { name: "区划表.xlsx", bytes: new Uint8Array(exported) }, mode: "preview" });
    expect(result.errors).toEqual([]);
    expect(result.creates).toEqual([]);
    expect(result.unchanged).toBe(await db.region.count({ where: { countyCode: "522698", retiredAt: null } }));
  });
});
