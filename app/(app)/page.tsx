import Link from "next/link";
import { requirePage } from "@/lib/auth/page-guard";
import { ROLE, REGION_LEVEL } from "@/lib/domain/codes";
import { homeCardsFor } from "@/lib/navigation";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { can } from "@/lib/auth/permissions";
import { loadDashboardView } from "@/lib/dashboard/view";
import { QualityHomeCard } from "@/components/quality/home-card";
import { homeQualityCard } from "@/lib/data-quality/queries";
import { MyHouseholdsSection } from "@/components/home/my-households";
import { findMyHouseholds } from "@/lib/home/my-households";
import { householdScope } from "@/lib/auth/scope";
import { ZPageParams } from "@/lib/pagination";

/** County leaders and the county office open on the county's 挂图作战 (issue 10). */
const DASHBOARD_HOME_ROLES: readonly string[] = ["COUNTY_LEADER", "COUNTY_OFFICE"];

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePage();
  const params = await searchParams;
  const entries = homeCardsFor(actor);
  const quality = await homeQualityCard(actor);
  const dashboard = DASHBOARD_HOME_ROLES.includes(actor.role) && can(actor, "dashboard.read") ? await loadDashboardView(actor, params) : null;
  // A 帮扶责任人 opens on their own households and what is due on each (issue 14).
  const mine = householdScope(actor).kind === "assigned" ? await findMyHouseholds(actor, ZPageParams.parse(params)) : null;
  return (
    <div className="space-y-6">
      <section className="no-print rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h1 className="text-xl font-semibold">您好，{actor.displayName}</h1>
        <dl className="mt-3 grid grid-cols-1 gap-2 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">角色</dt>
            <dd className="font-medium" data-testid="home-role">
              {ROLE.label(actor.role)}
            </dd>
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
      {mine ? <MyHouseholdsSection data={mine} /> : null}
      {quality ? <QualityHomeCard {...quality} /> : null}
      {dashboard ? <DashboardView {...dashboard} basePath="/dashboard" /> : null}
      <section className="no-print" aria-labelledby="home-entries">
        <h2 id="home-entries" className="mb-3 text-base font-semibold text-slate-700">
          业务入口
        </h2>
        {entries.length ? (
          <div className="space-y-4">
            {[
              { title: "我能办理", cards: entries.filter((entry) => entry.acts) },
              { title: "可以查看", cards: entries.filter((entry) => !entry.acts) },
            ]
              .filter((part) => part.cards.length > 0)
              .map((part) => (
                <div key={part.title}>
                  <h3 className="mb-2 text-sm font-medium text-slate-700">{part.title}</h3>
                  <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid={part.title === "我能办理" ? "cards-act" : "cards-view"}>
                    {part.cards.map((entry) => (
                      <li key={entry.href}>
                        <Link href={entry.href} className="block h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600">
                          <span className="font-medium text-brand-700">{entry.label}</span>
                          <span className="mt-1 block text-sm text-slate-600">{entry.description}</span>
                        </Link>
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
          </div>
        ) : (
          <p className="text-sm text-slate-500">您的角色暂无可用的业务入口。</p>
        )}
      </section>
    </div>
  );
}
