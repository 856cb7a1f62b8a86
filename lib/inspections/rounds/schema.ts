import { z } from "zod";
import { zName, zOptionalText, zText, zVersion } from "@/lib/forms";

const zYear = z.coerce.number({ error: "请选择脱贫年度" }).int("脱贫年度应为整数").min(2014, "脱贫年度不早于 2014 年").max(2100, "脱贫年度不晚于 2100 年");
const zTownships = z.preprocess(
  (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.string().regex(/^\d{12}$/, "请选择有效的乡镇")).max(200, "乡镇过多"),
);

export const ZCreateRound = z
  .object({
    name: zName("轮次名称", 60),
    scope: z.enum(["COUNTY", "TOWNSHIPS"], { error: "请选择抽查范围" }),
    townshipCodes: zTownships,
    populationYear: zYear,
    sizeKind: z.enum(["COUNT", "SHARE"], { error: "请选择样本量的确定方式" }),
    perTownship: z.string().optional(),
    permille: z.string().optional(),
    minimum: z.string().optional(),
    publicSource: zText("公开随机数来源", 200),
    listed: zOptionalText(200_000, "未建档户名单过长"),
  })
  .superRefine((input, context) => {
    if (input.scope === "TOWNSHIPS" && input.townshipCodes.length === 0) {
      context.addIssue({ code: "custom", path: ["townshipCodes"], message: "请至少选择一个乡镇" });
    }
    const check = (path: "perTownship" | "permille" | "minimum", label: string, min: number, max: number, required: boolean) => {
      const text = (input[path] ?? "").trim();
      if (text === "") {
        if (required) context.addIssue({ code: "custom", path: [path], message: `请填写${label}` });
        return;
      }
      if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
        context.addIssue({ code: "custom", path: [path], message: `${label}应为 ${min} 到 ${max} 之间的整数` });
      }
    };
    if (input.sizeKind === "COUNT") check("perTownship", "每乡镇抽查户数", 1, 10_000, true);
    else {
      check("permille", "抽查比例（‰）", 1, 1000, true);
      check("minimum", "每乡镇最少户数", 0, 10_000, false);
    }
  });

export const ZDrawRound = z.object({
  roundId: z.uuid({ error: "抽查轮次不存在" }),
  version: zVersion,
  publicValue: z
    .string({ error: "请填写公开随机数（如当期彩票开奖号码）" })
    .trim()
    .min(1, "请填写公开随机数（如当期彩票开奖号码）")
    .max(100, "公开随机数不超过 100 个字符"),
});

export const ZReplacePick = z.object({
  roundId: z.uuid({ error: "抽查轮次不存在" }),
  kind: z.enum(["EXITED", "LISTED"], { error: "抽查对象有误" }),
  entryId: z.uuid({ error: "抽中户不存在" }),
  reason: zText("替换理由", 200),
});

export const ZRoundFilter = z.object({
  year: z.coerce.number().int().min(2014).max(2100).optional().catch(undefined),
  status: z.enum(["drawn", "pending"]).optional().catch(undefined),
});
