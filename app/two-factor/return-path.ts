/** Only same-site relative paths are followed, and never back to this page. */
export function safeReturnPath(value: unknown): string {
  const path = typeof value === "string" ? value : "/";
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return "/";
  return path.startsWith("/two-factor") ? "/" : path;
}
