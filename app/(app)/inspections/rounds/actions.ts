"use server";

import { formAction } from "@/lib/commands/form-action";
import { addFieldCheckNote, recordFieldCheck } from "@/lib/inspections/field-checks/commands";
import { createSamplingRound, drawSamplingRound, replaceSamplePick } from "@/lib/inspections/rounds/commands";

const roundPages = (roundId: string) => ["/inspections/rounds", { layout: `/inspections/rounds/${roundId}` }, { layout: "/inspections/rates" }];

export const createSamplingRoundAction = formAction(createSamplingRound, {
  message: "抽查轮次已建立，总体名单已冻结",
  revalidate: () => ["/inspections/rounds"],
  redirect: (result) => `/inspections/rounds/${result.id}`,
});
export const drawSamplingRoundAction = formAction(drawSamplingRound, { message: "样本已抽取", revalidate: (result) => roundPages(result.id) });
export const replaceSamplePickAction = formAction(replaceSamplePick, { message: "已按抽取顺序抽取替换户", revalidate: (result) => roundPages(result.roundId) });
export const recordFieldCheckAction = formAction(recordFieldCheck, {
  message: "入户核查已登记",
  files: { many: ["photos"] },
  revalidate: (result) => roundPages(result.roundId),
});
export const addFieldCheckNoteAction = formAction(addFieldCheckNote, { message: "说明已补充", revalidate: (result) => roundPages(result.roundId) });
