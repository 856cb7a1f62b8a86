import { describe, expect, it } from "vitest";
import { computeCheckCharacter, makeIdNumber, maskIdNumber, validateIdNumber } from "@/lib/members/id-number";

const TODAY = new Date(2024, 5, 15); // 2024-06-15, local time

/** Appends the correct check character, so a test number carries only the defect under test. */
function withCheck(first17: string): string {
  return first17 + computeCheckCharacter(first17);
}

function refusal(input: string, today = TODAY) {
  const result = validateIdNumber(input, today);
  if (result.ok) throw new Error(`expected ${input} to be refused`);
  return result;
}

describe("computeCheckCharacter (ISO 7064 MOD 11-2)", () => {
  it("matches check characters computed by hand", () => {
    // 1·7+1·9+0+1·5+0+1·4+1·2+9·1+9·6+0+0+3·9+0+7·5+1·8+2·4+3·2 = 174; 174 mod 11 = 9 → "3"
    expect(computeCheckCharacter("11010119900307123")).toBe("3");
    // The example number printed in GB 11643.
    expect(computeCheckCharacter("11010519491231002")).toBe("X");
    // The other GB 11643 example (born 1880): sum 195, 195 mod 11 = 8 → "4"
    expect(computeCheckCharacter("44052418800101001")).toBe("4");
  });

  it("yields 0 when the sum mod 11 is 1 (index 1 of 10X98765432)", () => {
    expect(computeCheckCharacter("11010119900101009")).toBe("0");
  });

  it("rejects anything other than 17 digits", () => {
    expect(() => computeCheckCharacter("1101011990030712")).toThrow(RangeError);
    expect(() => computeCheckCharacter("110101199003071234")).toThrow(RangeError);
    expect(() => computeCheckCharacter("1101011990030712X")).toThrow(RangeError);
  });
});

describe("validateIdNumber: accepted numbers", () => {
  it("accepts a valid male number and derives birth date, gender and region", () => {
    expect(validateIdNumber("110101199003071233", TODAY)).toEqual({
      ok: true,
      value: "110101199003071233",
      birthDate: "1990-03-07",
      gender: "MALE",
      regionCode: "110101",
    });
  });

  it("accepts a number ending in X and derives FEMALE from an even 17th digit", () => {
    expect(validateIdNumber("11010519491231002X", TODAY)).toEqual({
      ok: true,
      value: "11010519491231002X",
      birthDate: "1949-12-31",
      gender: "FEMALE",
      regionCode: "110105",
    });
  });

  it("accepts a lower-case x and returns it upper-case", () => {
    const result = validateIdNumber("52260120100615008x", TODAY);
    expect(result).toEqual({
      ok: true,
      value: "52260120100615008X",
      birthDate: "2010-06-15",
      gender: "FEMALE",
      regionCode: "522601",
    });
  });

  it("trims surrounding whitespace", () => {
    const result = validateIdNumber("  110101199003071233\t\n", TODAY);
    expect(result.ok && result.value).toBe("110101199003071233");
  });

  it("accepts full-width digits typed with a Chinese input method", () => {
    const result = validateIdNumber("１１０１０５１９４９１２３１００２ｘ", TODAY);
    expect(result.ok && result.value).toBe("11010519491231002X");
  });

  it("derives gender from the parity of the 17th digit", () => {
    expect(validateIdNumber("110101199001010015", TODAY)).toMatchObject({ ok: true, gender: "MALE" });
    expect(validateIdNumber("110101199001010023", TODAY)).toMatchObject({ ok: true, gender: "FEMALE" });
    expect(validateIdNumber("110101199001010007", TODAY)).toMatchObject({ ok: true, gender: "FEMALE" });
    expect(validateIdNumber("110101199001010090", TODAY)).toMatchObject({ ok: true, gender: "MALE" });
  });

  it("accepts 29 February of a leap year (20000229)", () => {
    expect(validateIdNumber("522601200002290355", TODAY)).toMatchObject({ ok: true, birthDate: "2000-02-29" });
  });

  it("accepts the earliest allowed birth date 19000101", () => {
    expect(validateIdNumber(withCheck("52260119000101011"), TODAY)).toMatchObject({
      ok: true,
      birthDate: "1900-01-01",
    });
  });

  it("accepts someone born today", () => {
    expect(validateIdNumber(withCheck("52260120240615001"), TODAY)).toMatchObject({
      ok: true,
      birthDate: "2024-06-15",
    });
  });

  it("accepts region codes of the far provinces and of 香港/澳门/台湾", () => {
    for (const region of ["650102", "460105", "810000", "820000", "710000", "830000"]) {
      expect(validateIdNumber(withCheck(`${region}19900101001`), TODAY).ok).toBe(true);
    }
  });
});

describe("validateIdNumber: refusals", () => {
  it("refuses an empty or blank input", () => {
    for (const input of ["", "   ", "\t"]) {
      expect(refusal(input)).toEqual({ ok: false, code: "EMPTY", message: "请填写身份证号码" });
    }
  });

  it("refuses a 15-digit old-format number with its own reason", () => {
    expect(refusal("110101900307123")).toEqual({
      ok: false,
      code: "OLD_FORMAT_15",
      message: "这是15位旧身份证号码，请填写18位居民身份证号码",
    });
    expect(refusal(" 522601100615008 ").code).toBe("OLD_FORMAT_15");
  });

  it("refuses a wrong length and states the length", () => {
    expect(refusal("11010119900307123")).toEqual({
      ok: false,
      code: "WRONG_LENGTH",
      message: "身份证号码应为18位，当前为17位",
    });
    expect(refusal("1101011990030712334").message).toBe("身份证号码应为18位，当前为19位");
    expect(refusal("1101").message).toBe("身份证号码应为18位，当前为4位");
    // 15 characters that are not all digits is not an old number, just a wrong length.
    expect(refusal("11010190030712X").message).toBe("身份证号码应为18位，当前为15位");
  });

  it("refuses illegal characters", () => {
    const expected = { ok: false, code: "ILLEGAL_CHARACTERS", message: "前17位必须是数字，第18位为数字或X" };
    expect(refusal("1101011990030712A3")).toEqual(expected);
    expect(refusal("11010119900307X233")).toEqual(expected); // X only allowed last
    expect(refusal("110101 19900307123")).toEqual(expected); // inner space
    expect(refusal("11010119900307123Y")).toEqual(expected);
  });

  it("refuses a region code starting with 0 or naming no province", () => {
    const expected = { ok: false, code: "INVALID_REGION", message: "地区码不正确" };
    expect(refusal(withCheck("01010119900307123"))).toEqual(expected);
    expect(refusal(withCheck("00000019900307123"))).toEqual(expected);
    expect(refusal(withCheck("10010119900307123"))).toEqual(expected);
    expect(refusal(withCheck("99010119900307123"))).toEqual(expected);
    expect(refusal(withCheck("47010119900307123"))).toEqual(expected);
  });

  it("refuses a birth date that is not a real calendar date, naming the 8 digits", () => {
    expect(refusal(withCheck("52260119000229001"))).toEqual({
      ok: false,
      code: "INVALID_BIRTH_DATE",
      message: "出生日期19000229不是有效日期",
    });
    expect(refusal(withCheck("52260120230229001")).message).toBe("出生日期20230229不是有效日期");
    expect(refusal(withCheck("11010119900230001")).message).toBe("出生日期19900230不是有效日期");
    expect(refusal(withCheck("11010119900431001")).message).toBe("出生日期19900431不是有效日期");
    expect(refusal(withCheck("11010119901301001")).message).toBe("出生日期19901301不是有效日期");
    expect(refusal(withCheck("11010119900001001")).message).toBe("出生日期19900001不是有效日期");
    expect(refusal(withCheck("11010119900100001")).message).toBe("出生日期19900100不是有效日期");
  });

  it("refuses a birth year before 1900 even with a correct check digit", () => {
    expect(refusal("440524188001010014")).toEqual({
      ok: false,
      code: "BIRTH_YEAR_BEFORE_1900",
      message: "出生日期18800101早于1900年，请核对号码",
    });
    expect(refusal(withCheck("52260118991231001")).code).toBe("BIRTH_YEAR_BEFORE_1900");
  });

  it("refuses a birth date after today", () => {
    expect(refusal(withCheck("52260120240616001"))).toEqual({
      ok: false,
      code: "BIRTH_DATE_IN_FUTURE",
      message: "出生日期20240616晚于今天，请核对号码",
    });
    expect(refusal(withCheck("52260120300101001")).code).toBe("BIRTH_DATE_IN_FUTURE");
    // The same number is fine once the day has come.
    expect(validateIdNumber(withCheck("52260120240616001"), new Date(2024, 5, 16)).ok).toBe(true);
  });

  it("refuses a wrong check digit", () => {
    const expected = { ok: false, code: "WRONG_CHECK_DIGIT", message: "第18位校验码不正确，请逐位核对号码" };
    expect(refusal("110101199003071234")).toEqual(expected);
    expect(refusal("110105194912310021")).toEqual(expected);
    expect(refusal("110101199003071230")).toEqual(expected);
    // A transposition of two digits is caught by the check digit.
    expect(refusal("110101199003071323")).toEqual(expected);
  });

  it("gives every kind of refusal its own code", () => {
    const codes = [
      "",
      "110101900307123",
      "1101",
      "1101011990030712A3",
      withCheck("01010119900307123"),
      withCheck("52260119000229001"),
      "440524188001010014",
      withCheck("52260120300101001"),
      "110101199003071234",
    ].map((input) => refusal(input).code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe("makeIdNumber", () => {
  it("builds a number with the given parts and a correct check character", () => {
    expect(makeIdNumber("110101", "1990-03-07", 123)).toBe("110101199003071233");
    expect(makeIdNumber("110105", "19491231", 2)).toBe("11010519491231002X");
    expect(makeIdNumber("522601", "2000-02-29", 35)).toBe("522601200002290355");
  });

  it("takes the local calendar date of a Date", () => {
    expect(makeIdNumber("522601", new Date(2010, 5, 15), 8)).toBe("52260120100615008X");
  });

  it("pads the sequence to three digits and allows 0 and 999", () => {
    expect(makeIdNumber("110101", "1990-01-01", 5).slice(14, 17)).toBe("005");
    expect(makeIdNumber("110101", "1990-01-01", 0).slice(14, 17)).toBe("000");
    expect(makeIdNumber("110101", "1990-01-01", 999).slice(14, 17)).toBe("999");
  });

  it("produces numbers that validate, with gender following the sequence parity", () => {
    for (let sequence = 0; sequence < 1000; sequence += 37) {
      const result = validateIdNumber(makeIdNumber("522601", "1975-08-09", sequence), TODAY);
      expect(result).toMatchObject({
        ok: true,
        birthDate: "1975-08-09",
        regionCode: "522601",
        gender: sequence % 2 === 1 ? "MALE" : "FEMALE",
      });
    }
  });

  it("refuses impossible inputs", () => {
    expect(() => makeIdNumber("110101", "1990-01-01", -1)).toThrow(RangeError);
    expect(() => makeIdNumber("110101", "1990-01-01", 1000)).toThrow(RangeError);
    expect(() => makeIdNumber("110101", "1990-01-01", 1.5)).toThrow(RangeError);
    expect(() => makeIdNumber("11010", "1990-01-01", 1)).toThrow(RangeError);
    expect(() => makeIdNumber("010101", "1990-01-01", 1)).toThrow(RangeError);
    expect(() => makeIdNumber("110101", "2001-02-29", 1)).toThrow(RangeError);
    expect(() => makeIdNumber("110101", "1899-12-31", 1)).toThrow(RangeError);
    expect(() => makeIdNumber("110101", new Date(Number.NaN), 1)).toThrow(RangeError);
  });
});

describe("maskIdNumber", () => {
  it("keeps the first 4 and last 4 characters of an 18-character number", () => {
    expect(maskIdNumber("110101199003071233")).toBe("1101**********1233");
    expect(maskIdNumber("11010519491231002X")).toBe("1101**********002X");
  });

  it("masks the middle of other lengths and everything of a very short value", () => {
    expect(maskIdNumber("110101900307123")).toBe("1101*******7123");
    expect(maskIdNumber("12345678")).toBe("********");
    expect(maskIdNumber("")).toBe("");
  });
});
