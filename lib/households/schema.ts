import { z } from "zod";
import { HOUSEHOLD_FIGURE_CODES } from "@/lib/dashboard/drill-down";
import { FUEL_TYPE, HOUSEHOLD_ATTRIBUTE, HOUSEHOLD_STATUS, HOUSING_GRADE, IDENTIFICATION_STANDARD, POVERTY_CAUSE, ROAD_TYPE } from "@/lib/domain/codes";
import { zCheckbox, zDecimal2, zEnum, zOptionalName, zStringList, zText, zIdempotencyKey, zVersion } from "@/lib/forms";
import { ZMemberFields } from "@/lib/members/schema";
import { zSearchText } from "@/lib/search";

export const ZHouseholdFields = z
  .object({
    villageGroup: zOptionalName("村民小组", 20),
    address: zText("住址", 120),
    phone: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z
        .string()
        .trim()
        .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, "联系电话应为 11 位手机号或带区号的固定电话")
        .optional(),
    ),
    attribute: zEnum(HOUSEHOLD_ATTRIBUTE.codes, "请选择贫困户属性"),
    identificationStandard: zEnum(IDENTIFICATION_STANDARD.codes, "请选择识别标准"),
    identificationYear: z.coerce.number({ error: "请填写识别年度" }).int("识别年度应为整数").min(2013, "识别年度不早于 2013 年").max(2100, "识别年度有误"),
    primaryCause: zEnum(POVERTY_CAUSE.codes, "请选择主要致贫原因"),
    otherCauses: zStringList.pipe(z.array(zEnum(POVERTY_CAUSE.codes, "其他致贫原因有误")).max(11)),
    helperId: z.uuid("请选择帮扶责任人"),
    farmlandMu: zDecimal2("耕地面积", 10_000),
    forestMu: zDecimal2("林地面积", 100_000),
    hasElectricity: zCheckbox,
    hasBroadcastTv: zCheckbox,
    drinkingWaterSafe: zCheckbox,
    drinkingWaterDifficult: zCheckbox,
    distanceToRoadKm: zDecimal2("与村主干路距离", 1_000),
    roadType: zEnum(ROAD_TYPE.codes, "请选择入户路类型"),
    housingAreaM2: zDecimal2("住房面积", 10_000),
    housingGrade: zEnum(HOUSING_GRADE.codes, "请选择住房安全等级"),
    hasSanitaryToilet: zCheckbox,
    fuelType: zEnum(FUEL_TYPE.codes, "请选择主要燃料类型"),
    inCooperative: zCheckbox,
    foodSecure: zCheckbox,
    clothingSecure: zCheckbox,
  })
  .transform((fields) => ({ ...fields, otherCauses: [...new Set(fields.otherCauses)].filter((cause) => cause !== fields.primaryCause) }));
export type THouseholdFields = z.output<typeof ZHouseholdFields>;

export const ZCreateHousehold = z.object({
  villageCode: z.string({ error: "请选择所属村" }).regex(/^\d{12}$/, "请选择所属村"),
  household: ZHouseholdFields,
  head: ZMemberFields.omit({ relation: true }),
  /** The form's one-time key: a household saved offline and sent again is created once (kept on its head member). */
  idempotencyKey: zIdempotencyKey,
});

export const ZUpdateHousehold = z.object({
  householdId: z.uuid("户档不存在"),
  version: zVersion,
  household: ZHouseholdFields,
});

const optionalFilter = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional()).catch(undefined);

export const HOUSEHOLD_SORTS = ["householdNo", "-householdNo", "identificationYear", "-identificationYear", "-updatedAt"] as const;

/** List filters from the URL; anything malformed is ignored rather than refused, except an over-long search (lib/search.ts). */
export const ZHouseholdFilter = z.object({
  q: zSearchText,
  township: optionalFilter(z.string().regex(/^\d{12}$/)),
  village: optionalFilter(z.string().regex(/^\d{12}$/)),
  attribute: optionalFilter(z.enum(HOUSEHOLD_ATTRIBUTE.codes)),
  status: optionalFilter(z.enum(HOUSEHOLD_STATUS.codes)),
  cause: optionalFilter(z.enum(POVERTY_CAUSE.codes)),
  year: optionalFilter(z.coerce.number().int().min(2013).max(2100)),
  /** A dashboard figure (lib/dashboard/figures.ts) and its year: the households it counted. */
  figure: optionalFilter(z.enum(HOUSEHOLD_FIGURE_CODES)),
  fy: optionalFilter(z.coerce.number().int().min(2010).max(2100)),
  /** A data-quality rule code (lib/data-quality): the households with an open hit of it (for users holding quality.read). */
  quality: optionalFilter(z.string().regex(/^[MHISXVC]-\d{3}$/)),
  sort: z.enum(HOUSEHOLD_SORTS).catch("householdNo"),
});
export type THouseholdFilter = z.infer<typeof ZHouseholdFilter>;

/** 返贫 form: the reason and the household's causes as they are now. */
export const ZReturnToPoverty = z
  .object({
    householdId: z.uuid("户档不存在"),
    version: zVersion,
    reason: zText("返贫原因", 500),
    primaryCause: zEnum(POVERTY_CAUSE.codes, "请选择主要致贫原因"),
    otherCauses: zStringList.pipe(z.array(zEnum(POVERTY_CAUSE.codes, "其他致贫原因有误")).max(11)),
  })
  .transform((value) => ({ ...value, otherCauses: [...new Set(value.otherCauses)].filter((cause) => cause !== value.primaryCause) }));
