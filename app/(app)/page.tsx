import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { ROLE, REGION_LEVEL } from "@/lib/domain/codes";
import { navigationFor } from "@/lib/navigation";

/** Features of the product that are not built yet, per role: shown honestly as not yet available. */
const UPCOMING: Partial<Record<string, string[]>> = {
  HELPER: ["帮扶措施与走访记录", "脱贫退出核验（提出）"],
  VILLAGE_CADRE: ["帮扶措施", "脱贫退出核验（民主评议、公示）"],
  WORK_TEAM: ["帮扶措施", "脱贫退出核验（核实）"],
  TOWNSHIP_CADRE: ["施策不精准清单", "脱贫退出核验（乡镇审核）", "贫困村退出"],
  COUNTY_OFFICE: ["措施目录与因户施策", "脱贫退出核验（县审定）", "贫困村退出审定"],
  COUNTY_LEADER: ["挂图作战数据看板", "贫困村退出（包片县级领导签字）"],
  INSPECTOR: ["退出核验表抽查", "督查问题整改"],
};

export default async function HomePage() {
  const actor = await requireActor();
  const entries = navigationFor(actor);
  const upcoming = UPCOMING[actor.role] ?? [];
  return (
    <div className="space-y-6">
      <section className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h1 className="text-xl font-semibold">您好，{actor.displayName}</h1>
        <dl className="mt-3 grid grid-cols-1 gap-2 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">角色</dt>
            <dd className="font-medium" data-testid="home-role">{ROLE.label(actor.role)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">管辖范围</dt>
            <dd className="font-medium" data-testid="home-scope">
              {REGION_LEVEL.label(actor.regionLevel)}：{actor.regionName}
            </dd>
          </div>
          {actor.leaderTownships.length ? (
            <div>
              <dt className="text-slate-500">包片乡镇</dt>
              <dd className="font-medium">{actor.leaderTownships.length} 个</dd>
            </div>
          ) : null}
        </dl>
      </section>
      <section>
        <h2 className="mb-3 text-base font-semibold text-slate-700">业务入口</h2>
        {entries.length ? (
          <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {entries.map((entry) => (
              <li key={entry.href}>
                <Link href={entry.href} className="block h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600">
                  <span className="font-medium text-brand-700">{entry.label}</span>
                  <span className="mt-1 block text-sm text-slate-500">{entry.description}</span>
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-500">您的角色暂无可用的业务入口。</p>
        )}
      </section>
      {upcoming.length ? (
        <section>
          <h2 className="mb-3 text-base font-semibold text-slate-700">尚未开放</h2>
          <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {upcoming.map((name) => (
              <li key={name} className="rounded-lg border border-dashed border-slate-300 bg-slate-50 p-4 text-sm text-slate-500">
                {name}（建设中，暂不可用）
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
