/**
 * Which responses the service worker (app/sw.ts) may keep. Pure, so tests/unit/offline-rules.test.ts pins it:
 * only the signed-in user's pages, never the sign-in flow, API routes (Auth.js, exports, files) or Next's
 * RSC fetches, whose answers depend on headers a cache key does not carry.
 */
export const PAGES_CACHE = "pages";
export const STATIC_CACHE = "static";
export const OFFLINE_PAGE = "/offline.html";

const NEVER = ["/api/", "/login", "/two-factor", "/serwist/", "/_next/", "/village-exits/evidence/"];

export function isCacheablePage({ method, pathname, search, rsc }: { method: string; pathname: string; search: string; rsc: boolean }): boolean {
  if (method !== "GET" || rsc) return false;
  if (new URLSearchParams(search).has("_rsc")) return false;
  if (NEVER.some((prefix) => pathname === prefix.replace(/\/$/, "") || pathname.startsWith(prefix))) return false;
  // Files (the manifest, icons, offline page) are precached; anything with an extension is not a page.
  if (/\.[a-z0-9]+$/i.test(pathname)) return false;
  // An export or download, whatever its address.
  if (/(^|\/)(export|exports|download)(\/|$)/.test(pathname)) return false;
  return true;
}

/** Only HTML pages are kept: a route that answers with a file (evidence, an export) never lands in the cache. */
export function isKeptPageResponse({ status, redirected, contentType }: { status: number; redirected: boolean; contentType: string | null }): boolean {
  return status === 200 && !redirected && (contentType ?? "").toLowerCase().startsWith("text/html");
}
