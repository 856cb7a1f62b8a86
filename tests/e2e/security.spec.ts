import { randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import pg from "pg";
import { PERMISSIONS, type Permission } from "../../lib/auth/permissions";
import type { Role } from "../../lib/domain/codes";
import { makeIdNumber } from "../../lib/members/id-number";
import { DEMO_PASSWORD, screenshots, signIn } from "./fixtures";
import { callAction, serverActions, type FieldValue, type ServerAction } from "./server-actions";

// Security findings proven over HTTP against the built app, as an outside tester would send them.

const FIRST_VILLAGE = "522698100201"; // 石桥镇杨柳村
/** A 自然村/组 id that names no group: the sweep checks the refusal, not the outcome. */
const SWEEP_GROUP_ID = "00000000-0000-4000-8000-00000000a13f";
const SECOND_VILLAGE = "522698101201"; // 龙泉镇大坪村
const MIB = 1024 * 1024;
/** A past year no other spec uses, for the records the sweep asks to create. */
const SWEEP_YEAR = 2014;

function database() {
  return new pg.Client({ connectionString: process.env.DATABASE_URL });
}

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = database();
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function signedIn(browser: Browser, username: string): Promise<APIRequestContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, username);
  return page.request;
}

const pdf = (size: number) => ({
  name: "证明.pdf",
  mimeType: "application/pdf",
  buffer: Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(size - 9, 0x20)]),
});

/**
 * The content of every row a refused request could have touched. Other specs write to the same
 * database in parallel, so this names the rows instead of hashing whole tables.
 */
async function fingerprint(t?: Targets): Promise<Record<string, string>> {
  const digest = async (label: string, sql: string, params: unknown[] = []) => {
    const [row] = await query<{ digest: string | null; rows: string }>(
      `SELECT md5(string_agg(r::text, '|' ORDER BY r::text)) AS digest, count(*)::text AS rows FROM (${sql}) r`,
      params,
    );
    return [label, `${row.rows}:${row.digest ?? ""}`] as const;
  };
  const parts = [
    await digest("users made by the sweep", `SELECT id FROM app_user WHERE username LIKE 'sweepnew%'`),
    await digest("catalogue items made by the sweep", `SELECT id FROM measure_item WHERE name LIKE '扫描措施%'`),
    await digest("fit matrix", `SELECT * FROM cause_category_fit`),
    await digest("finding categories the sweep names", `SELECT * FROM finding_category WHERE code = 'OTHER' OR name LIKE '扫描%'`),
    await digest("findings raised by the sweep", `SELECT id FROM finding WHERE description LIKE '扫描登记%'`),
    await digest("poverty line of the sweep's year", `SELECT * FROM poverty_line WHERE year = 2019`),
    await digest("monitoring line of the sweep's year", `SELECT * FROM monitoring_line WHERE year = 2029`),
    await digest("income 预警 of the sweep's year", `SELECT id FROM monitoring_warning WHERE year = 2029`),
    await digest(
      "monitoring settings and risk types",
      `SELECT value::text FROM setting WHERE key = 'monitoring' UNION ALL SELECT code || label || retired FROM monitoring_risk_type`,
    ),
    await digest(
      "the sweep's year",
      `SELECT 'v', id::text FROM village_exit_sheet WHERE assessment_year = ${SWEEP_YEAR} UNION ALL SELECT 'p', village_code FROM village_population WHERE year = ${SWEEP_YEAR} UNION ALL SELECT 'e', id::text FROM exit_sheet WHERE assessment_year = ${SWEEP_YEAR} UNION ALL SELECT 't', region_code || version FROM reduction_target WHERE year = ${SWEEP_YEAR}`,
    ),
  ];
  if (t) {
    parts.push(await digest("the household", `SELECT * FROM household WHERE id = $1`, [t.householdId]));
    parts.push(await digest("its members", `SELECT * FROM member WHERE household_id = $1`, [t.householdId]));
    parts.push(await digest("the user", `SELECT * FROM app_user WHERE id = $1`, [t.userId]));
    parts.push(await digest("the catalogue item", `SELECT * FROM measure_item WHERE id = $1`, [t.catalogueItemId]));
    parts.push(await digest("the village sheet", `SELECT * FROM village_exit_sheet WHERE id = $1`, [t.villageSheetId]));
    for (const [label, table, column] of [
      ["measures", "measure", "household_id"],
      ["visits", "visit", "household_id"],
      ["income", "income_record", "household_id"],
      ["plans", "assistance_plan", "household_id"],
      ["attachments", "attachment", "household_id"],
      ["helper changes", "helper_assignment", "household_id"],
      ["exit sheets", "exit_sheet", "household_id"],
    ] as const) {
      parts.push(await digest(label, `SELECT * FROM ${table} WHERE ${column} = $1`, [t.householdId]));
    }
    parts.push(await digest("signatures", `SELECT * FROM exit_signature WHERE sheet_id = $1`, [t.sheetId]));
    parts.push(await digest("objections", `SELECT * FROM exit_objection WHERE sheet_id = $1`, [t.sheetId]));
    parts.push(await digest("village signatures", `SELECT * FROM village_exit_signature WHERE sheet_id = $1`, [t.villageSheetId]));
    parts.push(await digest("village evidence", `SELECT * FROM village_exit_evidence WHERE sheet_id = $1`, [t.villageSheetId]));
    parts.push(await digest("the finding", `SELECT * FROM finding WHERE id = $1`, [t.findingId]));
    parts.push(await digest("monitoring objects of the household", `SELECT * FROM monitoring_object WHERE household_id = $1`, [t.householdId]));
    parts.push(await digest("risks of the monitoring object", `SELECT * FROM monitoring_risk WHERE object_id = $1`, [t.monitoringObjectId]));
    parts.push(await digest("procedures of the monitoring object", `SELECT * FROM monitoring_sheet WHERE object_id = $1`, [t.monitoringObjectId]));
    for (const table of ["monitoring_signature", "monitoring_evidence", "monitoring_objection"]) {
      parts.push(await digest(`${table} of the procedure`, `SELECT * FROM ${table} WHERE sheet_id = $1`, [t.monitoringSheetId]));
    }
    parts.push(await digest("the 预警", `SELECT * FROM monitoring_warning WHERE id = $1`, [t.monitoringWarningId]));
    parts.push(await digest("its reports", `SELECT * FROM finding_report WHERE finding_id = $1`, [t.findingId]));
    parts.push(await digest("reviews of the sheet", `SELECT * FROM inspection_review WHERE sheet_id = $1`, [t.sheetId]));
  }
  return Object.fromEntries(parts);
}

/** Audit rows written by these users (other than their sign-ins) since the given row id. */
async function auditRowsBy(userIds: string[], sinceId: string): Promise<string[]> {
  const rows = await query<{ action: string }>(`SELECT action FROM audit_event WHERE actor_id = ANY($1::uuid[]) AND id > $2 AND action NOT LIKE 'auth.%'`, [
    userIds,
    sinceId,
  ]);
  return rows.map((row) => row.action);
}

async function lastAuditId(): Promise<string> {
  const [row] = await query<{ id: string | null }>(`SELECT max(id)::text AS id FROM audit_event`);
  return row.id ?? "0";
}

test.describe.configure({ mode: "serial" });

test("field names that reach a prototype are refused by every server action, and the server keeps serving everyone", async ({ browser, baseURL }) => {
  const inspector = await signedIn(browser, "inspector");
  const poisoned: Record<string, FieldValue> = {
    "__proto__.household": "x",
    "__proto__.polluted": "yes",
    "constructor.prototype.polluted": "yes",
    "household.__proto__": "y",
    "prototype.household": "z",
  };
  const actions = serverActions().filter((action) => !isSignOut(action));
  expect(actions.length).toBeGreaterThan(40);
  for (const action of actions) {
    const reply = await callAction(inspector, action, poisoned, { origin: baseURL! });
    expect(reply.status, `${action.name} answered`).toBeLessThan(500);
    expect(reply.result?.ok ?? false, `${action.name} must refuse`).toBe(false);
  }
  // Another user, afterwards: sign-in, a list read from the database, and the sign-in page.
  const village = await signedIn(browser, "village");
  const list = await village.get("/households");
  expect(list.status()).toBe(200);
  expect(await list.text()).toContain(FIRST_VILLAGE.slice(0, 6));
  const fresh = await browser.newContext();
  expect((await fresh.request.get("/login")).status()).toBe(200);
});

test("a state-changing request from a foreign or missing Origin is refused even with a forged X-Forwarded-Host", async ({ browser, baseURL }) => {
  const village = await signedIn(browser, "village");
  const [household] = await query<{ id: string }>(`SELECT id FROM household WHERE village_code = $1 ORDER BY household_no LIMIT 1`, [FIRST_VILLAGE]);
  const visit = serverActions().find((action) => action.name === "recordVisitAction")!;
  const fields = { householdId: household.id, visitedOn: "2026-11-01", findings: "外站伪造的走访" };
  const [me] = await query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'village'`);
  const auditBefore = await lastAuditId();
  const before = await fingerprint();
  const foreign = await callAction(village, visit, fields, {
    origin: "https://evil.example",
    headers: { "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" },
  });
  expect(foreign.status).toBe(403);
  expect(foreign.body).toContain("请求来源无效");
  const missing = await callAction(village, visit, fields, { origin: null });
  expect(missing.status).toBe(403);
  expect(await fingerprint()).toEqual(before);
  expect(await query(`SELECT 1 FROM visit WHERE household_id = $1 AND findings = $2`, [household.id, fields.findings])).toEqual([]);
  expect(await auditRowsBy([me.id], auditBefore)).toEqual([]);
  const sameOrigin = await callAction(village, visit, fields, { origin: baseURL! });
  expect(sameOrigin.result).toMatchObject({ ok: true });
});

test("every page carries a nonce-based CSP without eval, COOP and a Permissions-Policy; the scripts carry the nonce", async ({ page }) => {
  const response = await page.goto("/login");
  const headers = response!.headers();
  const policy = headers["content-security-policy"];
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  expect(policy).not.toContain("unsafe-eval");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["strict-transport-security"]).toBeUndefined(); // served over plain HTTP here
  const scriptNonces = await page.locator("script").evaluateAll((scripts) => scripts.map((script) => (script as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  for (const scriptNonce of scriptNonces) expect(scriptNonce).toBe(nonce);
  // Hydrated under the policy: the form's client-side handler runs.
  await page.getByLabel("用户名").fill("village");
  await page.getByLabel("密码").fill("wrong-password-x");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("form-error")).toBeVisible();
});

test("uploads: exactly the limit is stored, one byte over and 13 MB get the Chinese 文件过大", async ({ browser, baseURL }) => {
  const village = await signedIn(browser, "village");
  const [household] = await query<{ id: string }>(`SELECT id FROM household WHERE village_code = $1 ORDER BY household_no LIMIT 1`, [FIRST_VILLAGE]);
  const upload = serverActions().find((action) => action.name === "uploadAttachmentAction")!;
  const send = (size: number) => callAction(village, upload, { householdId: household.id, category: "收入证明", file: pdf(size) }, { origin: baseURL! });
  const atLimit = await send(10 * MIB);
  expect(atLimit.result).toMatchObject({ ok: true, message: "已上传" });
  for (const size of [10 * MIB + 1, 13 * 1000 * 1000]) {
    const over = await send(size);
    expect(over.status, `${size} bytes`).toBe(200);
    expect(over.result).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(String(over.result?.message)).toContain("文件过大");
  }
});

test("a forged X-Forwarded-For is not believed: the audit records the connection's address", async ({ browser }) => {
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.77", "X-Real-IP": "203.0.113.78" } });
  const page = await context.newPage();
  await signIn(page, "team");
  const [row] = await query<{ ip: string }>(`SELECT ip FROM audit_event WHERE action = 'auth.signIn' ORDER BY id DESC LIMIT 1`);
  expect(row.ip).not.toMatch(/203\.0\.113/);
  expect(row.ip).toMatch(/127\.0\.0\.1/);
});

// ---------------------------------------------------------------------------
// The role × server-action sweep
// ---------------------------------------------------------------------------

type Targets = {
  qualityHit: { householdId: string; ruleCode: string; memberId: string; field: string };
  qualityMarkId: string;
  householdId: string;
  householdVersion: string;
  memberId: string;
  headMemberId: string;
  measureId: string;
  sheetId: string;
  objectionId: string;
  villageSheetId: string;
  userId: string;
  catalogueItemId: string;
  helperId: string;
  findingId: string;
  importBatchId: string;
  householdNo: string;
  monitoringObjectId: string;
  monitoringSheetId: string;
  monitoringObjectionId: string;
  monitoringWarningId: string;
};

/** First-township records of every kind an action can name (created here when the demo has none). */
async function firstTownshipTargets(): Promise<Targets> {
  const [household] = await query<{ id: string; version: number; county_code: string; township_code: string; helper_id: string }>(
    `SELECT h.id, h.version, h.county_code, h.township_code, h.helper_id FROM household h
     WHERE h.village_code = $1 AND EXISTS (SELECT 1 FROM member m WHERE m.household_id = h.id AND m.relation <> 'HEAD' AND m.status = 'PRESENT')
       AND NOT EXISTS (SELECT 1 FROM exit_sheet e WHERE e.household_id = h.id)
     ORDER BY h.household_no LIMIT 1`,
    [FIRST_VILLAGE],
  );
  const [member] = await query<{ id: string }>(`SELECT id FROM member WHERE household_id = $1 AND relation <> 'HEAD' AND status = 'PRESENT' LIMIT 1`, [
    household.id,
  ]);
  const [head] = await query<{ id: string }>(`SELECT id FROM member WHERE household_id = $1 AND relation = 'HEAD' AND status = 'PRESENT'`, [household.id]);
  const [item] = await query<{ id: string; category: string }>(`SELECT id, category FROM measure_item WHERE category = 'HEALTH' AND NOT retired LIMIT 1`);
  const [user] = await query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'village'`);
  const measureId = randomUUID();
  const sheetId = randomUUID();
  const objectionId = randomUUID();

  await query(
    `INSERT INTO measure (id, county_code, household_id, item_id, category, addressed_causes, start_date, funding_source, responsible_unit, created_by)
     VALUES ($1, $2, $3, $4, $5, ARRAY['ILLNESS'], '2020-03-01', 'COUNTY', '县卫健局', $6)`,
    [measureId, household.county_code, household.id, item.id, item.category, user.id],
  );
  await query(
    `INSERT INTO exit_sheet (id, county_code, township_code, village_code, household_id, assessment_year, verification_code) VALUES ($1, $2, $3, $4, $5, 2019, $6)`,
    [sheetId, household.county_code, household.township_code, FIRST_VILLAGE, household.id, `SW${Date.now().toString(36).slice(-8)}`],
  );
  await query(`INSERT INTO exit_objection (id, county_code, sheet_id, round, raised_on, content) VALUES ($1, $2, $3, 1, '2026-10-01', '扫描用异议')`, [
    objectionId,
    household.county_code,
    sheetId,
  ]);
  await query(
    `INSERT INTO village_exit_sheet (id, county_code, township_code, village_code, assessment_year) VALUES ($1, $2, $3, $4, 2019) ON CONFLICT DO NOTHING`,
    [randomUUID(), household.county_code, household.township_code, FIRST_VILLAGE],
  );
  const [villageSheet] = await query<{ id: string }>(`SELECT id FROM village_exit_sheet WHERE village_code = $1 AND assessment_year = 2019`, [FIRST_VILLAGE]);
  // A first-township 督查问题 (of the sheet's household), waiting for its report.
  const findingId = randomUUID();
  const [inspector] = await query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'inspector'`);
  await query(
    `INSERT INTO finding (id, county_code, township_code, village_code, household_id, category_code, source, description, responsible_unit, responsible_person, deadline, raised_by)
     VALUES ($1, $2, $3, $4, $5, 'OTHER', 'MANUAL', '扫描用问题', '扫描单位', '扫描人', CURRENT_DATE + 30, $6)`,
    [findingId, household.county_code, household.township_code, FIRST_VILLAGE, household.id, inspector.id],
  );
  // A first-township import batch (uploaded by the first township's cadre), checked and waiting for its merge.
  const importBatchId = randomUUID();
  const [town] = await query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'town'`);
  await query(
    `INSERT INTO import_batch (id, county_code, township_code, file_name, file_sha256, file_size, status, created_by)
     VALUES ($1, $2, $3, '扫描用明细.xlsx', repeat('0', 64), 1, 'VALIDATED', $4)`,
    [importBatchId, household.county_code, household.township_code, town.id],
  );
  // A first-township monitoring object (of the same household), waiting for 识别.
  await query(
    `INSERT INTO monitoring_object (id, county_code, township_code, village_code, household_id, category, created_by)
     VALUES ($1, $2, $3, $4, $5, 'UNSTABLE', $6) ON CONFLICT DO NOTHING`,
    [randomUUID(), household.county_code, household.township_code, FIRST_VILLAGE, household.id, user.id],
  );
  const [monitored] = await query<{ id: string; household_no: string }>(
    `SELECT o.id, h.household_no FROM monitoring_object o JOIN household h ON h.id = o.household_id WHERE o.household_id = $1`,
    [household.id],
  );
  // A first-township 疑点 hit (the demo data has some once the refresh ran; else the household's own H-006 key) and an active mark.
  const [suspect] = await query<{ household_id: string; rule_code: string; member_id: string | null; field: string }>(
    `SELECT household_id, rule_code, member_id, field FROM quality_hit WHERE village_code = $1 AND severity = 'SUSPECT' AND verified_mark_id IS NULL LIMIT 1`,
    [FIRST_VILLAGE],
  );
  const qualityMarkId = randomUUID();
  await query(
    `INSERT INTO quality_mark (id, county_code, township_code, village_code, household_id, rule_code, field, fields_hash, reason, created_by)
     VALUES ($1, $2, $3, $4, $5, 'H-006', $6, repeat('0', 64), '扫描用标记', $7)`,
    [qualityMarkId, household.county_code, household.township_code, FIRST_VILLAGE, household.id, `sweep-${qualityMarkId}`, user.id],
  );
  // Its 识别纳入 procedure, at the start, with an objection on record.
  await query(
    `INSERT INTO monitoring_sheet (id, county_code, township_code, village_code, object_id, kind, created_by)
     VALUES ($1, $2, $3, $4, $5, 'IDENTIFY', $6) ON CONFLICT DO NOTHING`,
    [randomUUID(), household.county_code, household.township_code, FIRST_VILLAGE, monitored.id, user.id],
  );
  const [monitoringSheet] = await query<{ id: string }>(`SELECT id FROM monitoring_sheet WHERE object_id = $1 AND status <> 'APPROVED'`, [monitored.id]);
  const monitoringObjectionId = randomUUID();
  await query(`INSERT INTO monitoring_objection (id, county_code, sheet_id, round, raised_on, content) VALUES ($1, $2, $3, 1, '2026-10-01', '扫描用异议')`, [
    monitoringObjectionId,
    household.county_code,
    monitoringSheet.id,
  ]);
  // A first-township 预警, open, waiting to be checked.
  const monitoringWarningId = randomUUID();
  await query(
    `INSERT INTO monitoring_warning (id, county_code, township_code, village_code, household_id, source, reason, raised_on, raised_by)
     VALUES ($1, $2, $3, $4, $5, 'CADRE_VISIT', '扫描用预警', CURRENT_DATE, $6)`,
    [monitoringWarningId, household.county_code, household.township_code, FIRST_VILLAGE, household.id, user.id],
  );
  return {
    monitoringWarningId,
    qualityHit: suspect
      ? { householdId: suspect.household_id, ruleCode: suspect.rule_code, memberId: suspect.member_id ?? "", field: suspect.field }
      : { householdId: household.id, ruleCode: "H-006", memberId: "", field: "phone" },
    qualityMarkId,
    importBatchId,
    monitoringSheetId: monitoringSheet.id,
    monitoringObjectionId,
    householdNo: monitored.household_no,
    monitoringObjectId: monitored.id,
    householdId: household.id,
    householdVersion: String(household.version),
    memberId: member.id,
    headMemberId: head.id,
    measureId,
    sheetId,
    objectionId,
    villageSheetId: villageSheet.id,
    userId: user.id,
    catalogueItemId: item.id,
    helperId: household.helper_id,
    findingId,
  };
}

const householdFields = (helperId: string) => ({
  "household.address": "扫描地址1号",
  "household.attribute": "GENERAL",
  "household.identificationStandard": "NATIONAL",
  "household.identificationYear": "2015",
  "household.primaryCause": "ILLNESS",
  "household.helperId": helperId,
  "household.roadType": "HARDENED",
  "household.housingGrade": "B",
  "household.fuelType": "FIREWOOD",
});
const memberFields = (prefix = "") => ({
  [`${prefix}name`]: "扫描成员",
  [`${prefix}idNumber`]: makeIdNumber("522698", "1980-05-05", Math.floor(Math.random() * 450) * 2 + 1),
  [`${prefix}ethnicity`]: "汉族",
  [`${prefix}educationLevel`]: "JUNIOR",
  [`${prefix}schoolStatus`]: "NOT_IN_SCHOOL",
  [`${prefix}health`]: "HEALTHY",
  [`${prefix}labourSkill`]: "GENERAL",
});
const villageConditions = { collectiveIncome: "50000", hardenedRoad: "on", powerSupply: "on", safeWater: "on" };

/** A round id that exists nowhere: the sampling actions are refused on permission before any lookup. */
const SWEEP_ROUND = "00000000-0000-4000-8000-00000000beef";

/** For each action: the permission it needs and a valid request naming first-township records. */
const SWEEP: Record<string, { permission: Permission; fields: (t: Targets) => Record<string, FieldValue> }> = {
  uploadImportAction: { permission: "import.manage", fields: () => ({ townshipCode: "522698100000", file: pdf(2048) }) },
  mergeImportAction: { permission: "import.manage", fields: (t) => ({ batchId: t.importBatchId, mode: "VALID_ONLY", incomeYear: "2023" }) },
  undoImportAction: { permission: "import.manage", fields: (t) => ({ batchId: t.importBatchId }) },
  chooseExistingImportAction: {
    permission: "import.manage",
    fields: (t) => ({ batchId: t.importBatchId, stagedId: randomUUID(), choice: "UPDATE", version: "1" }),
  },
  createHouseholdAction: {
    permission: "household.write",
    fields: (t) => ({ villageCode: FIRST_VILLAGE, ...householdFields(t.helperId), ...memberFields("head.") }),
  },
  updateHouseholdAction: {
    permission: "household.write",
    fields: (t) => ({ householdId: t.householdId, version: t.householdVersion, ...householdFields(t.helperId) }),
  },
  addMemberAction: { permission: "household.write", fields: (t) => ({ householdId: t.householdId, relation: "OTHER", ...memberFields() }) },
  updateMemberAction: { permission: "household.write", fields: (t) => ({ memberId: t.memberId, version: "1", relation: "OTHER", ...memberFields() }) },
  endMembershipAction: {
    permission: "household.write",
    fields: (t) => ({ memberId: t.memberId, version: "1", status: "MOVED_OUT", statusDate: "2026-01-05" }),
  },
  changeHeadAction: { permission: "household.write", fields: (t) => ({ memberId: t.memberId, version: "1", formerHeadRelation: "SPOUSE" }) },
  // The same commands for edits kept offline (app/(app)/draft-actions.ts), answering instead of redirecting.
  updateHouseholdDraftAction: {
    permission: "household.write",
    fields: (t) => ({ householdId: t.householdId, version: t.householdVersion, ...householdFields(t.helperId) }),
  },
  updateMemberDraftAction: { permission: "household.write", fields: (t) => ({ memberId: t.memberId, version: "1", relation: "OTHER", ...memberFields() }) },
  createHouseholdDraftAction: {
    permission: "household.write",
    fields: (t) => ({ villageCode: FIRST_VILLAGE, ...householdFields(t.helperId), ...memberFields("head.") }),
  },
  addMemberDraftAction: { permission: "household.write", fields: (t) => ({ householdId: t.householdId, relation: "OTHER", ...memberFields() }) },
  saveIncomeAction: { permission: "household.write", fields: (t) => ({ householdId: t.householdId, year: "2018", version: "0", wageFen: "100" }) },
  uploadAttachmentAction: { permission: "attachment.upload", fields: (t) => ({ householdId: t.householdId, category: "收入证明", file: pdf(2048) }) },
  revealIdNumberAction: { permission: "household.viewFullIdNumber", fields: (t) => ({ memberId: t.headMemberId }) },
  verifyQualityHitAction: { permission: "quality.verify", fields: (t) => ({ ...t.qualityHit, reason: "扫描核实理由", file: pdf(2048) }) },
  withdrawQualityMarkAction: { permission: "quality.verify", fields: (t) => ({ markId: t.qualityMarkId, version: "1" }) },
  addMeasureAction: {
    permission: "measure.write",
    fields: (t) => ({
      householdId: t.householdId,
      itemId: t.catalogueItemId,
      addressedCauses: "ILLNESS",
      startDate: "2020-03-01",
      amountFen: "100",
      fundingSource: "COUNTY",
      responsibleUnit: "县卫健局",
    }),
  },
  changeMeasureStatusAction: { permission: "measure.write", fields: (t) => ({ measureId: t.measureId, version: "1", status: "ACTIVE" }) },
  savePlanAction: {
    permission: "plan.write",
    fields: (t) => ({
      householdId: t.householdId,
      year: "2026",
      version: "0",
      targetPerCapitaFen: "5000",
      plannedExitYear: "2026",
      plannedMeasures: "产业帮扶",
    }),
  },
  recordVisitAction: { permission: "visit.write", fields: (t) => ({ householdId: t.householdId, visitedOn: "2026-11-01", findings: "扫描走访" }) },
  reassignHelperAction: {
    permission: "helper.reassign",
    fields: (t) => ({ householdId: t.householdId, version: t.householdVersion, helperId: t.helperId, reason: "扫描更换" }),
  },
  openExitSheetAction: { permission: "exit.act", fields: (t) => ({ householdId: t.householdId, assessmentYear: String(SWEEP_YEAR) }) },
  signStepAction: { permission: "exit.act", fields: (t) => ({ sheetId: t.sheetId, version: "1", step: "PROPOSE" }) },
  recordConsentAction: { permission: "exit.act", fields: (t) => ({ sheetId: t.sheetId, version: "1" }) },
  startNoticeAction: { permission: "exit.act", fields: (t) => ({ sheetId: t.sheetId, version: "1", postedOn: "2026-11-01" }) },
  closeNoticeAction: { permission: "exit.act", fields: (t) => ({ sheetId: t.sheetId, version: "1" }) },
  recordObjectionAction: { permission: "exit.act", fields: (t) => ({ sheetId: t.sheetId, version: "1", raisedOn: "2026-11-01", content: "扫描异议" }) },
  resolveObjectionAction: { permission: "exit.act", fields: (t) => ({ objectionId: t.objectionId, version: "1", resolution: "扫描处理" }) },
  rejectSheetAction: { permission: "exit.act", fields: (t) => ({ sheetId: t.sheetId, version: "1", step: "PROPOSE", reason: "扫描退回" }) },
  uploadSheetEvidenceAction: { permission: "exit.act", fields: (t) => ({ sheetId: t.sheetId, kind: "CONSENT", file: pdf(2048) }) },
  returnToPovertyAction: {
    permission: "household.returnToPoverty",
    fields: (t) => ({ householdId: t.householdId, version: t.householdVersion, reason: "扫描返贫", primaryCause: "ILLNESS" }),
  },
  createVillageExitSheetAction: {
    permission: "villageExit.edit",
    fields: () => ({ villageCode: FIRST_VILLAGE, assessmentYear: String(SWEEP_YEAR), ...villageConditions }),
  },
  updateVillageConditionsAction: { permission: "villageExit.edit", fields: (t) => ({ sheetId: t.villageSheetId, version: "1", ...villageConditions }) },
  signVillageStepAction: { permission: "villageExit.act", fields: (t) => ({ sheetId: t.villageSheetId, version: "1", step: "TOWNSHIP_PROPOSE" }) },
  recordVillageNoticeAction: {
    permission: "villageExit.act",
    fields: (t) => ({ sheetId: t.villageSheetId, version: "1", postedOn: "2026-11-01", endedOn: "2026-11-08" }),
  },
  rejectVillageSheetAction: {
    permission: "villageExit.act",
    fields: (t) => ({ sheetId: t.villageSheetId, version: "1", step: "TOWNSHIP_PROPOSE", reason: "扫描退回" }),
  },
  markVillageExitedAction: { permission: "villageExit.announce", fields: (t) => ({ sheetId: t.villageSheetId, version: "1" }) },
  uploadVillageEvidenceAction: { permission: "villageExit.edit", fields: (t) => ({ sheetId: t.villageSheetId, condition: "ROAD", file: pdf(2048) }) },
  saveVillagePopulationAction: {
    permission: "villagePopulation.write",
    fields: () => ({ villageCode: FIRST_VILLAGE, year: String(SWEEP_YEAR), ruralPopulation: "1200", version: "0" }),
  },
  // County-wide settings: no region to be outside of, so only the permission can refuse.
  addCatalogueItemAction: { permission: "catalogue.manage", fields: () => ({ category: "HEALTH", name: `扫描措施${Date.now() % 100000}` }) },
  retireCatalogueItemAction: { permission: "catalogue.manage", fields: (t) => ({ itemId: t.catalogueItemId, version: "1" }) },
  restoreCatalogueItemAction: { permission: "catalogue.manage", fields: (t) => ({ itemId: t.catalogueItemId, version: "1" }) },
  saveFitMatrixAction: { permission: "catalogue.manage", fields: () => ({ pairs: "ILLNESS:HEALTH" }) },
  savePovertyLineAction: { permission: "settings.manage", fields: () => ({ year: "2019", amount: "3747" }) },
  // 年度减贫任务 of 石桥镇 (522698100000): only the county office, which is county-wide, may set them.
  saveReductionTargetAction: {
    permission: "target.manage",
    fields: () => ({ regionCode: "522698100000", year: String(SWEEP_YEAR), households: "10", people: "30", version: "0" }),
  },
  clearReductionTargetAction: { permission: "target.manage", fields: () => ({ regionCode: "522698100000", year: String(SWEEP_YEAR), version: "1" }) },
  // 督查: reviews, findings and their categories (issue 11). Raising, reviewing and deciding are the
  // county-wide inspectors' only; the report on a first-township finding is out of scope for town2's side.
  saveReviewAction: {
    permission: "inspection.review",
    fields: (t) => ({
      sheetId: t.sheetId,
      ...Object.fromEntries(
        ["INCOME", "FOOD", "CLOTHING", "EDUCATION", "MEDICAL", "HOUSING", "SIGNATURES", "NOTICE", "EVIDENCE"].map((item) => [`${item}.result`, "PASS"]),
      ),
    }),
  },
  raiseFindingAction: {
    permission: "finding.raise",
    fields: () => ({
      targetKind: "REGION",
      regionCode: FIRST_VILLAGE,
      categoryCode: "OTHER",
      description: "扫描登记的问题",
      responsibleUnit: "扫描单位",
      responsiblePerson: "扫描人",
      deadline: "2099-01-01",
    }),
  },
  submitFindingReportAction: { permission: "finding.rectify", fields: (t) => ({ findingId: t.findingId, version: "1", content: "扫描整改" }) },
  decideFindingReportAction: {
    permission: "finding.decide",
    fields: (t) => ({ findingId: t.findingId, version: "1", decision: "RETURN", reason: "扫描退回" }),
  },
  addFindingCategoryAction: { permission: "findingCategory.manage", fields: () => ({ name: `扫描类别${Date.now() % 100000}` }) },
  renameFindingCategoryAction: { permission: "findingCategory.manage", fields: () => ({ code: "OTHER", version: "1", name: "扫描改名" }) },
  moveFindingCategoryAction: { permission: "findingCategory.manage", fields: () => ({ code: "OTHER", version: "1", direction: "UP" }) },
  setFindingCategoryRetiredAction: { permission: "findingCategory.manage", fields: () => ({ code: "OTHER", version: "1", retired: "true" }) },
  // 抽查 and 入户核查 (county-wide roles only): every other role lacks the permission, so the payload never matters.
  createSamplingRoundAction: {
    permission: "sampling.manage",
    fields: () => ({ name: "扫描轮次", scope: "COUNTY", populationYear: "2020", sizeKind: "COUNT", perTownship: "2", publicSource: "扫描来源" }),
  },
  drawSamplingRoundAction: { permission: "sampling.manage", fields: () => ({ roundId: SWEEP_ROUND, version: "1", publicValue: "123" }) },
  replaceSamplePickAction: {
    permission: "sampling.manage",
    fields: () => ({ roundId: SWEEP_ROUND, kind: "EXITED", entryId: SWEEP_ROUND, reason: "扫描替换" }),
  },
  recordFieldCheckAction: {
    permission: "fieldCheck.write",
    fields: () => ({ roundId: SWEEP_ROUND, kind: "EXITED", entryId: SWEEP_ROUND, visitedOn: "2026-11-01", atHome: "NO" }),
  },
  addFieldCheckNoteAction: { permission: "fieldCheck.write", fields: () => ({ fieldCheckId: SWEEP_ROUND, note: "扫描说明" }) },
  saveMonitoringLineAction: { permission: "monitoring.manage", fields: () => ({ year: "2029", amount: "7000" }) },
  saveMonitoringSettingsAction: { permission: "monitoring.manage", fields: () => ({ margin: "40", version: "0" }) },
  addRiskTypeAction: { permission: "monitoring.manage", fields: () => ({ label: `扫描风险${Date.now() % 100000}` }) },
  setRiskTypeRetiredAction: { permission: "monitoring.manage", fields: () => ({ code: "OTHER", retired: "true", version: "1" }) },
  saveRiskFitAction: { permission: "monitoring.manage", fields: () => ({ code: "ACCIDENT", categories: "HEALTH", version: "1" }) },
  createMonitoringObjectAction: {
    permission: "monitoring.write",
    fields: (t) => ({ kind: "ARCHIVE", householdNo: t.householdNo, category: "UNSTABLE", riskType: "OTHER", foundOn: "2024-01-01", source: "CADRE_SCREENING" }),
  },
  openMonitoringSheetAction: { permission: "monitoring.write", fields: (t) => ({ kind: "IDENTIFY", objectId: t.monitoringObjectId, version: "1" }) },
  uploadMonitoringConsentAction: { permission: "monitoring.act", fields: (t) => ({ sheetId: t.monitoringSheetId, file: pdf(2048) }) },
  signMonitoringStepAction: { permission: "monitoring.act", fields: (t) => ({ sheetId: t.monitoringSheetId, version: "1", step: "VISIT" }) },
  recordMonitoringStepAction: {
    permission: "monitoring.act",
    fields: (t) => ({ sheetId: t.monitoringSheetId, version: "1", step: "DATA_CHECK", opinion: "扫描比对" }),
  },
  startMonitoringNoticeAction: { permission: "monitoring.act", fields: (t) => ({ sheetId: t.monitoringSheetId, version: "1", postedOn: "2026-11-01" }) },
  closeMonitoringNoticeAction: { permission: "monitoring.act", fields: (t) => ({ sheetId: t.monitoringSheetId, version: "1" }) },
  recordMonitoringObjectionAction: {
    permission: "monitoring.act",
    fields: (t) => ({ sheetId: t.monitoringSheetId, version: "1", raisedOn: "2026-11-01", content: "扫描异议" }),
  },
  resolveMonitoringObjectionAction: {
    permission: "monitoring.act",
    fields: (t) => ({ objectionId: t.monitoringObjectionId, version: "1", resolution: "扫描处理" }),
  },
  rejectMonitoringSheetAction: {
    permission: "monitoring.act",
    fields: (t) => ({ sheetId: t.monitoringSheetId, version: "1", step: "VISIT", reason: "扫描退回" }),
  },
  resolveMonitoringRiskAction: {
    permission: "monitoring.write",
    fields: (t) => ({ objectId: t.monitoringObjectId, version: "1", riskId: randomUUID(), resolvedOn: "2026-01-01" }),
  },
  screenIncomeWarningsAction: { permission: "monitoring.manage", fields: () => ({ year: "2029" }) },
  uploadDepartmentListAction: { permission: "monitoring.manage", fields: () => ({ department: "MEDICAL", file: pdf(2048) }) },
  checkWarningAction: {
    permission: "monitoring.write",
    fields: (t) => ({ warningId: t.monitoringWarningId, version: "1", outcome: "NOT_NEEDED", note: "扫描核实" }),
  },
  raiseWarningAction: {
    permission: "monitoring.write",
    fields: (t) => ({ source: "SELF_APPLICATION", householdNo: t.householdNo, raisedOn: "2024-01-01", reason: "扫描用自主申报" }),
  },
  addMonitoringRiskAction: {
    permission: "monitoring.write",
    fields: (t) => ({ objectId: t.monitoringObjectId, version: "1", riskType: "OTHER", foundOn: "2024-01-01", source: "CADRE_SCREENING" }),
  },
  saveQualityLimitsAction: {
    permission: "settings.manage",
    fields: () => ({ farmlandMu: "100", householdsPerPhone: "3", householdsPerHelper: "10", perCapitaLinePercent: "2", version: "0" }),
  },
  saveRateThresholdsAction: {
    permission: "settings.manage",
    fields: () => ({ wrongExitMaxPermille: "2", missedMaxPermille: "2", approvalMinPermille: "90", incidenceMaxPermille: "2", version: "0" }),
  },
  saveVisitOverdueDaysAction: { permission: "settings.manage", fields: () => ({ visitOverdueDays: "30", version: "0" }) },
  createUserAction: {
    permission: "user.manage",
    fields: () => ({
      username: `sweepnew${Date.now() % 100000}`,
      displayName: "扫描用户",
      password: "Sweep-2026-long",
      role: "VILLAGE_CADRE",
      regionCode: FIRST_VILLAGE,
    }),
  },
  updateUserAction: {
    permission: "user.manage",
    fields: (t) => ({ userId: t.userId, version: "1", displayName: "扫描改名", role: "VILLAGE_CADRE", regionCode: FIRST_VILLAGE }),
  },
  disableUserAction: { permission: "user.manage", fields: (t) => ({ userId: t.userId, version: "1" }) },
  enableUserAction: { permission: "user.manage", fields: (t) => ({ userId: t.userId, version: "1" }) },
  resetPasswordAction: { permission: "user.manage", fields: (t) => ({ userId: t.userId, version: "1", password: "Sweep-2026-long" }) },
  signOutEverywhereAction: { permission: "user.manage", fields: (t) => ({ userId: t.userId }) },
  resetTwoFactorAction: { permission: "user.manage", fields: (t) => ({ userId: t.userId }) },
  createRegionAction: { permission: "region.manage", fields: () => ({ level: "VILLAGE", code: "522698100299", name: "扫描村", parentCode: "522698100000" }) },
  renameRegionAction: { permission: "region.manage", fields: () => ({ code: FIRST_VILLAGE, name: "扫描改名", version: "1" }) },
  moveRegionAction: { permission: "region.manage", fields: () => ({ code: FIRST_VILLAGE, direction: "down", version: "1" }) },
  retireRegionAction: { permission: "region.manage", fields: () => ({ code: FIRST_VILLAGE, version: "1" }) },
  importRegionTreeAction: { permission: "region.manage", fields: () => ({ mode: "preview" }) },
  mergeVillagesAction: {
    permission: "region.manage",
    fields: () => ({ sourceCode: FIRST_VILLAGE, targetCode: "522698100202", sourceVersion: "1", targetVersion: "1", confirm: "yes" }),
  },
  createVillageGroupAction: { permission: "region.manage", fields: () => ({ villageCode: FIRST_VILLAGE, name: "扫描组" }) },
  renameVillageGroupAction: { permission: "region.manage", fields: () => ({ id: SWEEP_GROUP_ID, name: "扫描改名", version: "1" }) },
  moveVillageGroupAction: { permission: "region.manage", fields: () => ({ id: SWEEP_GROUP_ID, direction: "down", version: "1" }) },
  retireVillageGroupAction: { permission: "region.manage", fields: () => ({ id: SWEEP_GROUP_ID, version: "1" }) },
};

/** Actions on the caller's own session, with nothing of anyone else's to name. */
const OWN_SESSION_ONLY = new Set(["signInAction", "confirmEnrolmentAction", "verifyCodeAction", "verifyRecoveryCodeAction", "signOutAction"]);
function isSignOut(action: ServerAction) {
  return action.name === "signOutAction" || action.name.startsWith("$$RSC_SERVER_ACTION");
}

const SECOND_TOWNSHIP = "522698101000"; // 龙泉镇
const COUNTY = "522698000000";

/**
 * One account per role, made for the sweep so that no other spec acts as them: second-township
 * (or second-township village) accounts for the roles with a township or narrower scope,
 * county accounts for the county-wide roles.
 */
async function attackers(): Promise<{ username: string; role: Role; countyWide: boolean }[]> {
  const hash = bcrypt.hashSync(DEMO_PASSWORD, 10);
  const accounts: { username: string; role: Role; region: string; countyWide: boolean }[] = [
    { username: "sw_vc", role: "VILLAGE_CADRE", region: SECOND_VILLAGE, countyWide: false },
    { username: "sw_wt", role: "WORK_TEAM", region: SECOND_VILLAGE, countyWide: false },
    { username: "sw_hp", role: "HELPER", region: SECOND_VILLAGE, countyWide: false },
    { username: "sw_tc", role: "TOWNSHIP_CADRE", region: SECOND_TOWNSHIP, countyWide: false },
    { username: "sw_co", role: "COUNTY_OFFICE", region: COUNTY, countyWide: true },
    { username: "sw_cl", role: "COUNTY_LEADER", region: COUNTY, countyWide: true },
    { username: "sw_is", role: "INSPECTOR", region: COUNTY, countyWide: true },
    { username: "sw_ad", role: "ADMIN", region: COUNTY, countyWide: true },
  ];
  for (const account of accounts) {
    await query(
      `INSERT INTO app_user (id, username, display_name, password_hash, role, region_code) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (username) DO NOTHING`,
      [randomUUID(), account.username, `扫描${account.role}`, hash, account.role, account.region],
    );
  }
  return accounts.map(({ username, role, countyWide }) => ({ username, role, countyWide }));
}

test("role × server action: a first-township target used by every other-scope user is refused, writes nothing and leaves no audit row", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const actions = serverActions();
  const unlisted = actions
    .filter((action) => !SWEEP[action.name] && !OWN_SESSION_ONLY.has(action.name) && !isSignOut(action))
    .map((action) => `${action.file}#${action.name}`);
  expect(unlisted, "every server action needs a sweep entry (or is own-session only)").toEqual([]);

  const targets = await firstTownshipTargets();
  const accounts = await attackers();
  const sessions = new Map<string, APIRequestContext>();
  for (const account of accounts) sessions.set(account.username, await signedIn(browser, account.username));

  const attackerIds = (await query<{ id: string }>(`SELECT id FROM app_user WHERE username = ANY($1)`, [accounts.map((account) => account.username)])).map(
    (row) => row.id,
  );
  const before = await fingerprint(targets);
  const auditBefore = await lastAuditId();
  let refusals = 0;
  for (const action of actions.filter((candidate) => SWEEP[candidate.name])) {
    const { permission, fields } = SWEEP[action.name];
    for (const account of accounts) {
      const allowed = (PERMISSIONS[permission] as readonly Role[]).includes(account.role);
      // A county-wide role that holds the permission is legitimately in scope of the first township.
      if (account.countyWide && allowed) continue;
      const reply = await callAction(sessions.get(account.username)!, action, fields(targets), { origin: baseURL! });
      const where = `${action.name} as ${account.username} (${account.role})`;
      expect(reply.status, where).toBe(200);
      expect(reply.redirect, where).toBeNull();
      expect(reply.result, `${where}: ${reply.body.slice(0, 300)}`).not.toBeNull();
      expect(reply.result?.ok, where).toBe(false);
      // Refused for who the user is (no permission) or where the record is (out of scope, answered
      // exactly like a missing record) — never for the payload, a rule or a race.
      expect(reply.result?.code, `${where}: ${JSON.stringify(reply.result)}`).toBe(allowed ? "NOT_FOUND" : "FORBIDDEN");
      refusals++;
    }
  }
  expect(refusals).toBeGreaterThan(200);
  expect(await fingerprint(targets)).toEqual(before);
  expect(await auditRowsBy(attackerIds, auditBefore)).toEqual([]);
});

test("with the database down, sign-in says so and pages show the Chinese error page", async ({ browser }) => {
  test.setTimeout(120_000);
  // @ts-expect-error plain ESM helpers shared with the start script
  const { startNext, stopProcessGroup } = await import("../../scripts/lib/app.mjs");
  const port = 40_000 + Math.floor(Math.random() * 20_000);
  const app = await startNext({
    port,
    quiet: true,
    env: { DATABASE_URL: "postgresql://nobody:none@127.0.0.1:1/none", AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret", TWO_FACTOR_MODE: "optional" },
  });
  try {
    const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}` });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("用户名").fill("village");
    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByTestId("form-error")).toContainText("系统暂时无法连接数据库");
    await screenshots(page, "sign-in-database-down");
    // A signed-in user's next page while the database is unreachable (the session token is valid, the database is not).
    const working = await browser.newContext();
    const signedInPage = await working.newPage();
    await signIn(signedInPage, "village");
    await context.addCookies((await working.cookies()).map((cookie) => ({ ...cookie, domain: "127.0.0.1" })));
    await page.goto("/households");
    await expect(page.getByRole("heading", { name: "页面暂时无法显示" })).toBeVisible();
    await expect(page.getByText("This page couldn")).toHaveCount(0);
    await screenshots(page, "error-page-database-down");
  } finally {
    stopProcessGroup(app);
  }
});
