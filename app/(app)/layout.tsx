import { AppShell } from "@/components/layout/app-shell";
import { signOut } from "@/lib/auth/auth";
import { requirePage } from "@/lib/auth/page-guard";
import { ROLE } from "@/lib/domain/codes";
import { homeLabelFor, navigationGroupsFor } from "@/lib/navigation";

export const dynamic = "force-dynamic";

async function signOutAction() {
  "use server";
  await signOut({ redirectTo: "/login" });
}

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePage();
  // Only what the menu shows goes to the browser (not the permissions or descriptions).
  const groups = navigationGroupsFor(actor).map(({ group, entries }) => ({ group, entries: entries.map(({ href, label }) => ({ href, label })) }));
  return (
    <AppShell
      user={{ displayName: actor.displayName, roleLabel: ROLE.label(actor.role), regionName: actor.regionName }}
      home={{ href: "/", label: homeLabelFor(actor) }}
      groups={groups}
      signOut={signOutAction}
    >
      {children}
    </AppShell>
  );
}
