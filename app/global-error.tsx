"use client";

import "./globals.css";
import { ErrorPanel } from "@/components/ui/error-panel";

/** When even the root layout fails: it replaces the whole document. */
export default function GlobalError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen">
        <main className="flex min-h-screen items-center px-4">
          <ErrorPanel {...props} />
        </main>
      </body>
    </html>
  );
}
