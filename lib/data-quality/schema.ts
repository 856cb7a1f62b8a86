import { z } from "zod";
import { QUALITY_LEVEL, QUALITY_SEVERITY } from "./define";

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional()).catch(undefined);
const LEVELS = Object.keys(QUALITY_LEVEL) as [keyof typeof QUALITY_LEVEL, ...(keyof typeof QUALITY_LEVEL)[]];
const SEVERITIES = Object.keys(QUALITY_SEVERITY) as [keyof typeof QUALITY_SEVERITY, ...(keyof typeof QUALITY_SEVERITY)[]];

/** /quality/rules filters (bad values are ignored, as in every list). */
export const ZRuleFilter = z.object({
  severity: optional(z.enum(SEVERITIES)),
  level: optional(z.enum(LEVELS)),
  open: optional(z.literal("1")),
});
export type TRuleFilter = z.infer<typeof ZRuleFilter>;

/** /quality filters. */
export const ZHitFilter = z.object({
  severity: optional(z.enum(SEVERITIES)),
  rule: optional(z.string().regex(/^[MHISXVC]-\d{3}$/)),
  township: optional(z.string().regex(/^\d{12}$/)),
  village: optional(z.string().regex(/^\d{12}$/)),
  /** Open hits (default) or those quiet under a 已核实无误 mark. */
  status: optional(z.enum(["open", "verified"])),
});
export type THitFilter = z.infer<typeof ZHitFilter>;
