import { z } from "zod";
import { zName, zText } from "@/lib/forms";

/** What every way of raising a finding asks (from a review item, a field check, or by hand). */
export const ZFindingDetails = z.object({
  categoryCode: z.string({ error: "请选择问题类别" }).min(1, "请选择问题类别").max(40, "请选择问题类别"),
  description: zText("问题描述", 1000),
  responsibleUnit: zName("责任单位", 60),
  responsiblePerson: zName("责任人", 40),
  deadline: z.iso.date({ error: "请填写整改期限（年-月-日）" }),
});
export type FindingDetails = z.output<typeof ZFindingDetails>;
