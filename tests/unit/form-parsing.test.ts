import { afterEach, describe, expect, it } from "vitest";
import { formDataToObject, nestFormFields } from "@/lib/validation";

const FORBIDDEN = ["__proto__", "constructor", "prototype"];

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

/** Runs the parsers the server actions use; whether they throw or not, nothing global may change. */
function parse(entries: [string, string][]) {
  try {
    return nestFormFields(formDataToObject(form(entries)));
  } catch (error) {
    return error;
  }
}

afterEach(() => {
  for (const key of ["household", "polluted", "address"]) delete (Object.prototype as Record<string, unknown>)[key];
});

describe("form parsing never writes through client-supplied keys", () => {
  for (const key of FORBIDDEN) {
    it(`a field named "${key}.household" or "household.${key}" changes no prototype`, () => {
      parse([
        [`${key}.household`, "x"],
        [`${key}.polluted`, "yes"],
        [`household.${key}`, "y"],
        [key, "z"],
      ]);
      expect(({} as Record<string, unknown>).household).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty("household");
      expect(Object.prototype).not.toHaveProperty("polluted");
    });

    it(`refuses a form carrying "${key}" in a field name with a Chinese validation error`, () => {
      for (const name of [`${key}.household`, `household.${key}`, key]) {
        const outcome = parse([
          [name, "x"],
          ["household.address", "村口1号"],
        ]);
        expect(outcome).toMatchObject({ code: "VALIDATION" });
        expect((outcome as Error).message).toMatch(/字段/);
      }
    });
  }

  it("still nests ordinary fields and keeps repeated keys as lists", () => {
    const parsed = nestFormFields(
      formDataToObject(
        form([
          ["household.address", "村口1号"],
          ["household.otherCauses", "ILLNESS"],
          ["household.otherCauses", "DISABILITY"],
          ["villageCode", "522698100201"],
        ]),
      ),
    );
    expect(parsed).toEqual({ household: { address: "村口1号", otherCauses: ["ILLNESS", "DISABILITY"] }, villageCode: "522698100201" });
  });

  it("omits the listed fields (files are read separately)", () => {
    expect(
      formDataToObject(
        form([
          ["file", "x"],
          ["householdId", "1"],
        ]),
        { omit: ["file"] },
      ),
    ).toEqual({ householdId: "1" });
  });
});
