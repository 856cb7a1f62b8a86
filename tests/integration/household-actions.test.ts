import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { getHouseholdArchive } from "@/lib/households/get-household-archive";
import { saveIncome } from "@/lib/income/commands";
import { getHouseholdAssistance } from "@/lib/measures/get-household-assistance";
import { createTestHousehold, memberFields } from "./factories";
import { signInAs } from "./helpers";

// The actions run as in a request: the signed-in actor is a real one (signed in through the
// credential check); only Next's request-bound functions are replaced, to see where they point.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
const navigation = vi.hoisted(() => ({ redirects: [] as string[], revalidated: [] as string[] }));
vi.mock("@/lib/auth/session", () => ({ requireActor: async () => session.actor }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    navigation.redirects.push(url);
    throw Object.assign(new Error("NEXT_REDIRECT"), { digest: `NEXT_REDIRECT;replace;${url};307;` });
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: (path: string) => navigation.revalidated.push(path) }));

const { addMemberAction, saveIncomeAction, updateMemberAction } = await import("@/app/(app)/households/actions");

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.append(key, value);
  return data;
}

/** Where a member save goes: the household, naming the member when the save left 疑点数据 on it (lib/data-quality/on-save.ts). */
async function memberSavedPage(householdId: string, memberId: string) {
  const hits = await db.qualityHit.count({ where: { memberId, ruleCode: { not: { startsWith: "C-" } } } });
  return `/households/${householdId}?saved=member${hits ? `&notes=${memberId}` : ""}`;
}

async function submit(action: (previous: null, data: FormData) => Promise<unknown>, data: FormData) {
  try {
    return await action(null, data);
  } catch (error) {
    if ((error as { digest?: string }).digest?.startsWith("NEXT_REDIRECT")) return "redirected";
    throw error;
  }
}

describe("household form actions take their page from the command's result, never from the form", () => {
  let village: Actor;
  let own: string;
  let decoy: string;

  beforeAll(async () => {
    village = await signInAs("village");
    own = (await createTestHousehold(village)).id;
    decoy = (await createTestHousehold(village)).id;
  });

  beforeEach(() => {
    session.actor = village;
    navigation.redirects.length = 0;
    navigation.revalidated.length = 0;
  });

  it("redirects a member edit to the member's own household although the form names another", async () => {
    const head = await db.member.findFirstOrThrow({ where: { householdId: own, relation: "HEAD" } });
    const fields = memberFields({ name: "户主改名", idNumber: head.idNumber, relation: "HEAD" });
    const result = await submit(updateMemberAction, form({ ...fields, memberId: head.id, version: String(head.version), householdId: decoy }));
    expect(result).toBe("redirected");
    expect(navigation.redirects).toEqual([await memberSavedPage(own, head.id)]);
  });

  it("redirects a new member to the household it was added to", async () => {
    await submit(addMemberAction, form({ ...memberFields({ name: "新成员", relation: "SON" }), householdId: own }));
    const added = await db.member.findFirstOrThrow({ where: { householdId: own, name: "新成员" } });
    expect(navigation.redirects).toEqual([await memberSavedPage(own, added.id)]);
    expect(navigation.redirects[0]).toContain(`/households/${own}`);
  });

  it("refreshes the household whose income was saved, and reports a refusal without redirecting", async () => {
    const saved = await submit(saveIncomeAction, form({ householdId: own, year: "2020", version: "0", wageFen: "100" }));
    expect(saved).toMatchObject({ ok: true, message: "收入已保存" });
    expect(navigation.revalidated).toEqual([`/households/${own}`]);

    navigation.revalidated.length = 0;
    const stale = await submit(saveIncomeAction, form({ householdId: own, year: "2020", version: "0", wageFen: "100" }));
    expect(stale).toMatchObject({ ok: false, code: "STALE_VERSION" });
    expect(navigation.revalidated).toEqual([]);
  });
});

describe("the 一户一档 page's sections share one load", () => {
  it("gives the assistance section the same figures from the archive's household and income as from its own load", async () => {
    const village = await signInAs("village");
    const { id } = await createTestHousehold(village);
    await saveIncome(village, { householdId: id, year: "2020", version: "0", wageFen: "12000" });
    await db.assistancePlan.create({
      data: { countyCode: "522698", householdId: id, year: 2020, targetPerCapitaFen: 500_000, plannedExitYear: 2020, plannedMeasures: "务工" },
    });
    const archive = await getHouseholdArchive(village, id);
    expect(archive.perCapitaByYear.get(2020)).toBe(archive.incomes[0].result.perCapitaFen);
    const fromArchive = await getHouseholdAssistance(village, id, archive);
    expect(fromArchive).toEqual(await getHouseholdAssistance(village, id));
    expect(fromArchive.plans[0].actualPerCapitaFen).toBe(archive.incomes[0].result.perCapitaFen);
  });
});
