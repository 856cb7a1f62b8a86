/**
 * The offline drafts' pure rules (no browser API, no I/O): what a draft is, which draft a submit replaces,
 * and how an edit saved offline meets the record as it is now. tests/unit/offline-rules.test.ts.
 *
 * An edit carries the version it was based on; sent after someone else saved the record, the command refuses
 * it as a stale version (ARCHITECTURE invariant 3). The draft then compares, field by field:
 * - `base`: the form's values when the user opened it (what they saw),
 * - `mine`: what they submitted,
 * - `current`: the record now (the same form, rendered afresh by the server).
 * Fields the user did not change are never sent back over someone else's newer value.
 */

export type DraftKind = "visit" | "member" | "household" | "income" | "newMember" | "newHousehold";

/** Drafts that create a record: each submit is its own draft (keyed by its idempotency key); no version, so never a conflict. */
export const CREATING_KINDS: ReadonlySet<DraftKind> = new Set(["visit", "newMember", "newHousehold"]);
export const isCreating = (kind: DraftKind) => CREATING_KINDS.has(kind);

/** Values by field name, as a form posts them (a name may repeat: check boxes). */
export type FieldValues = Record<string, string[]>;

/** A photo kept with a visit draft (already resized on the device). */
export type DraftFile = { name: string; type: string; blob: Blob };

export type DraftStatus = "pending" | "conflict" | "refused";

export type Draft = {
  /** `${userId}:${kind}:${record}`: a second offline save of the same edit (or the same visit form) replaces the first. */
  id: string;
  userId: string;
  kind: DraftKind;
  /** What the list shows: "走访记录 · 2026-11-01", "成员 张三". */
  title: string;
  /** The page the form is on: opened again for the record's current values, and offered as the way back. */
  pageUrl: string;
  /**
   * Where the draft is opened back in its form, when not `pageUrl`: the income form's reader URL names the year
   * (`?year=`), but the page kept for offline use is the household page without it; the form takes the year from the draft.
   */
  openUrl?: string;
  /** The form's `data-offline-form` mark on that page. */
  formKey: string;
  mine: FieldValues;
  files: Record<string, DraftFile[]>;
  base: FieldValues;
  labels: Record<string, string>;
  /** Option texts of select fields, so a code shows as what the user picked. */
  options: Record<string, Record<string, string>>;
  createdAt: number;
  updatedAt: number;
  status: DraftStatus;
  /** For a conflict: the record's values and version now. */
  current?: FieldValues;
  currentOptions?: Record<string, Record<string, string>>;
  /** For a refusal: the command's own Chinese message and field errors. */
  error?: { message: string; fieldErrors?: Record<string, string[]> };
};

/** Fields that are the form's machinery, never the user's data. */
export const MACHINE_FIELDS = new Set(["version", "idempotencyKey"]);

const KIND_LABELS: Record<DraftKind, string> = {
  visit: "走访记录",
  member: "成员信息",
  household: "户基本信息",
  income: "收入",
  newMember: "新增成员",
  newHousehold: "新建户档",
};
export const kindLabel = (kind: DraftKind) => KIND_LABELS[kind];

export function draftId(userId: string, formKey: string): string {
  return `${userId}:${formKey}`;
}

function same(a: string[] | undefined, b: string[] | undefined): boolean {
  const left = [...(a ?? [])].sort();
  const right = [...(b ?? [])].sort();
  return left.length === right.length && left.every((value, index) => value === right[index]);
}

/** Empty and missing are the same value for a form field. */
function normalised(values: string[] | undefined): string[] {
  return (values ?? []).filter((value) => value !== "");
}

function equal(a: string[] | undefined, b: string[] | undefined): boolean {
  return same(normalised(a), normalised(b));
}

export type FieldConflict = { name: string; mine: string[]; current: string[]; base: string[] | undefined; changedByOthers: boolean };

/**
 * The fields where the user's edit and the record now disagree: the user changed the field (or the draft
 * has no record of what they saw) and the record does not hold their value. None means their edit is
 * already saved (a replay of a send whose answer was lost) and the draft is done.
 */
export function editConflicts(draft: Pick<Draft, "mine" | "base">, current: FieldValues): FieldConflict[] {
  const conflicts: FieldConflict[] = [];
  for (const [name, mine] of Object.entries(draft.mine)) {
    if (MACHINE_FIELDS.has(name)) continue;
    const base = draft.base[name];
    const changedByMe = base === undefined || !equal(mine, base);
    if (!changedByMe || equal(mine, current[name])) continue;
    conflicts.push({ name, mine, current: current[name] ?? [], base, changedByOthers: base !== undefined && !equal(current[name], base) });
  }
  return conflicts;
}

/**
 * "Keep mine": what is sent again. The record's values now, the user's changed fields over them, and the
 * version the record has now, so the command accepts it only if nobody saved in between once more.
 */
export function keepMine(draft: Pick<Draft, "mine" | "base">, current: FieldValues): FieldValues {
  const merged: FieldValues = Object.create(null);
  for (const [name, values] of Object.entries(current)) merged[name] = values;
  for (const [name, mine] of Object.entries(draft.mine)) {
    if (MACHINE_FIELDS.has(name)) continue;
    const base = draft.base[name];
    if (base === undefined || !equal(mine, base)) merged[name] = mine;
  }
  if (current.version) merged.version = current.version;
  return merged;
}

/** A value as the user reads it: the option's text for a select, "（空）" for nothing. */
export function displayValue(values: string[] | undefined, options?: Record<string, string>): string {
  const shown = normalised(values).map((value) => options?.[value] ?? value);
  return shown.length ? shown.join("、") : "（空）";
}

/** The drafts of this user only, oldest first (the order they are sent in). Another user's drafts on the device are ignored. */
export function draftsOf<T extends Pick<Draft, "userId" | "createdAt">>(drafts: T[], userId: string): T[] {
  return drafts.filter((draft) => draft.userId === userId).sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * What a draft puts back into its form when it is opened again (/drafts → 在表单中打开): the fields the user
 * changed (all of them for a draft that creates a record, which has no `base`). Fields they did not touch keep
 * what the form shows now — the record as the page renders it — so reopening never brings back values someone
 * else has since changed. The form's machinery (version, key) stays the form's.
 */
export function valuesToRestore(draft: Pick<Draft, "mine" | "base">): FieldValues {
  const restored: FieldValues = Object.create(null);
  for (const [name, mine] of Object.entries(draft.mine)) {
    if (MACHINE_FIELDS.has(name)) continue;
    const base = draft.base[name];
    if (base === undefined || !equal(mine, base)) restored[name] = mine;
  }
  return restored;
}

/**
 * The `base` kept when a form saves a draft again: what the user first saw, as long as the form still shows the
 * same version of the record; once the form shows a newer version (opened afresh online, the draft put back into
 * it), what it shows now — `base` must always be the values of the version the draft is sent with.
 */
export function baseForResave(earlier: Pick<Draft, "base"> | undefined, shown: FieldValues): FieldValues {
  if (earlier && same(earlier.base.version, shown.version)) return earlier.base;
  return shown;
}

/** The draft named in a page address's fragment (`#draft=<id>`), as /drafts links to it. */
export const DRAFT_HASH = "draft";
export function draftFromHash(hash: string): string | null {
  const value = new URLSearchParams(hash.replace(/^#/, "")).get(DRAFT_HASH);
  return value || null;
}
export function openDraftHref(draft: Pick<Draft, "id" | "pageUrl" | "openUrl">): string {
  return `${draft.openUrl ?? draft.pageUrl}#${DRAFT_HASH}=${encodeURIComponent(draft.id)}`;
}
