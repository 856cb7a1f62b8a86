"use client";

import { useState } from "react";

/**
 * A native <details> whose `open` is only where it starts: React would otherwise close it when the
 * page is refreshed with a different `open` (a form that has just saved would fold away under the
 * user's thumb). The user's own toggling, and the error summary opening it, are kept.
 */
export function Disclosure({ open = false, children, ...rest }: { open?: boolean; children: React.ReactNode } & React.ComponentPropsWithoutRef<"details">) {
  const [initiallyOpen] = useState(open);
  return (
    <details open={initiallyOpen || undefined} {...rest}>
      {children}
    </details>
  );
}
