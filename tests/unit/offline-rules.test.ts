import { describe, expect, it } from "vitest";
import { isCacheablePage, isKeptPageResponse } from "@/lib/offline/cache-rules";
import { fittedSize } from "@/lib/offline/resize-photo";
import {
  baseForResave,
  displayValue,
  draftFromHash,
  draftId,
  draftsOf,
  editConflicts,
  isCreating,
  keepMine,
  openDraftHref,
  valuesToRestore,
} from "@/lib/offline/rules";

const page = (pathname: string, extra: Partial<{ method: string; search: string; rsc: boolean }> = {}) =>
  isCacheablePage({ method: "GET", pathname, search: "", rsc: false, ...extra });

describe("which pages the service worker keeps", () => {
  it("keeps the signed-in user's pages", () => {
    expect(page("/")).toBe(true);
    expect(page("/households/4f0c/members/9a1b")).toBe(true);
    expect(page("/households", { search: "?village=522698100201&page=2" })).toBe(true);
    expect(page("/drafts")).toBe(true);
  });

  it("never the sign-in flow, API routes, exports, files, RSC fetches or anything but GET", () => {
    for (const path of [
      "/login",
      "/two-factor",
      "/api/auth/session",
      "/api/exports/quality",
      "/api/attachments/1",
      "/admin/regions/export",
      "/village-exits/evidence/1",
    ]) {
      expect(page(path), path).toBe(false);
    }
    expect(page("/offline.html")).toBe(false);
    expect(page("/serwist/sw.js")).toBe(false);
    expect(page("/households", { rsc: true })).toBe(false);
    expect(page("/households", { search: "?_rsc=abc" })).toBe(false);
    expect(page("/households", { method: "POST" })).toBe(false);
  });

  it("stores only a 200 HTML answer that was not a redirect", () => {
    expect(isKeptPageResponse({ status: 200, redirected: false, contentType: "text/html; charset=utf-8" })).toBe(true);
    expect(isKeptPageResponse({ status: 200, redirected: true, contentType: "text/html" })).toBe(false);
    expect(isKeptPageResponse({ status: 404, redirected: false, contentType: "text/html" })).toBe(false);
    expect(isKeptPageResponse({ status: 200, redirected: false, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" })).toBe(
      false,
    );
    expect(isKeptPageResponse({ status: 200, redirected: false, contentType: null })).toBe(false);
  });
});

describe("photo size", () => {
  it("fits the long side to 1600 px keeping the proportions, and never enlarges", () => {
    expect(fittedSize(4000, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(fittedSize(3024, 4032)).toEqual({ width: 1200, height: 1600 });
    expect(fittedSize(1600, 900)).toEqual({ width: 1600, height: 900 });
    expect(fittedSize(800, 600)).toEqual({ width: 800, height: 600 });
    expect(fittedSize(20000, 10)).toEqual({ width: 1600, height: 1 });
  });
});

describe("an edit kept offline meets the record as it is now", () => {
  const base = { version: ["1"], name: ["张三"], health: ["HEALTHY"], skill: ["GENERAL"], causes: ["ILLNESS"] };

  it("nothing to settle when the record already holds every field the user changed (a replay)", () => {
    const mine = { ...base, name: ["张山"] };
    expect(editConflicts({ mine, base }, { ...mine, version: ["2"] })).toEqual([]);
  });

  it("a field changed by the user that the record does not hold is a conflict, marked when someone else changed it too", () => {
    const mine = { ...base, name: ["张山"], health: ["CHRONIC"] };
    const current = { ...base, version: ["2"], name: ["张珊"], skill: ["SKILLED"] };
    expect(editConflicts({ mine, base }, current)).toEqual([
      { name: "name", mine: ["张山"], current: ["张珊"], base: ["张三"], changedByOthers: true },
      { name: "health", mine: ["CHRONIC"], current: ["HEALTHY"], base: ["HEALTHY"], changedByOthers: false },
    ]);
  });

  it("fields the user did not touch are not conflicts, and keep mine leaves them as the record has them now", () => {
    const mine = { ...base, name: ["张山"] };
    const current = { ...base, version: ["3"], skill: ["SKILLED"] };
    expect(keepMine({ mine, base }, current)).toEqual({ ...base, version: ["3"], name: ["张山"], skill: ["SKILLED"] });
  });

  it("compares many-valued fields as sets and treats empty as missing", () => {
    const mine = { ...base, causes: ["SCHOOLING", "ILLNESS"], phone: [""] };
    const current = { ...base, causes: ["ILLNESS", "SCHOOLING"] };
    expect(editConflicts({ mine, base }, current)).toEqual([]);
  });

  it("without what the user saw, every field of theirs that differs is shown", () => {
    expect(editConflicts({ mine: { name: ["甲"], version: ["1"] }, base: {} }, { name: ["乙"], version: ["2"] }).map((conflict) => conflict.name)).toEqual([
      "name",
    ]);
  });

  it("never treats the version or the idempotency key as the user's data", () => {
    expect(editConflicts({ mine: { ...base, idempotencyKey: ["k"] }, base }, { ...base, version: ["9"] })).toEqual([]);
    expect(keepMine({ mine: { ...base, version: ["1"] }, base }, { ...base, version: ["9"] }).version).toEqual(["9"]);
  });
});

describe("drafts on a shared device", () => {
  it("only the signed-in user's drafts, oldest first", () => {
    const drafts = [
      { userId: "b", createdAt: 1 },
      { userId: "a", createdAt: 3 },
      { userId: "a", createdAt: 2 },
    ];
    expect(draftsOf(drafts, "a")).toEqual([
      { userId: "a", createdAt: 2 },
      { userId: "a", createdAt: 3 },
    ]);
    expect(draftId("a", "member:1")).not.toBe(draftId("b", "member:1"));
  });

  it("shows a code as the option the user picked, and nothing as （空）", () => {
    expect(displayValue(["CHRONIC"], { CHRONIC: "长期慢性病" })).toBe("长期慢性病");
    expect(displayValue(["ILLNESS", "SCHOOLING"], { ILLNESS: "因病", SCHOOLING: "因学" })).toBe("因病、因学");
    expect(displayValue([""])).toBe("（空）");
  });
});

describe("an income year kept offline", () => {
  // The income form's fields as posted (yuan), the year and the version of that year's record.
  const seen = { householdId: ["h1"], year: ["2025"], version: ["3"], wageFen: ["12000"], businessIncomeFen: ["3000"], pensionFen: ["1200"] };

  it("only the amounts the user changed are compared; an amount changed by someone else alone stays theirs", () => {
    const mine = { ...seen, wageFen: ["15000"] };
    const current = { ...seen, version: ["4"], pensionFen: ["1800"] };
    expect(editConflicts({ mine, base: seen }, current)).toEqual([
      { name: "wageFen", mine: ["15000"], current: ["12000"], base: ["12000"], changedByOthers: false },
    ]);
    const merged = keepMine({ mine, base: seen }, current);
    expect(merged).toMatchObject({ wageFen: ["15000"], pensionFen: ["1800"], version: ["4"], year: ["2025"] });
  });

  it("the same amount changed by both is shown with both values until the user chooses", () => {
    const mine = { ...seen, wageFen: ["15000"] };
    const current = { ...seen, version: ["4"], wageFen: ["14000"] };
    expect(editConflicts({ mine, base: seen }, current)).toEqual([
      { name: "wageFen", mine: ["15000"], current: ["14000"], base: ["12000"], changedByOthers: true },
    ]);
    expect(keepMine({ mine, base: seen }, current)).toMatchObject({ wageFen: ["15000"], version: ["4"] });
  });

  it("a year first entered offline that someone else entered meanwhile (version 0, now 1) compares every amount the user typed", () => {
    const blank = { householdId: ["h1"], year: ["2026"], version: ["0"], wageFen: [""], businessIncomeFen: [""] };
    const mine = { ...blank, wageFen: ["9000"], businessIncomeFen: [""] };
    const current = { ...blank, version: ["1"], wageFen: ["8000"], businessIncomeFen: ["500"] };
    expect(editConflicts({ mine, base: blank }, current).map((conflict) => conflict.name)).toEqual(["wageFen"]);
    // Sent again after it was saved (the answer lost): the record holds the user's values, the draft is done.
    expect(editConflicts({ mine, base: blank }, { ...mine, version: ["1"] })).toEqual([]);
  });
});

describe("a draft opened back in its form", () => {
  const base = { memberId: ["m1"], version: ["2"], name: ["张三"], health: ["HEALTHY"], insured: ["on"] };

  it("puts back only the fields the user changed, never the version, so fields others changed since stay as the page shows them", () => {
    const mine = { ...base, name: ["张三丰"], insured: [], idempotencyKey: ["k"] };
    expect(valuesToRestore({ mine, base })).toEqual({ name: ["张三丰"], insured: [] });
  });

  it("a draft that creates a record (no base) puts back every field it holds except the form's machinery", () => {
    expect(isCreating("newMember")).toBe(true);
    expect(isCreating("visit")).toBe(true);
    expect(isCreating("income")).toBe(false);
    const mine = { householdId: ["h1"], name: ["李四"], relation: ["SON"], idempotencyKey: ["k"] };
    expect(valuesToRestore({ mine, base: {} })).toEqual({ householdId: ["h1"], name: ["李四"], relation: ["SON"] });
  });

  it("saved again, the draft keeps what the user first saw while the form shows that version, and the new form's values once it shows a newer one", () => {
    const earlier = { base };
    expect(baseForResave(earlier, { ...base, name: ["张三丰"] })).toBe(base);
    const newer = { ...base, version: ["3"], health: ["CHRONIC"] };
    expect(baseForResave(earlier, newer)).toBe(newer);
    expect(baseForResave(undefined, newer)).toBe(newer);
  });

  it("is named in the address fragment, so the page kept on the device opens with it", () => {
    const href = openDraftHref({ id: "u1:income:h1:2025", pageUrl: "/households/h1?year=2025", openUrl: "/households/h1" });
    expect(href).toBe("/households/h1#draft=u1%3Aincome%3Ah1%3A2025");
    expect(draftFromHash(new URL(href, "https://x.test").hash)).toBe("u1:income:h1:2025");
    expect(openDraftHref({ id: "u1:member:m1", pageUrl: "/households/h1/members/m1" })).toBe("/households/h1/members/m1#draft=u1%3Amember%3Am1");
    expect(draftFromHash("")).toBeNull();
    expect(draftFromHash("#field-name")).toBeNull();
  });
});
