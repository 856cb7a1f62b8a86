import type { Metadata } from "next";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { requirePage } from "@/lib/auth/page-guard";
import { loadDashboardView } from "@/lib/dashboard/view";

export const metadata: Metadata = { title: "挂图作战" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePage("dashboard.read");
  const data = await loadDashboardView(actor, await searchParams);
  return <DashboardView {...data} basePath="/dashboard" />;
}
