// The synthetic county generator on the demo villages: valid and unique ID numbers, one head
// per household, the seeds' cause shares, helpers of the right village, 户编号 and sequences.
// Other tests share the database, so every assertion is about the households this run created.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import pg from "pg";
import { memberWarnings, type MemberFacts } from "@/lib/members/rules";
import { validateIdNumber } from "@/lib/members/id-number";
import { DEMO_COUNTY } from "@/prisma/demo-county";
import { generateSyntheticHouseholds, loadCountyVillages, type SyntheticVillage } from "@/prisma/synthetic-county";

const COUNTY6 = DEMO_COUNTY.code.slice(0, 6);
const HOUSEHOLDS = 300;
const SEED = 42;
const YEAR = 2020;

type HouseholdRow = {
  id: string;
  village_code: string;
  household_no: string;
  primary_cause: string;
  other_causes: string[];
  helper_id: string;
  status: string;
  exit_year: number | null;
};
type MemberRow = {
  household_id: string;
  name: string;
  id_number: string;
  gender: "MALE" | "FEMALE";
  birth_date: string;
  relation: MemberFacts["relation"];
  school_status: MemberFacts["schoolStatus"];
  schooling_exemption: MemberFacts["schoolingExemption"];
  labour_skill: MemberFacts["labourSkill"];
  work_months: number | null;
  status: MemberFacts["status"];
  health: string;
};

const client = new pg.Client({ connectionString: inject("databaseUrl") });
let villages: SyntheticVillage[];
let result: { households: number; members: number; seconds: number };
let households: HouseholdRow[];
let members: MemberRow[];
const progress: [number, number][] = [];

beforeAll(async () => {
  await client.connect();
  villages = await loadCountyVillages(client, COUNTY6);
  const before = new Set((await client.query<{ id: string }>(`SELECT id FROM household WHERE county_code = $1`, [COUNTY6])).rows.map((row) => row.id));
  result = await generateSyntheticHouseholds(client, {
    households: HOUSEHOLDS,
    seed: SEED,
    countyCode6: COUNTY6,
    villages,
    year: YEAR,
    batchSize: 128,
    onProgress: (done, total) => progress.push([done, total]),
  });
  const all = await client.query<HouseholdRow>(
    `SELECT id, village_code, household_no, primary_cause, other_causes, helper_id, status, exit_year FROM household WHERE county_code = $1`,
    [COUNTY6],
  );
  households = all.rows.filter((row) => !before.has(row.id));
  members = (
    await client.query<MemberRow>(
      `SELECT household_id, name, id_number, gender, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, relation, school_status,
              schooling_exemption, labour_skill, work_months, status, health
         FROM member WHERE household_id = ANY($1::uuid[])`,
      [households.map((h) => h.id)],
    )
  ).rows;
});

afterAll(async () => {
  await client.end();
});

const byHousehold = () => {
  const map = new Map<string, MemberRow[]>();
  for (const member of members) map.set(member.household_id, [...(map.get(member.household_id) ?? []), member]);
  return map;
};

describe("the synthetic county generator", () => {
  it("creates the requested households in batches, with members, and reports them", () => {
    expect(villages.length).toBeGreaterThan(1);
    expect(result.households).toBe(HOUSEHOLDS);
    expect(households).toHaveLength(HOUSEHOLDS);
    expect(result.members).toBe(members.length);
    expect(progress.at(-1)).toEqual([HOUSEHOLDS, HOUSEHOLDS]);
    expect(progress.length).toBe(Math.ceil(HOUSEHOLDS / 128));
    const ratio = members.length / households.length;
    expect(ratio).toBeGreaterThanOrEqual(3.8);
    expect(ratio).toBeLessThanOrEqual(5.2);
  });

  it("gives every member a valid ID number matching gender and birth date, unique in the county", async () => {
    const today = new Date();
    for (const member of members) {
      const check = validateIdNumber(member.id_number, today);
      expect(check, member.id_number).toMatchObject({ ok: true, gender: member.gender, birthDate: member.birth_date, regionCode: COUNTY6 });
    }
    expect(new Set(members.map((m) => m.id_number)).size).toBe(members.length);
    const duplicates = await client.query(`SELECT id_number FROM member WHERE county_code = $1 AND status = 'PRESENT' GROUP BY id_number HAVING count(*) > 1`, [
      COUNTY6,
    ]);
    expect(duplicates.rowCount).toBe(0);
  });

  it("gives each household exactly one present head, and members that pass the data-quality rules", () => {
    const groups = byHousehold();
    expect(groups.size).toBe(HOUSEHOLDS);
    const today = new Date();
    for (const [householdId, group] of groups) {
      const heads = group.filter((m) => m.relation === "HEAD" && m.status === "PRESENT");
      expect(heads, householdId).toHaveLength(1);
      expect(group.filter((m) => m.relation === "HEAD")).toHaveLength(1);
      expect(group.length).toBeGreaterThanOrEqual(1);
      expect(group.length).toBeLessThanOrEqual(7);
      const facts = (m: MemberRow): MemberFacts => ({
        name: m.name,
        relation: m.relation,
        gender: m.gender,
        birthDate: m.birth_date,
        schoolStatus: m.school_status,
        schoolingExemption: m.schooling_exemption,
        labourSkill: m.labour_skill,
        workMonths: m.work_months,
        status: m.status,
      });
      const head = facts(heads[0]);
      for (const member of group) {
        expect(memberWarnings(facts(member), { head }, { today }), `${member.name} ${member.relation}`).toEqual([]);
      }
    }
  });

  it("keeps the seeds' cause shares, backed by the members' health", () => {
    const causes = (h: HouseholdRow) => [h.primary_cause, ...h.other_causes];
    const share = (cause: string) => households.filter((h) => causes(h).includes(cause)).length / households.length;
    expect(share("ILLNESS")).toBeGreaterThanOrEqual(0.45);
    expect(share("ILLNESS")).toBeLessThanOrEqual(0.67);
    expect(share("DISABILITY")).toBeGreaterThanOrEqual(0.28);
    expect(share("DISABILITY")).toBeLessThanOrEqual(0.5);
    const groups = byHousehold();
    for (const household of households) {
      expect(household.other_causes).not.toContain(household.primary_cause);
      const present = groups.get(household.id)!.filter((m) => m.status === "PRESENT");
      if (causes(household).includes("ILLNESS")) expect(present.some((m) => m.health === "CHRONIC" || m.health === "SERIOUS")).toBe(true);
      if (causes(household).includes("DISABILITY")) expect(present.some((m) => m.health === "DISABLED")).toBe(true);
    }
  });

  it("assigns every household a helper of its own village", async () => {
    const helpers = await client.query<{ id: string; region_code: string; role: string }>(`SELECT id, region_code, role FROM app_user WHERE role = 'HELPER'`);
    const helperVillage = new Map(helpers.rows.map((row) => [row.id, row.region_code]));
    for (const household of households) expect(helperVillage.get(household.helper_id)).toBe(household.village_code);
  });

  it("numbers households after the village code and moves each village's sequence to the highest number used", async () => {
    expect(new Set(households.map((h) => h.household_no)).size).toBe(HOUSEHOLDS);
    const highest = new Map<string, number>();
    for (const household of households) {
      expect(household.household_no).toMatch(/^\d{16}$/);
      expect(household.household_no.startsWith(household.village_code)).toBe(true);
      const sequence = Number(household.household_no.slice(12));
      highest.set(household.village_code, Math.max(highest.get(household.village_code) ?? 0, sequence));
    }
    const sequences = await client.query<{ village_code: string; last_value: number }>(
      `SELECT village_code, last_value FROM household_sequence WHERE village_code = ANY($1::text[])`,
      [[...highest.keys()]],
    );
    expect(sequences.rowCount).toBe(highest.size);
    for (const row of sequences.rows) expect(row.last_value).toBe(highest.get(row.village_code));
  });

  it("records one income per household around the poverty line, exited households above it", async () => {
    const { rows } = await client.query<{ household_id: string; net: string; present: string; line: number }>(
      `SELECT i.household_id,
              (i.wage_fen + i.business_income_fen - i.business_expense_fen + i.property_fen + i.minimum_living_fen
                + i.extreme_poverty_support_fen + i.pension_fen + i.family_planning_fen + i.ecological_compensation_fen
                + i.other_transfer_fen)::text AS net,
              (SELECT count(*) FROM member m WHERE m.household_id = i.household_id AND m.status = 'PRESENT')::text AS present,
              p.amount_fen AS line
         FROM income_record i JOIN poverty_line p ON p.year = i.year
        WHERE i.year = $1 AND i.household_id = ANY($2::uuid[])`,
      [YEAR, households.map((h) => h.id)],
    );
    expect(rows).toHaveLength(HOUSEHOLDS);
    const below = new Set(rows.filter((row) => Number(row.net) <= row.line * Number(row.present)).map((row) => row.household_id));
    expect(below.size / HOUSEHOLDS).toBeGreaterThan(0.02);
    expect(below.size / HOUSEHOLDS).toBeLessThan(0.25);
    for (const household of households.filter((h) => h.status === "EXITED")) {
      expect(below.has(household.id)).toBe(false);
      expect(household.exit_year).toBeGreaterThanOrEqual(2016);
      expect(household.exit_year).toBeLessThanOrEqual(2019);
    }
  });
});
