import { AppShell } from "@/components/layout/app-shell";
import { OfflineProvider } from "@/components/offline/offline-provider";
import { signOut } from "@/lib/auth/auth";
import { requirePage } from "@/lib/auth/page-guard";
import { ROLE } from "@/lib/domain/codes";
import { isDevelopment } from "@/lib/env";
import { homeLabelFor, navigationGroupsFor } from "@/lib/navigation";
import { addMemberDraftAction, createHouseholdDraftAction, updateHouseholdDraftAction, updateMemberDraftAction } from "./draft-actions";
import { recordVisitAction } from "./households/assistance-actions";
import { saveIncomeAction } from "./households/actions";

export const dynamic = "force-dynamic";

async function signOutAction() {
  "use server";
  await signOut({ redirectTo: "/login" });
}

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePage();
  // Only what the menu shows goes to the browser (not the permissions or descriptions).
  const groups = navigationGroupsFor(actor).map(({ group, entries }) => ({ group, entries: entries.map(({ href, label }) => ({ href, label })) }));
  // Drafts kept offline are sent through these, whichever page is open (components/offline).
  const draftActions = {
    visit: recordVisitAction,
    member: updateMemberDraftAction,
    newMember: addMemberDraftAction,
    household: updateHouseholdDraftAction,
    newHousehold: createHouseholdDraftAction,
    income: saveIncomeAction,
  };
  return (
    <OfflineProvider userId={actor.userId} actions={draftActions} serviceWorker={!isDevelopment()}>
      <AppShell
        user={{ displayName: actor.displayName, roleLabel: ROLE.label(actor.role), regionName: actor.regionName }}
        home={{ href: "/", label: homeLabelFor(actor) }}
        groups={groups}
        signOut={signOutAction}
      >
        {children}
      </AppShell>
    </OfflineProvider>
  );
}
