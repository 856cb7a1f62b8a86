import { AppShell } from "@/components/layout/app-shell";
import { OfflineProvider } from "@/components/offline/offline-provider";
import { signOut } from "@/lib/auth/auth";
import { requirePage } from "@/lib/auth/page-guard";
import { ROLE } from "@/lib/domain/codes";
import { isDevelopment } from "@/lib/env";
import { navigationFor } from "@/lib/navigation";
import { updateHouseholdDraftAction, updateMemberDraftAction } from "./draft-actions";
import { recordVisitAction } from "./households/assistance-actions";
import { saveIncomeAction } from "./households/actions";

export const dynamic = "force-dynamic";

async function signOutAction() {
  "use server";
  await signOut({ redirectTo: "/login" });
}

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePage();
  // Drafts kept offline are sent through these, whichever page is open (components/offline).
  const draftActions = { visit: recordVisitAction, member: updateMemberDraftAction, household: updateHouseholdDraftAction, income: saveIncomeAction };
  return (
    <OfflineProvider userId={actor.userId} actions={draftActions} serviceWorker={!isDevelopment()}>
      <AppShell
        user={{ displayName: actor.displayName, roleLabel: ROLE.label(actor.role), regionName: actor.regionName }}
        navigation={navigationFor(actor)}
        signOut={signOutAction}
      >
        {children}
      </AppShell>
    </OfflineProvider>
  );
}
