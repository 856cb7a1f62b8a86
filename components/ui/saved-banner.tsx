"use client";

import { useEffect, useState } from "react";

/**
 * The "已保存" banner a page shows after a redirect (`?saved=…`). It speaks of that save only: the
 * next edit or submit of any form on the page removes it, so it never stands above a later save
 * (the income form, further down, says its own outcome beside its button).
 */
export function SavedBanner({ children }: { children: React.ReactNode }) {
  const [shown, setShown] = useState(true);
  useEffect(() => {
    if (!shown) return;
    const hide = () => setShown(false);
    document.addEventListener("input", hide, true);
    document.addEventListener("submit", hide, true);
    return () => {
      document.removeEventListener("input", hide, true);
      document.removeEventListener("submit", hide, true);
    };
  }, [shown]);
  if (!shown) return null;
  return (
    <p className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800" role="status" data-testid="saved-banner">
      {children}
    </p>
  );
}
