/**
 * Pure rules of spot-check rounds (抽查): the 未建档户 list typed into the form, and what is stored per frozen entry.
 * The draw itself is lib/inspections/sampling.ts.
 */

/** A village the list may name, by its 12-digit code or its name. */
export type ListVillage = { code: string; name: string; townshipCode: string };

/** One line of the 未建档户 list, resolved to its village. */
export type ListedEntry = { villageCode: string; townshipCode: string; headName: string; people: number; note: string | null };

export const LISTED_LINE_FORMAT = "村代码或村名,户主姓名,人数,备注（备注可省略）";
export const MAX_LISTED_LINES = 2000;
const MAX_PEOPLE = 30;
const HIDDEN = /[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/;

export type ListParse = { ok: true; entries: ListedEntry[] } | { ok: false; errors: string[] };

/**
 * Parses the 未建档户 list, one household a line: `村代码或村名,户主姓名,人数,备注` (commas half- or full-width; blank lines
 * skipped). All or nothing: every bad line is reported with its line number, and then nothing is taken.
 * A village name that two townships share must be given by its code; the same household (village and name) twice is refused.
 */
export function parseListedHouseholds(text: string, villages: readonly ListVillage[]): ListParse {
  const byCode = new Map(villages.map((village) => [village.code, village]));
  const byName = new Map<string, ListVillage[]>();
  for (const village of villages) byName.set(village.name, [...(byName.get(village.name) ?? []), village]);

  const errors: string[] = [];
  const entries: ListedEntry[] = [];
  const seen = new Map<string, number>();
  const lines = text.split(/\r\n|\r|\n/);
  const filled = lines.filter((line) => line.trim() !== "").length;
  if (filled > MAX_LISTED_LINES) return { ok: false, errors: [`未建档户名单最多 ${MAX_LISTED_LINES} 行，现有 ${filled} 行`] };

  lines.forEach((raw, index) => {
    const row = index + 1;
    const line = raw.trim();
    if (line === "") return;
    const fail = (message: string) => errors.push(`第 ${row} 行：${message}`);
    if (HIDDEN.test(line.replace(/\t/g, ""))) return fail("含有控制字符或不可见字符，请删除后重新输入");
    const parts = line.split(/[,，]/).map((part) => part.trim());
    if (parts.length < 3) return fail(`应为"${LISTED_LINE_FORMAT}"，至少三项`);
    const [villageText, headName, peopleText, ...rest] = parts;
    const note = rest.join("，").trim();
    let village: ListVillage | undefined;
    if (/^\d{12}$/.test(villageText)) {
      village = byCode.get(villageText);
      if (!village) return fail(`村代码 ${villageText} 不在抽查范围内`);
    } else {
      const named = byName.get(villageText) ?? [];
      if (named.length === 0) return fail(villageText === "" ? "请填写村代码或村名" : `村名"${villageText}"不在抽查范围内`);
      if (named.length > 1) return fail(`村名"${villageText}"有重名，请改填村代码`);
      village = named[0];
    }
    if (headName === "") return fail("请填写户主姓名");
    if (headName.length > 40) return fail("户主姓名不超过 40 个字符");
    if (!/^\d{1,3}$/.test(peopleText)) return fail("人数应为正整数");
    const people = Number(peopleText);
    if (people < 1 || people > MAX_PEOPLE) return fail(`人数应在 1 到 ${MAX_PEOPLE} 之间`);
    if (note.length > 200) return fail("备注不超过 200 个字符");
    const key = `${village.code}\u0000${headName}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) return fail(`与第 ${earlier} 行重复（同一村同一户主）`);
    seen.set(key, row);
    entries.push({ villageCode: village.code, townshipCode: village.townshipCode, headName, people, note: note === "" ? null : note });
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, entries };
}

/** What a frozen entry stores besides its label: the people counted at freezing (for 综合贫困发生率) and a note. */
export type EntryDetail = { people: number; note: string | null };

export function entryDetailText(detail: EntryDetail): string {
  return JSON.stringify({ people: detail.people, note: detail.note });
}

/** Reads a stored detail; anything unreadable counts as 0 people without a note. */
export function readEntryDetail(text: string | null): EntryDetail {
  if (!text) return { people: 0, note: null };
  try {
    const parsed = JSON.parse(text) as { people?: unknown; note?: unknown };
    const people = typeof parsed.people === "number" && Number.isSafeInteger(parsed.people) && parsed.people >= 0 ? parsed.people : 0;
    return { people, note: typeof parsed.note === "string" ? parsed.note : null };
  } catch {
    return { people: 0, note: null };
  }
}

/** "每乡镇 10 户" / "按 50‰，每乡镇不少于 5 户". */
export function sizeRuleText(round: { sizeKind: string; sizeValue: number; sizeMinimum: number }): string {
  if (round.sizeKind === "COUNT") return `每乡镇 ${round.sizeValue} 户`;
  return `按 ${round.sizeValue}‰${round.sizeMinimum > 0 ? `，每乡镇不少于 ${round.sizeMinimum} 户` : ""}`;
}
