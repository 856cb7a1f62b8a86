import { describe, expect, it } from "vitest";
import { fenToYuanString, formatFen, parseYuan, sumFen } from "@/lib/income/money";

function fenOf(text: string, options?: { allowNegative?: boolean }): number {
  const result = parseYuan(text, options);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got ${result.message}`);
  return result.fen;
}

function messageOf(text: string, options?: { allowNegative?: boolean }): string {
  const result = parseYuan(text, options);
  if (result.ok) throw new Error(`expected "${text}" to be refused, got ${result.fen}`);
  return result.message;
}

describe("parseYuan", () => {
  it.each([
    ["1234", 123400],
    ["1234.5", 123450],
    ["1234.56", 123456],
    ["0", 0],
    ["0.00", 0],
    ["0.01", 1],
    ["0.1", 10],
    ["0.2", 20],
    ["19.99", 1999],
    ["1,234.56", 123456],
    ["1,234,567.89", 123456789],
    ["12,345", 1234500],
    ["007", 700],
    ["  12.30  ", 1230],
    ["１２３４．５６", 123456],
    ["１，２３４", 123400],
  ])("reads %s as %i fen", (text, fen) => {
    expect(parseYuan(text)).toEqual({ ok: true, fen });
  });

  it("does not lose precision where float arithmetic would", () => {
    // In floating point 1.15 × 100 = 114.99999999999999, 4.35 × 100 = 434.99999999999994.
    expect(1.15 * 100).not.toBe(115);
    expect(fenOf("1.15")).toBe(115);
    expect(fenOf("4.35")).toBe(435);
    expect(fenOf("0.29")).toBe(29);
    expect(fenOf("9999999.99")).toBe(999999999);
  });

  it("refuses negative amounts unless allowed", () => {
    expect(messageOf("-3.2")).toBe("金额不能为负数");
    expect(fenOf("-3.2", { allowNegative: true })).toBe(-320);
    expect(fenOf("−1,234.56", { allowNegative: true })).toBe(-123456);
    expect(fenOf("－５", { allowNegative: true })).toBe(-500);
  });

  it("reads minus zero as plain zero", () => {
    expect(Object.is(fenOf("-0", { allowNegative: true }), 0)).toBe(true);
    expect(Object.is(fenOf("-0.00", { allowNegative: true }), 0)).toBe(true);
  });

  it("refuses more than two decimals", () => {
    expect(messageOf("1.234")).toBe("金额最多保留两位小数");
    expect(messageOf("1.230")).toBe("金额最多保留两位小数");
    expect(messageOf("1.005")).toBe("金额最多保留两位小数");
    expect(messageOf("-0.001", { allowNegative: true })).toBe("金额最多保留两位小数");
  });

  it.each(["abc", "1.2.3", "1,23", "12,34.5", "1,2345", ",123", ".5", "5.", "1e3", "+5", "12 34", "¥12", "12元", "NaN", "Infinity", "-", "--5", "0x10"])(
    "refuses %s as not a number",
    (text) => {
      expect(messageOf(text, { allowNegative: true })).toBe("请输入有效金额");
    },
  );

  it("asks for a value when empty", () => {
    expect(messageOf("")).toBe("请填写金额");
    expect(messageOf("   ")).toBe("请填写金额");
  });

  it("accepts up to 1 000 000 000 yuan and refuses beyond", () => {
    expect(fenOf("1000000000")).toBe(100_000_000_000);
    expect(fenOf("1,000,000,000.00")).toBe(100_000_000_000);
    expect(fenOf("0001000000000")).toBe(100_000_000_000);
    expect(fenOf("-1000000000", { allowNegative: true })).toBe(-100_000_000_000);
    expect(messageOf("1000000000.01")).toBe("金额不能超过1,000,000,000.00元");
    expect(messageOf("9999999999")).toBe("金额不能超过1,000,000,000.00元");
    expect(messageOf("99999999999999999999999")).toBe("金额不能超过1,000,000,000.00元");
    expect(messageOf("-1000000000.01", { allowNegative: true })).toBe("金额不能超过1,000,000,000.00元");
  });
});

describe("sumFen", () => {
  it("adds 0.1 and 0.2 yuan to exactly 30 fen", () => {
    expect(0.1 + 0.2).not.toBe(0.3); // the drift this module exists to avoid
    const total = sumFen([fenOf("0.1"), fenOf("0.2")]);
    expect(total).toBe(30);
    expect(formatFen(total)).toBe("0.30");
  });

  it("adds 10 000 amounts of 0.01 yuan to exactly 100.00", () => {
    const total = sumFen(Array.from({ length: 10_000 }, () => fenOf("0.01")));
    expect(total).toBe(10_000);
    expect(formatFen(total)).toBe("100.00");
  });

  it("adds mixed signs and an empty list", () => {
    expect(sumFen([])).toBe(0);
    expect(sumFen([150, -50, 1])).toBe(101);
  });

  it("throws for a value that is not a safe integer", () => {
    expect(() => sumFen([1, 0.5])).toThrow(RangeError);
    expect(() => sumFen([Number.NaN])).toThrow(RangeError);
    expect(() => sumFen([Number.POSITIVE_INFINITY])).toThrow(RangeError);
    expect(() => sumFen([2 ** 53])).toThrow(RangeError);
  });

  it("throws when the total leaves the safe integer range", () => {
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });
});

describe("formatFen", () => {
  it.each([
    [0, "0.00"],
    [5, "0.05"],
    [10, "0.10"],
    [100, "1.00"],
    [99999, "999.99"],
    [100000, "1,000.00"],
    [123456, "1,234.56"],
    [100000000, "1,000,000.00"],
    [100_000_000_000, "1,000,000,000.00"],
    [-5, "-0.05"],
    [-123456, "-1,234.56"],
  ])("formats %i fen as %s", (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it("throws for a non-integer amount", () => {
    expect(() => formatFen(1.5)).toThrow(RangeError);
    expect(() => formatFen(Number.NaN)).toThrow(RangeError);
  });
});

describe("fenToYuanString", () => {
  it.each([
    [123456, "1234.56"],
    [0, "0.00"],
    [1, "0.01"],
    [123400, "1234.00"],
    [-320, "-3.20"],
    [100_000_000_000, "1000000000.00"],
  ])("writes %i fen as %s", (fen, text) => {
    expect(fenToYuanString(fen)).toBe(text);
  });

  it("round-trips through parseYuan", () => {
    for (const fen of [0, 1, 9, 10, 99, 100, 123456, 100_000_000_000, -1, -320]) {
      expect(fenOf(fenToYuanString(fen), { allowNegative: true })).toBe(fen);
      expect(fenOf(formatFen(fen), { allowNegative: true })).toBe(fen);
    }
  });

  it("throws for a non-integer amount", () => {
    expect(() => fenToYuanString(0.1)).toThrow(RangeError);
  });
});
