import { SATISFACTION, type Satisfaction } from "@/lib/domain/codes";
import { EXIT_CRITERION_LABELS, type ExitCriterionCode } from "@/lib/exits/household/criteria";
import type { FieldCheckView } from "@/lib/inspections/rounds/queries";

type StatusCheck = Pick<FieldCheckView, "atHome" | "meetsStandard" | "shouldRegister"> & {
  satisfaction: string | null;
  failedCriteria: readonly string[];
  findingIds?: string[];
};

const badge = (tone: "slate" | "green" | "red" | "amber") =>
  ({
    slate: "bg-slate-100 text-slate-700",
    green: "bg-green-50 text-green-800",
    red: "bg-red-50 text-red-700",
    amber: "bg-amber-50 text-amber-900",
  })[tone];

/** What the field check of a pick found, in a few badges; its findings link to their pages. */
export function PickStatus({ pick }: { pick: { kind: string; check: StatusCheck | null; replacedBy: { label: string; reason: string } | null } }) {
  const items: { text: string; tone: "slate" | "green" | "red" | "amber" }[] = [];
  const { check } = pick;
  if (!check) items.push({ text: pick.replacedBy ? "未核查" : "待核查", tone: "slate" });
  else if (!check.atHome) items.push({ text: "未见到农户", tone: "amber" });
  else {
    if (pick.kind === "EXITED") {
      items.push(
        check.meetsStandard
          ? { text: "符合退出标准", tone: "green" }
          : { text: `错退：${check.failedCriteria.map((code) => EXIT_CRITERION_LABELS[code as ExitCriterionCode] ?? code).join("、")}`, tone: "red" },
      );
    } else items.push(check.shouldRegister ? { text: "漏评：应纳入建档立卡", tone: "red" } : { text: "不应纳入", tone: "green" });
    if (check.satisfaction) items.push({ text: `认可度：${SATISFACTION.labels[check.satisfaction as Satisfaction] ?? check.satisfaction}`, tone: "slate" });
  }
  if (pick.replacedBy) items.push({ text: `已替换为 ${pick.replacedBy.label}（${pick.replacedBy.reason}）`, tone: "amber" });
  return (
    <span className="flex flex-wrap gap-1">
      {items.map((item) => (
        <span key={item.text} className={`rounded px-2 py-0.5 text-xs font-medium ${badge(item.tone)}`}>
          {item.text}
        </span>
      ))}
      {check?.findingIds?.map((findingId) => (
        <a key={findingId} href={`/inspections/findings/${findingId}`} className="text-xs text-brand-700 underline">
          查看问题
        </a>
      ))}
    </span>
  );
}
