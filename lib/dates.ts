/** Dates of the domain are calendar dates (YYYY-MM-DD); the server runs with TZ=Asia/Shanghai. */
export function toDateString(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A DATE column value (UTC midnight from Prisma) from a YYYY-MM-DD string. */
export function fromDateString(text: string): Date {
  return new Date(`${text}T00:00:00.000Z`);
}

/** Today's calendar date in the server's time zone. */
export function todayString(now = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, "0");
  const d = String(now.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

/** The current calendar year in the server's time zone. */
export function currentYear(now = new Date()): number {
  return Number(todayString(now).slice(0, 4));
}

// Built once: toLocaleString with options builds a new formatter on every call, which costs more than the formatting.
const TIME_OF_DAY = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", hour12: false, hour: "2-digit", minute: "2-digit" });
const DATE_TIME = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  hour12: false,
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
});

/** "09:05" in Asia/Shanghai. */
export function formatTimeOfDay(date: Date): string {
  return TIME_OF_DAY.format(date);
}

/** "2026/12/6 09:05:03" in Asia/Shanghai. */
export function formatDateTime(date: Date): string {
  return DATE_TIME.format(date);
}

function calendarDate(text: string): { year: number; month: number; day: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  const real = probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
  return real ? { year, month, day } : null;
}

/**
 * Whole years from a birth date to `asOf` (YYYY-MM-DD, or a Date's local calendar date): the
 * birthday counts on the day itself, someone born on 29 February has their birthday on 1 March
 * in common years, and the result is negative before the birth. Throws on a date that is not real.
 */
export function completedYears(birthDate: string, asOf: string | Date): number {
  const birth = calendarDate(birthDate);
  const on = calendarDate(typeof asOf === "string" ? asOf : todayString(asOf));
  if (!birth) throw new RangeError(`completedYears: invalid birth date "${birthDate}"`);
  if (!on) throw new RangeError(`completedYears: invalid date "${String(asOf)}"`);
  const birthdayPassed = on.month > birth.month || (on.month === birth.month && on.day >= birth.day);
  return on.year - birth.year - (birthdayPassed ? 0 : 1);
}

/** Age for the rules and the screens: null when a date is not real or the day is before the birth. */
export function ageOn(birthDate: string, asOf: string | Date): number | null {
  if (!calendarDate(birthDate) || (typeof asOf === "string" && !calendarDate(asOf))) return null;
  const age = completedYears(birthDate, asOf);
  return age >= 0 ? age : null;
}
