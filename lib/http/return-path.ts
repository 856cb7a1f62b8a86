/**
 * Where to send a user back to after sign-in or the second factor: only a same-site relative
 * path ("//host" and "/\host" are other sites to a browser), never the page itself.
 */
export function safeReturnPath(value: unknown, { never }: { never?: string } = {}): string {
  const path = typeof value === "string" ? value : "/";
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return "/";
  return never && path.startsWith(never) ? "/" : path;
}
