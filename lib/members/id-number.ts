/**
 * 居民身份证号码 (GB 11643, docs/domain.md §3): validation, check character, masking, age.
 * Pure functions: "today" is always passed in, never read from the clock.
 */

export type Gender = "MALE" | "FEMALE";

export type IdErrorCode =
  | "EMPTY"
  | "OLD_FORMAT_15"
  | "WRONG_LENGTH"
  | "ILLEGAL_CHARACTERS"
  | "INVALID_REGION"
  | "INVALID_BIRTH_DATE"
  | "BIRTH_DATE_IN_FUTURE"
  | "BIRTH_YEAR_BEFORE_1900"
  | "WRONG_CHECK_DIGIT";

export type IdValidationResult =
  { ok: true; value: string; birthDate: string; gender: Gender; regionCode: string } | { ok: false; code: IdErrorCode; message: string };

const CHECK_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = "10X98765432";
const EARLIEST_BIRTH_YEAR = 1900;

/** First two digits of the region code: the provinces, plus 71 台湾, 81 香港, 82 澳门, 83 台湾居民居住证. */
const PROVINCE_CODES = new Set([
  "11",
  "12",
  "13",
  "14",
  "15",
  "21",
  "22",
  "23",
  "31",
  "32",
  "33",
  "34",
  "35",
  "36",
  "37",
  "41",
  "42",
  "43",
  "44",
  "45",
  "46",
  "50",
  "51",
  "52",
  "53",
  "54",
  "61",
  "62",
  "63",
  "64",
  "65",
  "71",
  "81",
  "82",
  "83",
]);

/** Full-width digits and Ｘ typed with a Chinese input method count as their ASCII forms. */
function toHalfWidth(text: string): string {
  return text.replace(/[０-９Ｘｘ]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

export function computeCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError(`computeCheckCharacter needs exactly 17 digits, got "${first17}"`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * CHECK_WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isRealCalendarDate(year: number, month: number, day: number): boolean {
  return Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export type CalendarDate = { year: number; month: number; day: number };

/** The calendar date of a Date in the local time zone (the same convention as date-fns). */
function calendarDateOf(date: Date): CalendarDate {
  return { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() };
}

export function compareCalendarDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

function isoDate({ year, month, day }: CalendarDate): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Parses "YYYY-MM-DD" (or "YYYYMMDD") into a real calendar date, or null. */
export function parseCalendarDate(text: string): CalendarDate | null {
  const match = /^(\d{4})(-?)(\d{2})\2(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[3]), Number(match[4])];
  return isRealCalendarDate(year, month, day) ? { year, month, day } : null;
}

function isKnownRegionCode(regionCode: string): boolean {
  return /^\d{6}$/.test(regionCode) && PROVINCE_CODES.has(regionCode.slice(0, 2));
}

function refuse(code: IdErrorCode, message: string): IdValidationResult {
  return { ok: false, code, message };
}

export function validateIdNumber(input: string, today: Date): IdValidationResult {
  const value = toHalfWidth(input.trim()).toUpperCase();
  if (value === "") return refuse("EMPTY", "请填写身份证号码");
  if (/^\d{15}$/.test(value)) {
    return refuse("OLD_FORMAT_15", "这是15位旧身份证号码，请填写18位居民身份证号码");
  }
  const length = [...value].length;
  if (length !== 18) return refuse("WRONG_LENGTH", `身份证号码应为18位，当前为${length}位`);
  if (!/^\d{17}[\dX]$/.test(value)) {
    return refuse("ILLEGAL_CHARACTERS", "前17位必须是数字，第18位为数字或X");
  }

  const regionCode = value.slice(0, 6);
  if (!isKnownRegionCode(regionCode)) return refuse("INVALID_REGION", "地区码不正确");

  const birthDigits = value.slice(6, 14);
  const birth = parseCalendarDate(birthDigits);
  if (!birth) return refuse("INVALID_BIRTH_DATE", `出生日期${birthDigits}不是有效日期`);
  if (birth.year < EARLIEST_BIRTH_YEAR) {
    return refuse("BIRTH_YEAR_BEFORE_1900", `出生日期${birthDigits}早于1900年，请核对号码`);
  }
  if (compareCalendarDates(birth, calendarDateOf(today)) > 0) {
    return refuse("BIRTH_DATE_IN_FUTURE", `出生日期${birthDigits}晚于今天，请核对号码`);
  }

  if (computeCheckCharacter(value.slice(0, 17)) !== value[17]) {
    return refuse("WRONG_CHECK_DIGIT", "第18位校验码不正确，请逐位核对号码");
  }

  return {
    ok: true,
    value,
    birthDate: isoDate(birth),
    gender: genderFromSequenceDigit(value[16]),
    regionCode,
  };
}

function genderFromSequenceDigit(digit: string): Gender {
  return Number(digit) % 2 === 1 ? "MALE" : "FEMALE";
}

/**
 * Builds a valid 18-character number (for synthetic data). `birthDate` is a Date (its local
 * calendar date) or "YYYY-MM-DD"/"YYYYMMDD"; `sequence3` is 0–999 (odd = male, even = female).
 */
export function makeIdNumber(regionCode6: string, birthDate: Date | string, sequence3: number): string {
  if (!isKnownRegionCode(regionCode6)) {
    throw new RangeError(`makeIdNumber: invalid region code "${regionCode6}"`);
  }
  const birth = typeof birthDate === "string" ? parseCalendarDate(birthDate) : calendarDateOf(birthDate);
  if (!birth || !isRealCalendarDate(birth.year, birth.month, birth.day)) {
    throw new RangeError(`makeIdNumber: invalid birth date "${String(birthDate)}"`);
  }
  if (birth.year < EARLIEST_BIRTH_YEAR || birth.year > 9999) {
    throw new RangeError(`makeIdNumber: birth year ${birth.year} out of range`);
  }
  if (!Number.isInteger(sequence3) || sequence3 < 0 || sequence3 > 999) {
    throw new RangeError(`makeIdNumber: sequence must be an integer 0–999, got ${sequence3}`);
  }
  const first17 = `${regionCode6}${pad(birth.year, 4)}${pad(birth.month, 2)}${pad(birth.day, 2)}${pad(sequence3, 3)}`;
  return first17 + computeCheckCharacter(first17);
}

/** 1101**********1234: first 4 and last 4 characters; anything of 8 characters or fewer is fully masked. */
export function maskIdNumber(id: string): string {
  const value = id.trim();
  if (value.length <= 8) return "*".repeat(value.length);
  return value.slice(0, 4) + "*".repeat(value.length - 8) + value.slice(-4);
}
