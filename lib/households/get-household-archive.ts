import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can, requirePermission } from "@/lib/auth/permissions";
import { householdScopeWhere } from "@/lib/auth/scope";
import { completedYears, todayString, toDateString } from "@/lib/dates";
import { db } from "@/lib/db";
import type { MemberStatus, Relation, SchoolStatus, SchoolingExemption } from "@/lib/domain/codes";
import { notFound } from "@/lib/errors";
import { componentsFromRecord } from "@/lib/income/from-record";
import { compareWithLine, computeIncome } from "@/lib/income/rules";
import { maskIdNumber } from "@/lib/members/id-number";
import { householdWarnings, type MemberFacts } from "@/lib/members/rules";
import { getCountySettings, povertyLinesFor } from "@/lib/settings/queries";

/**
 * Everything the 一户一档 page shows, shaped for the screen; ID numbers masked. The household is
 * loaded once, within the actor's scope, and each year's income is computed once.
 */
export async function getHouseholdArchive(actor: Actor, householdId: string) {
  requirePermission(actor, "household.read");
  const household = await db.household.findFirst({
    where: { id: householdId, ...householdScopeWhere(actor) },
    include: {
      township: { select: { name: true } },
      village: { select: { name: true } },
      helper: { select: { id: true, displayName: true, phone: true } },
      members: { orderBy: [{ status: "desc" }, { birthDate: "asc" }] },
      incomes: { orderBy: { year: "desc" } },
      attachments: { where: { ownerType: "HOUSEHOLD" }, orderBy: { uploadedAt: "desc" }, include: { uploader: { select: { displayName: true } } } },
    },
  });
  if (!household) throw notFound("户档");

  const settings = await getCountySettings();
  const today = new Date(`${todayString()}T00:00:00`);
  const present = household.members.filter((member) => member.status === "PRESENT");
  const facts = (member: (typeof household.members)[number]): MemberFacts => ({
    name: member.name,
    relation: member.relation as Relation,
    gender: member.gender as "MALE" | "FEMALE",
    birthDate: toDateString(member.birthDate),
    schoolStatus: member.schoolStatus as SchoolStatus,
    schoolingExemption: member.schoolingExemption as SchoolingExemption,
    labourSkill: member.labourSkill as MemberFacts["labourSkill"],
    workMonths: member.workMonths,
    status: member.status as MemberStatus,
  });
  const warnings = householdWarnings(household.members.map(facts), { today, compulsorySchoolAge: settings.compulsorySchoolAge });
  const lines = await povertyLinesFor(household.incomes.map((income) => income.year));

  const { members, incomes, attachments, farmlandMu, forestMu, distanceToRoadKm, housingAreaM2, ...fields } = household;
  const incomeYears = incomes.map((income) => {
    const result = computeIncome(componentsFromRecord(income), present.length);
    const lineFen = lines.get(income.year) ?? null;
    return { record: income, result, lineFen, comparison: compareWithLine(result.netIncomeFen, present.length, lineFen) };
  });
  return {
    household: {
      ...fields,
      farmlandMu: farmlandMu.toString(),
      forestMu: forestMu.toString(),
      distanceToRoadKm: distanceToRoadKm.toString(),
      housingAreaM2: housingAreaM2.toString(),
    },
    members: members.map((member) => ({
      id: member.id,
      version: member.version,
      name: member.name,
      idNumberMasked: maskIdNumber(member.idNumber),
      gender: member.gender,
      birthDate: toDateString(member.birthDate),
      age: completedYears(toDateString(member.birthDate), today),
      relation: member.relation,
      ethnicity: member.ethnicity,
      educationLevel: member.educationLevel,
      schoolStatus: member.schoolStatus,
      schoolingExemption: member.schoolingExemption,
      health: member.health,
      disabilityGrade: member.disabilityGrade,
      labourSkill: member.labourSkill,
      workStatus: member.workStatus,
      workMonths: member.workMonths,
      basicMedicalInsurance: member.basicMedicalInsurance,
      seriousIllnessInsurance: member.seriousIllnessInsurance,
      pensionInsurance: member.pensionInsurance,
      minimumLiving: member.minimumLiving,
      extremeSupport: member.extremeSupport,
      status: member.status,
      statusDate: member.statusDate ? toDateString(member.statusDate) : null,
    })),
    presentCount: present.length,
    warnings,
    incomes: incomeYears,
    // For the page's other sections (lib/measures/get-household-assistance.ts), so they neither load the household nor compute its income again.
    perCapitaByYear: new Map(incomeYears.map((income) => [income.record.year, income.result.perCapitaFen])) as ReadonlyMap<number, number>,
    attachments: attachments.map((attachment) => ({
      id: attachment.id,
      category: attachment.category,
      originalName: attachment.originalName,
      mimeType: attachment.mimeType,
      sizeBytes: attachment.sizeBytes,
      uploadedAt: attachment.uploadedAt,
      uploaderName: attachment.uploader.displayName,
    })),
    permissions: {
      edit: can(actor, "household.write"),
      upload: can(actor, "attachment.upload"),
      viewFullId: can(actor, "household.viewFullIdNumber"),
    },
  };
}

export type HouseholdArchive = Awaited<ReturnType<typeof getHouseholdArchive>>;
