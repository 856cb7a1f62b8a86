import { AppShell } from "@/components/layout/app-shell";
import { signOut } from "@/lib/auth/auth";
import { requirePage } from "@/lib/auth/page-guard";
import { ROLE } from "@/lib/domain/codes";
import { navigationFor } from "@/lib/navigation";

export const dynamic = "force-dynamic";

async function signOutAction() {
  "use server";
  await signOut({ redirectTo: "/login" });
}

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePage();
  return (
    <AppShell
      user={{ displayName: actor.displayName, roleLabel: ROLE.label(actor.role), regionName: actor.regionName }}
      navigation={navigationFor(actor)}
      signOut={signOutAction}
    >
      {children}
    </AppShell>
  );
}
