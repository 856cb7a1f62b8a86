// The hash a "已核实无误" mark keeps (lib/data-quality/fingerprint.ts, decision 021): every field any rule declares has a
// reader; the hash changes when a field the rule reads changes, and not when anything else does.
import { describe, expect, it } from "vitest";
import { qualityRule, QUALITY_RULES } from "@/lib/data-quality/catalogue";
import { canonicalJson, FIELD_READERS, hitFingerprint } from "@/lib/data-quality/fingerprint";
import { changed, CHILD, HEAD, home, household, income, member } from "./data-quality-fixtures";

const rule = (code: string) => qualityRule(code)!;

describe("疑点数据 fingerprint of the fields a rule reads", () => {
  it("every field declared by a rule of the catalogue has a reader", () => {
    const missing = QUALITY_RULES.flatMap((one) => one.fields.filter((field) => !Object.hasOwn(FIELD_READERS, field)).map((field) => `${one.code} ${field}`));
    expect(missing).toEqual([]);
    // and every rule hashes on the facts without throwing
    for (const one of QUALITY_RULES) expect(hitFingerprint(one, household(), { memberId: null, field: "x" })).toMatch(/^[0-9a-f]{64}$/);
  });

  it("canonical JSON sorts keys at every level", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: null, y: "乙" }], c: undefined } })).toBe('{"a":{"c":null,"d":[2,{"y":"乙","z":null}]},"b":1}');
  });

  it("a member hit (M-045 reads 成员.姓名): the member's name changes the hash; another field, or another member's name, does not", () => {
    const base = household();
    const memberId = base.members[CHILD].id;
    const hash = hitFingerprint(rule("M-045"), base, { memberId, field: "name" });
    expect(hitFingerprint(rule("M-045"), changed(member(CHILD, { educationLevel: "PRIMARY", health: "CHRONIC" })), { memberId, field: "name" })).toBe(hash);
    expect(hitFingerprint(rule("M-045"), changed(member(HEAD, { name: "另一个名字" })), { memberId, field: "name" })).toBe(hash);
    expect(hitFingerprint(rule("M-045"), changed(member(CHILD, { name: "改了名字" })), { memberId, field: "name" })).not.toBe(hash);
    // another hit of the same data (member or field) has its own hash
    expect(hitFingerprint(rule("M-045"), base, { memberId: base.members[HEAD].id, field: "name" })).not.toBe(hash);
  });

  it("a rule comparing with the 户主 (M-015 之子比户主年长) also hashes the 户主's values it reads", () => {
    const base = household();
    const memberId = base.members[CHILD].id;
    const hash = hitFingerprint(rule("M-015"), base, { memberId, field: "birthDate" });
    expect(hitFingerprint(rule("M-015"), changed(member(HEAD, { birthDate: "1950-01-01" })), { memberId, field: "birthDate" })).not.toBe(hash);
    expect(hitFingerprint(rule("M-015"), changed(member(HEAD, { health: "CHRONIC" })), { memberId, field: "birthDate" })).toBe(hash);
  });

  it("household, income and limit-free rules: H-007 reads 耕地 only, I-004 reads the business income and expense only", () => {
    const base = household();
    const h007 = hitFingerprint(rule("H-007"), base, { memberId: null, field: "farmlandMu" });
    expect(hitFingerprint(rule("H-007"), changed(home({ forestMu: 99 })), { memberId: null, field: "farmlandMu" })).toBe(h007);
    expect(hitFingerprint(rule("H-007"), changed(home({ farmlandMu: 120 })), { memberId: null, field: "farmlandMu" })).not.toBe(h007);
    const i004 = hitFingerprint(rule("I-004"), base, { memberId: null, field: "businessExpense" });
    expect(hitFingerprint(rule("I-004"), changed(income({ wageFen: 1 })), { memberId: null, field: "businessExpense" })).toBe(i004);
    expect(hitFingerprint(rule("I-004"), changed(income({ businessExpenseFen: 777 })), { memberId: null, field: "businessExpense" })).not.toBe(i004);
  });
});
