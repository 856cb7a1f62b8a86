"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function RootError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="flex min-h-screen items-center px-4">
      <ErrorPanel {...props} />
    </main>
  );
}
