import { describe, expect, it } from "vitest";
import { completedYears, formatDateTime, formatTimeOfDay } from "@/lib/dates";

const TODAY = new Date(2024, 5, 15); // 2024-06-15, local time

describe("completedYears (the one age function, lib/dates)", () => {
  it("counts the birthday on the day itself", () => {
    expect(completedYears("1990-06-15", new Date(2024, 5, 14))).toBe(33);
    expect(completedYears("1990-06-15", new Date(2024, 5, 15))).toBe(34);
    expect(completedYears("1990-06-15", new Date(2024, 5, 16))).toBe(34);
  });

  it("ignores the time of day", () => {
    expect(completedYears("1990-06-15", new Date(2024, 5, 14, 23, 59, 59))).toBe(33);
    expect(completedYears("1990-06-15", new Date(2024, 5, 15, 0, 0, 0))).toBe(34);
  });

  it("handles the turn of the year", () => {
    expect(completedYears("2000-01-01", new Date(2023, 11, 31))).toBe(23);
    expect(completedYears("2000-01-01", new Date(2024, 0, 1))).toBe(24);
    expect(completedYears("2000-12-31", new Date(2024, 11, 30))).toBe(23);
    expect(completedYears("2000-12-31", new Date(2024, 11, 31))).toBe(24);
  });

  it("is 0 on the day of birth and for a baby", () => {
    expect(completedYears("2024-06-15", new Date(2024, 5, 15))).toBe(0);
    expect(completedYears("2023-06-16", new Date(2024, 5, 15))).toBe(0);
  });

  it("makes someone born on 29 February a year older on 1 March in non-leap years", () => {
    expect(completedYears("2000-02-29", new Date(2023, 1, 28))).toBe(22);
    expect(completedYears("2000-02-29", new Date(2023, 2, 1))).toBe(23);
    expect(completedYears("2000-02-29", new Date(2024, 1, 28))).toBe(23);
    expect(completedYears("2000-02-29", new Date(2024, 1, 29))).toBe(24);
  });

  it("is negative before the birth date", () => {
    expect(completedYears("2024-06-16", new Date(2024, 5, 15))).toBe(-1);
  });

  it("rejects an invalid birth date", () => {
    expect(() => completedYears("1990-02-30", TODAY)).toThrow(RangeError);
    expect(() => completedYears("", TODAY)).toThrow(RangeError);
    expect(() => completedYears("1990/01/01", TODAY)).toThrow(RangeError);
  });
});

describe("formatTimeOfDay and formatDateTime (Asia/Shanghai, whatever the server's zone)", () => {
  it("writes the time of day with two-digit hours and minutes, 00 after midnight", () => {
    expect(formatTimeOfDay(new Date("2026-12-06T01:05:03Z"))).toBe("09:05");
    expect(formatTimeOfDay(new Date("2026-12-05T16:00:00Z"))).toBe("00:00");
  });

  it("writes date and time as the Chinese locale does, the day changing at Shanghai's midnight", () => {
    expect(formatDateTime(new Date("2026-12-06T01:05:03Z"))).toBe("2026/12/6 09:05:03");
    expect(formatDateTime(new Date("2026-12-05T15:59:59Z"))).toBe("2026/12/5 23:59:59");
    expect(formatDateTime(new Date("2026-12-05T16:00:09Z"))).toBe("2026/12/6 00:00:09");
  });
});
