import { describe, expect, it } from "vitest";
import { z } from "zod";
import * as exits from "@/lib/exits/schema";
import * as households from "@/lib/households/schema";
import * as income from "@/lib/income/schema";
import * as measures from "@/lib/measures/schema";
import * as members from "@/lib/members/schema";
import * as settings from "@/lib/settings/schema";
import * as users from "@/lib/users/schema";
import { parseInput } from "@/lib/validation";

const MODULES = { exits, households, income, measures, members, settings, users };

/** Every exported zod schema of lib/<feature>/schema.ts. */
const schemas = Object.entries(MODULES).flatMap(([module, exports]) =>
  Object.entries(exports)
    .filter((entry): entry is [string, z.ZodType] => entry[1] instanceof z.ZodType)
    .map(([name, schema]) => ({ name: `${module}.${name}`, schema })),
);

function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | null {
  let current: unknown = schema;
  for (let depth = 0; depth < 6 && current; depth++) {
    const def = (current as { def?: Record<string, unknown> }).def;
    if (!def) return null;
    if (def.type === "object") return (current as z.ZodObject).shape as Record<string, z.ZodType>;
    current = def.in ?? def.innerType ?? def.schema;
  }
  return null;
}

/** An input with every field (nested objects too) set to the same bad value. */
function filled(schema: z.ZodType, value: unknown): unknown {
  const shape = shapeOf(schema);
  if (!shape) return value;
  return Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, shapeOf(field) ? filled(field, value) : value]));
}

const BAD_VALUES: unknown[] = ["", "x".repeat(5_000), "-1", "0", "abc", ["a", "b"], 1e12, "2026-13-45", { nested: true }];

function messagesFor(schema: z.ZodType, input: unknown): string[] {
  try {
    parseInput(schema, input);
    return [];
  } catch (error) {
    const fieldErrors = (error as { fieldErrors?: Record<string, string[]> }).fieldErrors ?? {};
    return [(error as Error).message, ...Object.values(fieldErrors).flat()];
  }
}

describe("every validation message a user can see is Chinese", () => {
  it("covers the exported schemas", () => {
    expect(schemas.length).toBeGreaterThan(25);
  });

  for (const { name, schema } of schemas) {
    it(name, () => {
      const inputs = [undefined, null, {}, "x", ...BAD_VALUES.map((value) => filled(schema, value))];
      const messages = inputs.flatMap((input) => messagesFor(schema, input));
      for (const message of messages) {
        expect(message, `${name}: ${message}`).toMatch(/[\u4e00-\u9fff]/);
        expect(message, `${name}: ${message}`).not.toMatch(/\b(Invalid|expected|Too (small|big)|received|Required)\b/i);
      }
    });
  }
});
