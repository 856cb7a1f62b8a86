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

export function formatDateTime(date: Date): string {
  return date.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
}
