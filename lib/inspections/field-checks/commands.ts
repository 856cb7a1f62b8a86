import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { checkEvidenceFile } from "@/lib/attachments/commands";
import { todayString } from "@/lib/dates";
import { fromDateString } from "@/lib/dates";
import { inspectionScopeWhere } from "@/lib/auth/scope";
import { AppError, notFound, ruleViolation } from "@/lib/errors";
import { EXIT_CRITERION_LABELS } from "@/lib/exits/household/criteria";
import { insertFinding, type FindingTarget } from "@/lib/inspections/findings/raise";
import { storeInspectionFiles } from "@/lib/inspections/files";
import { roundInScope } from "@/lib/inspections/rounds/commands";
import { readEntryDetail } from "@/lib/inspections/rounds/rules";
import { DEFAULT_SATISFACTION_QUESTION, ZAddFieldCheckNote, ZRecordFieldCheck } from "./schema";

/** A photo of a field check: an image (not a PDF), at most this large. */
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;

/**
 * 入户核查 of one picked household, recorded once (append-only, decision 014). An exited household that does not meet
 * the exit standard raises a 错退 finding with its failing criteria; a listed household that should have been
 * registered raises a 漏评 finding — both through insertFinding, in the same transaction. Photos attach.
 */
export const recordFieldCheck = defineCommand({
  permission: "fieldCheck.write",
  input: ZRecordFieldCheck,
  async run({ actor, input, tx }) {
    const round = await roundInScope(tx, actor, input.roundId);
    const pick = await tx.samplePick.findUnique({
      where: { roundId_kind_entryId: { roundId: round.id, kind: input.kind, entryId: input.entryId } },
      select: { townshipCode: true, entry: { select: { villageCode: true, householdId: true, label: true, detail: true } }, check: { select: { id: true } } },
    });
    if (!pick) throw notFound("抽中户");
    if (pick.check) throw ruleViolation("该户的入户核查已登记，核查结果登记后不能修改");
    const replaced = await tx.samplePick.findFirst({
      where: { roundId: round.id, kind: input.kind, replacesEntryId: input.entryId },
      select: { ordinal: true },
    });
    if (replaced) throw ruleViolation("该户已被替换，请核查替换户");
    const today = todayString();
    if (input.visitedOn > today) throw new AppError("VALIDATION", "核查日期不能晚于今天", { visitedOn: ["核查日期不能晚于今天"] });
    for (const photo of input.photos) {
      if (photo.bytes.byteLength > MAX_PHOTO_BYTES) {
        const message = `${photo.name}：照片不能超过 8 MB`;
        throw new AppError("VALIDATION", message, { photos: [message] });
      }
      try {
        if (checkEvidenceFile(photo) === "application/pdf") throw new AppError("VALIDATION", `${photo.name}：请上传照片（JPEG、PNG 或 WebP）`);
      } catch (error) {
        if (error instanceof AppError)
          throw new AppError("VALIDATION", error.message.startsWith(photo.name) ? error.message : `${photo.name}：${error.message}`, {
            photos: [error.message],
          });
        throw error;
      }
    }

    const atHome = input.atHome === "YES";
    const exited = input.kind === "EXITED";
    const meetsStandard = atHome && exited ? input.meetsStandard === "YES" : null;
    const failedCriteria = meetsStandard === false ? [...new Set(input.failedCriteria)] : [];
    const shouldRegister = atHome && !exited ? input.shouldRegister === "YES" : null;
    const satisfaction = atHome ? (input.satisfaction ?? null) : null;
    const question = satisfaction ? input.question?.trim() || DEFAULT_SATISFACTION_QUESTION : null;
    const people = input.people ?? null;

    const check = await tx.fieldCheck.create({
      data: {
        countyCode: round.countyCode,
        roundId: round.id,
        kind: input.kind,
        entryId: input.entryId,
        townshipCode: pick.townshipCode,
        villageCode: pick.entry.villageCode,
        householdId: pick.entry.householdId,
        inspectorId: actor.userId,
        visitedOn: fromDateString(input.visitedOn),
        atHome,
        meetsStandard,
        failedCriteria,
        shouldRegister,
        satisfaction,
        question,
        note: input.note ?? null,
        people,
      },
      select: { id: true },
    });
    const files = await storeInspectionFiles(tx, actor, { type: "FIELD_CHECK", id: check.id, countyCode: round.countyCode }, input.photos);

    let findingId: string | null = null;
    if (meetsStandard === false || shouldRegister === true) {
      const target: FindingTarget = {
        countyCode: round.countyCode,
        townshipCode: pick.townshipCode,
        villageCode: pick.entry.villageCode,
        householdId: pick.entry.householdId,
      };
      const description =
        meetsStandard === false
          ? `入户核查（${round.name}）：${pick.entry.label}不符合退出标准，未达到：${failedCriteria.map((code) => EXIT_CRITERION_LABELS[code]).join("、")}${input.note ? `。${input.note.trim()}` : ""}`
          : `入户核查（${round.name}）：未建档户${pick.entry.label}（${people ?? readEntryDetail(pick.entry.detail).people} 人）应纳入建档立卡而未纳入${input.note ? `。${input.note.trim()}` : ""}`;
      const finding = await insertFinding(
        tx,
        actor,
        {
          target,
          details: {
            categoryCode: meetsStandard === false ? "WRONG_EXIT" : "MISSED",
            description: description.slice(0, 1000),
            responsibleUnit: input.responsibleUnit!,
            responsiblePerson: input.responsiblePerson!,
            deadline: input.deadline!,
          },
          source: "FIELD_CHECK",
          fieldCheckId: check.id,
          criterion: failedCriteria[0],
        },
        today,
      );
      findingId = finding.id;
    }

    await recordAudit(tx, actor, {
      action: "fieldCheck.record",
      entityType: "FieldCheck",
      entityId: check.id,
      countyCode: round.countyCode,
      after: {
        roundId: round.id,
        kind: input.kind,
        householdId: pick.entry.householdId,
        visitedOn: input.visitedOn,
        atHome,
        meetsStandard,
        failedCriteria,
        shouldRegister,
        satisfaction,
        question,
        note: input.note ?? null,
        people,
        files,
      },
    });
    return { id: check.id, roundId: round.id, findingId };
  },
});

/** 更正或补充: a note on a recorded field check, appended (decision 014: the check itself is never edited). */
export const addFieldCheckNote = defineCommand({
  permission: "fieldCheck.write",
  input: ZAddFieldCheckNote,
  async run({ actor, input, tx }) {
    const check = await tx.fieldCheck.findFirst({
      where: { id: input.fieldCheckId, ...inspectionScopeWhere(actor) },
      select: { id: true, roundId: true, countyCode: true },
    });
    if (!check) throw notFound("核查记录");
    const note = await tx.fieldCheckNote.create({
      data: { countyCode: check.countyCode, fieldCheckId: check.id, note: input.note, writtenBy: actor.userId },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "fieldCheck.note",
      entityType: "FieldCheck",
      entityId: check.id,
      countyCode: check.countyCode,
      after: { note: input.note },
    });
    return { id: note.id, roundId: check.roundId };
  },
});
