import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTION_LABELS } from "@/lib/audit/actions";
import { auditNames, auditReferences, describeAuditEvent } from "@/lib/audit/describe";
import { AUDIT_ACTIONS, AUDIT_EVENTS, ZAuditEvent, type AuditAction, type AuditEvent } from "@/lib/audit/events";
import type { AuditField } from "@/lib/audit/fields";

const HELPER_ID = randomUUID();
const OTHER_HELPER_ID = randomUUID();
const names = auditNames(
  [
    { id: HELPER_ID, displayName: "李帮扶" },
    { id: OTHER_HELPER_ID, displayName: "王帮扶" },
  ],
  [
    { code: "522698100201", name: "杨柳村" },
    { code: "522698100000", name: "石桥镇" },
  ],
);

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const MIME = /\b(image|application|text)\/[a-z0-9.+-]+/i;
const BYTES = "345678";
const SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
/** A stored code (ILLNESS, HEAD, IN_PROGRESS…) on screen means a label is missing. */
const RAW_CODE = /\b[A-Z][A-Z_]{2,}\b/;

/** A value of the field's kind, different for the old (0) and the new (1) side; hidden fields get what must never show. */
function sample(key: string, field: AuditField, side: 0 | 1): unknown {
  const codes = Object.keys(field.labels ?? {});
  switch (field.kind) {
    case "text":
      return side ? `新的${field.label}` : `原来的${field.label}`;
    case "code":
      return codes[side] ?? codes[0];
    case "codes":
      return side ? codes.slice(0, 2) : codes.slice(2, 3);
    case "list":
      return side ? ["ILLNESS:INDUSTRY", "LACK_SKILLS:EDUCATION"] : ["ILLNESS:HEALTH"];
    case "flag":
      return side === 1;
    case "fen":
      return side ? 123456 : 100000;
    case "integer":
      return side ? 2021 : 2020;
    case "decimal":
      return side ? "2.5" : "1.5";
    case "date":
      return side ? "2024-05-02" : "2024-05-01";
    case "moment":
      return side ? "2024-05-02T02:00:00.000Z" : "2024-05-01T02:00:00.000Z";
    case "user":
      return side ? OTHER_HELPER_ID : HELPER_ID;
    case "region":
      return side ? "522698100201" : "522698100000";
    case "regions":
      return side ? ["522698100000"] : [];
    case "hidden":
      if (key === "mimeType") return "image/jpeg";
      if (key === "sizeBytes") return Number(BYTES);
      if (key === "sha256" || key === "contentHash") return SHA;
      if (key === "attachmentIds") return [randomUUID(), randomUUID()];
      return randomUUID();
  }
}

function payload(action: AuditAction, side: 0 | 1) {
  const fields = Object.entries(AUDIT_EVENTS[action].fields as Record<string, AuditField>);
  return fields.length ? Object.fromEntries(fields.map(([key, field]) => [key, sample(key, field, side)])) : null;
}

function shownText(described: ReturnType<typeof describeAuditEvent>) {
  return [described.action, described.subject ?? "", ...described.changes.flatMap((change) => [change.field, change.before, change.after])].join("\n");
}

function expectReadable(text: string) {
  expect(text).not.toMatch(UUID);
  expect(text).not.toMatch(MIME);
  expect(text).not.toContain(BYTES);
  expect(text).not.toContain(SHA.slice(0, 12));
  expect(text).not.toMatch(RAW_CODE);
}

const visibleFields = (action: AuditAction) =>
  Object.entries(AUDIT_EVENTS[action].fields as Record<string, AuditField>).filter(([, field]) => field.kind !== "hidden");

describe("audit event definitions", () => {
  it("define every action once, with a Chinese label and Chinese field labels", () => {
    expect(AUDIT_ACTIONS.length).toBe(new Set(AUDIT_ACTIONS).size);
    for (const action of AUDIT_ACTIONS) {
      expect(AUDIT_ACTION_LABELS[action]).toMatch(/\p{Script=Han}/u);
      expect(AUDIT_EVENTS[action].entityTypes.length).toBeGreaterThan(0);
      for (const [, field] of visibleFields(action)) expect(field.label).toMatch(/\p{Script=Han}/u);
    }
  });

  it.each(AUDIT_ACTIONS)("%s: an edit renders in Chinese, fields in definition order, nothing internal shown", (action) => {
    const definition = AUDIT_EVENTS[action];
    const entityType = definition.entityTypes[0];
    const before = payload(action, 0);
    const after = payload(action, 1);
    expect(ZAuditEvent.safeParse({ action, entityType, entityId: randomUUID(), before, after }).success).toBe(true);

    const described = describeAuditEvent({ action, entityId: "2020", before, after }, names);
    expect(described.action).toBe(definition.label);
    expectReadable(shownText(described));
    // Every visible field differs between the two samples, so each one is listed, in order.
    expect(described.changes.map((change) => change.field)).toEqual(visibleFields(action).map(([, field]) => field.label));
    for (const change of described.changes) expect(change.before).not.toBe(change.after);
  });

  it.each(AUDIT_ACTIONS)("%s: a new record shows its values, not old → new", (action) => {
    const definition = AUDIT_EVENTS[action];
    const after = payload(action, 1);
    const described = describeAuditEvent({ action, entityId: "2020", before: null, after }, names);
    expectReadable(shownText(described));
    const subject = new Set<string>(definition.subject ?? []);
    expect(described.changes.map((change) => change.field)).toEqual(
      visibleFields(action)
        .filter(([key]) => !subject.has(key))
        .map(([, field]) => field.label),
    );
    for (const change of described.changes) {
      expect(change.before).toBe("");
      expect(change.after).not.toBe("");
    }
    if (subject.size) expect(described.subject).toMatch(/\S/);
  });

  it("shows a first income record without “年度：2020 → 2020”", () => {
    const described = describeAuditEvent({ action: "income.save", before: { year: 2020 }, after: { year: 2020, wageFen: 1_200_000, pensionFen: 0 } }, names);
    expect(described).toEqual({
      action: "保存收入",
      subject: "2020年度",
      changes: [
        { field: "工资性收入", before: "", after: "12,000.00 元" },
        { field: "养老金", before: "", after: "0.00 元" },
      ],
    });
  });

  it("lists fields in the definition's order whatever order the payload has, and names users and regions", () => {
    const described = describeAuditEvent(
      {
        action: "household.update",
        before: { housingGrade: "B", helperId: HELPER_ID, phone: null },
        after: { phone: "13800001111", housingGrade: "C", helperId: OTHER_HELPER_ID },
      },
      names,
    );
    expect(described.changes).toEqual([
      { field: "联系电话", before: "（空）", after: "13800001111" },
      { field: "帮扶责任人", before: "李帮扶", after: "王帮扶" },
      { field: "住房安全等级", before: "B级（基本安全）", after: "C级（局部危房）" },
    ]);
    expect(describeAuditEvent({ action: "helper.reassign", after: { helperId: randomUUID() }, before: null }, names).changes).toEqual([
      { field: "帮扶责任人", before: "", after: "（未知用户）" },
    ]);
    expect(
      auditReferences([
        { action: "household.create", before: null, after: { villageCode: "522698100201", helperId: HELPER_ID, householdNo: "5226981002010001" } },
      ]),
    ).toEqual({
      userIds: [HELPER_ID],
      regionCodes: ["522698100201"],
    });
  });

  it("names the member of a member event and shows an unchanged name only as the subject", () => {
    const memberId = randomUUID();
    const edit = describeAuditEvent(
      { action: "member.update", before: { memberId, name: "配偶乙", health: "HEALTHY" }, after: { memberId, name: "配偶乙", health: "CHRONIC" } },
      names,
    );
    expect(edit).toEqual({ action: "修改成员", subject: "配偶乙", changes: [{ field: "健康状况", before: "健康", after: "长期慢性病" }] });
    const renamed = describeAuditEvent({ action: "member.update", before: { memberId, name: "配偶乙" }, after: { memberId, name: "配偶丙" } }, names);
    expect(renamed).toEqual({ action: "修改成员", subject: "配偶丙", changes: [{ field: "姓名", before: "配偶乙", after: "配偶丙" }] });
  });

  it("shows an upload by its file name and category, never its MIME type, size or hash", () => {
    const described = describeAuditEvent(
      {
        action: "attachment.upload",
        before: null,
        after: { attachmentId: randomUUID(), category: "住房照片", originalName: "房屋.jpg", mimeType: "image/jpeg", sizeBytes: 345678, sha256: SHA },
      },
      names,
    );
    expect(described).toEqual({ action: "上传佐证材料", subject: "房屋.jpg", changes: [{ field: "类别", before: "", after: "住房照片" }] });
  });

  it("renders an unknown action by its name, with nothing guessed", () => {
    expect(describeAuditEvent({ action: "legacy.thing", before: { name: "x" }, after: { name: "y" } }, names)).toEqual({
      action: "legacy.thing",
      subject: null,
      changes: [],
    });
  });

  it("refuses, at runtime too, a payload field the action does not define", () => {
    expect(ZAuditEvent.safeParse({ action: "income.save", entityType: "Household", after: { year: 2020, wage: 1 } }).success).toBe(false);
    expect(ZAuditEvent.safeParse({ action: "income.save", entityType: "User", after: { year: 2020 } }).success).toBe(false);
    expect(ZAuditEvent.safeParse({ action: "auth.signIn", entityType: "User", after: { anything: 1 } }).success).toBe(false);
  });

  it("type-checks a payload against its action (checked by tsc)", () => {
    const ok: AuditEvent[] = [
      { action: "income.save", entityType: "Household", entityId: "h", before: { year: 2020 }, after: { year: 2020, wageFen: 100 } },
      { action: "auth.signIn", entityType: "User", entityId: "u" },
      { action: "measure.create", entityType: "Household", after: { startDate: new Date(), endDate: null, item: "养猪" } },
      { action: "exit.open", entityType: "Household", after: { year: 2020 } },
    ];
    const wrong: AuditEvent[] = [
      // @ts-expect-error a field the action does not define
      { action: "income.save", entityType: "Household", after: { yaer: 2020 } },
      // @ts-expect-error a value of the wrong kind
      { action: "income.save", entityType: "Household", after: { year: "2020" } },
      // @ts-expect-error the action's rows belong to another entity
      { action: "member.update", entityType: "Member", after: { name: "张三" } },
      // @ts-expect-error an action without fields carries no payload
      { action: "auth.signIn", entityType: "User", after: { ip: "10.0.0.1" } },
      // @ts-expect-error an action that is not defined
      { action: "household.delete", entityType: "Household" },
    ];
    expect(ok.length + wrong.length).toBe(9);
  });
});
