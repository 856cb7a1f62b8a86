import { redirect } from "next/navigation";
import { requirePage } from "@/lib/auth/page-guard";

/** The 核验码 search box posts here; the result lives at /exits/verify/[code]. */
export default async function VerifyRedirectPage({ searchParams }: { searchParams: Promise<{ code?: string; h?: string }> }) {
  await requirePage("exit.read");
  const { code, h } = await searchParams;
  const clean = (code ?? "").trim().replace(/[\s-]/g, "").toUpperCase().slice(0, 12);
  if (!clean) redirect("/exits");
  redirect(`/exits/verify/${encodeURIComponent(clean)}${h ? `?h=${encodeURIComponent(h)}` : ""}`);
}
