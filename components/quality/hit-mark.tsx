import type { FormState } from "@/lib/action-result";
import type { MarkInfo } from "@/lib/data-quality/queries";
import { formatDateTime } from "@/lib/dates";
import { VerifyHitForm, WithdrawMarkForm, type MarkTarget } from "./mark-forms";

type Action = (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;

/**
 * Under a hit: its 已核实无误 mark (reason, who, when, evidence, withdraw), or for an open 疑点 the form to mark it.
 * An 错误 gets neither: it must be fixed (lib/data-quality/marks.ts refuses it too).
 */
export function HitMark({
  target,
  severity,
  mark,
  canVerify,
  maxMegabytes,
  verifyAction,
  withdrawAction,
}: {
  target: MarkTarget;
  severity: "ERROR" | "SUSPECT";
  mark: MarkInfo | null;
  canVerify: boolean;
  maxMegabytes: number;
  verifyAction: Action;
  withdrawAction: Action;
}) {
  if (mark) {
    return (
      <div className="mt-2 space-y-2 rounded-md border border-green-200 bg-green-50 p-2 text-sm text-green-900" data-testid="hit-verified">
        <p>
          <span className="font-medium">已核实无误</span>：{mark.reason}
        </p>
        <p className="text-xs text-green-800">
          {mark.verifiedBy} · {formatDateTime(mark.verifiedAt)}
          {mark.attachmentId ? (
            <>
              {" · "}
              <a href={`/api/attachments/${mark.attachmentId}`} className="inline-flex min-h-11 items-center underline">
                佐证材料
              </a>
            </>
          ) : null}
        </p>
        {canVerify ? <WithdrawMarkForm action={withdrawAction} markId={mark.id} version={mark.version} /> : null}
      </div>
    );
  }
  if (severity !== "SUSPECT" || !canVerify) return null;
  return <VerifyHitForm action={verifyAction} target={target} maxMegabytes={maxMegabytes} />;
}
