import { z } from "zod";
import { zUploadedFile } from "@/lib/forms";

const ZName = z.string({ error: "请填写名称" }).trim().min(1, "请填写名称").max(40, "名称不超过 40 个字符");
const ZCode = z
  .string({ error: "请填写区划代码" })
  .trim()
  .regex(/^\d{12}$/, "区划代码应为 12 位数字");
const ZVersion = z.coerce.number({ error: "版本有误" }).int("版本有误").min(1, "版本有误");

export const ZCreateRegion = z.object({
  level: z.enum(["TOWNSHIP", "VILLAGE"], { error: "请选择级别" }),
  code: ZCode,
  name: ZName,
  parentCode: z.string({ error: "请选择上级区划" }).regex(/^\d{12}$/, "请选择上级区划"),
});
export type TCreateRegion = z.infer<typeof ZCreateRegion>;

export const ZRenameRegion = z.object({ code: ZCode, name: ZName, version: ZVersion });

export const ZMoveRegion = z.object({ code: ZCode, direction: z.enum(["up", "down"], { error: "请选择上移或下移" }), version: ZVersion });

export const ZRetireRegion = z.object({ code: ZCode, version: ZVersion });

export const ZMergeVillages = z
  .object({
    sourceCode: z.string({ error: "请选择被合并的村" }).regex(/^\d{12}$/, "请选择被合并的村"),
    targetCode: z.string({ error: "请选择合并到的村" }).regex(/^\d{12}$/, "请选择合并到的村"),
    sourceVersion: ZVersion,
    targetVersion: ZVersion,
    confirm: z.literal("yes", { error: "请勾选确认：合并后被合并的村撤销，其户全部转入合并到的村并重新编号" }),
  })
  .refine((value) => value.sourceCode !== value.targetCode, { path: ["targetCode"], message: "不能把村合并到它自己" });

export const ZImportRegionTree = z.object({
  file: zUploadedFile.nullish(),
  mode: z.enum(["preview", "apply"], { error: "请先预览再导入" }),
});

const ZGroupName = z.string({ error: "请填写自然村/组名称" }).trim().min(1, "请填写自然村/组名称").max(20, "自然村/组名称不超过 20 个字符");
const ZUuid = z.string({ error: "自然村/组有误" }).uuid("自然村/组有误");

export const ZCreateVillageGroup = z.object({ villageCode: ZCode, name: ZGroupName });
export const ZRenameVillageGroup = z.object({ id: ZUuid, name: ZGroupName, version: ZVersion });
export const ZMoveVillageGroup = z.object({ id: ZUuid, direction: z.enum(["up", "down"], { error: "请选择上移或下移" }), version: ZVersion });
export const ZRetireVillageGroup = z.object({ id: ZUuid, version: ZVersion });
