import type { Metadata } from "next";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { requirePage } from "@/lib/auth/page-guard";
import { loadDashboardView } from "@/lib/dashboard/view";
import { orNotFound } from "@/lib/page-helpers";

export const metadata: Metadata = { title: "挂图作战" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePage("dashboard.read");
  const params = await searchParams;
  const data = await orNotFound(() => loadDashboardView(actor, params));
  return <DashboardView {...data} basePath="/dashboard" />;
}
