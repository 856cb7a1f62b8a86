import { searchTextError } from "@/lib/search";

/** 户编号: the 12-digit village code followed by a 4-digit sequence within the village. */
export function householdNumber(villageCode: string, sequence: number): string {
  if (!/^\d{12}$/.test(villageCode)) throw new RangeError("村代码应为 12 位数字");
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 9999) throw new RangeError("本村户序号已超出 9999");
  return `${villageCode}${String(sequence).padStart(4, "0")}`;
}

export function householdNumberParts(householdNo: string): { villageCode: string; sequence: number } | null {
  const match = /^(\d{12})(\d{4})$/.exec(householdNo);
  return match ? { villageCode: match[1], sequence: Number(match[2]) } : null;
}

/** How a search text is used: a full ID, the last 4+ characters of an ID, a 户编号, or (any part of) a name. */
export type SearchKind =
  | { kind: "idNumber"; value: string }
  | { kind: "idSuffix"; value: string }
  | { kind: "householdNo"; value: string }
  | { kind: "name"; value: string }
  | { kind: "tooLong" }
  | { kind: "none" };

export function classifySearch(text: string | undefined): SearchKind {
  const trimmed = (text ?? "").trim();
  if (!trimmed) return { kind: "none" };
  if (searchTextError(trimmed)) return { kind: "tooLong" };
  const value = trimmed.toUpperCase();
  if (/^\d{17}[\dX]$/.test(value)) return { kind: "idNumber", value };
  if (/^\d{16}$/.test(value)) return { kind: "householdNo", value };
  if (/^\d{3,}[\dX]$/.test(value) && value.length <= 17) return { kind: "idSuffix", value };
  return { kind: "name", value: trimmed };
}
