import type { Metadata } from "next";
import Link from "next/link";
import { CreateMonitoringObjectForm } from "@/components/monitoring/object-forms";
import { requirePage } from "@/lib/auth/page-guard";
import { todayString } from "@/lib/dates";
import { listRiskTypes } from "@/lib/monitoring/queries";
import { listRegionsInScope } from "@/lib/regions/queries";
import { createMonitoringObjectAction } from "../actions";

export const metadata: Metadata = { title: "纳入监测对象" };

export default async function NewMonitoringObjectPage() {
  const actor = await requirePage("monitoring.write");
  const [regions, riskTypes] = await Promise.all([listRegionsInScope(actor), listRiskTypes(actor)]);
  const villages = regions.filter((region) => region.level === "VILLAGE").map((region) => ({ value: region.code, label: region.name }));
  return (
    <div className="space-y-5">
      <p className="text-sm">
        <Link href="/monitoring" className="text-brand-700 hover:underline">
          ← 防止返贫监测
        </Link>
      </p>
      <h1 className="text-xl font-semibold">纳入监测对象</h1>
      <p className="text-sm text-slate-600">
        登记发现的户及其首项风险。纳入后状态为“待识别”，须经入户核实、信息比对、民主评议、公示、乡镇审核、县级审批后才确定为监测对象。
      </p>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <CreateMonitoringObjectForm
          action={createMonitoringObjectAction}
          villages={villages}
          riskTypes={riskTypes.map((type) => ({ value: type.code, label: type.label }))}
          today={todayString()}
        />
      </section>
    </div>
  );
}
