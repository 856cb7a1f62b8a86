import { describe, expect, it } from "vitest";
import { isCacheablePage, isKeptPageResponse } from "@/lib/offline/cache-rules";
import { fittedSize } from "@/lib/offline/resize-photo";
import { displayValue, draftId, draftsOf, editConflicts, keepMine } from "@/lib/offline/rules";

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
