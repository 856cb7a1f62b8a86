import { NextResponse, type NextRequest } from "next/server";
import { isDevelopment, publicUrl } from "@/lib/env";
import { contentSecurityPolicy, isAllowedOrigin, securityHeaders } from "@/lib/http/security-policy";

// Redirects, annotates and applies the browser protections. The guard is lib/auth/session.ts,
// called by every page and action; this only stops what must never reach them.
// The service worker, the web app manifest (fetched without cookies), its icons and the offline page are
// the same for everyone and hold nothing personal (decision 027).
const PUBLIC_PREFIXES = ["/login", "/api/auth", "/_next", "/favicon", "/serwist/", "/manifest.webmanifest", "/icons/", "/offline.html"];
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
// Auth.js checks its own CSRF token on its endpoints.
const ORIGIN_CHECK_EXEMPT = ["/api/auth/"];

function withSecurityHeaders(response: NextResponse, policy: string, https: boolean): NextResponse {
  response.headers.set("Content-Security-Policy", policy);
  for (const [name, value] of Object.entries(securityHeaders({ https }))) response.headers.set(name, value);
  return response;
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const configuredUrl = publicUrl();
  const https = configuredUrl?.startsWith("https://") ?? false;
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
  const policy = contentSecurityPolicy(nonce, { development: isDevelopment() });

  const exempt = ORIGIN_CHECK_EXEMPT.some((prefix) => pathname.startsWith(prefix));
  if (
    !exempt &&
    !isAllowedOrigin({ method: request.method, origin: request.headers.get("origin"), host: request.headers.get("host"), publicUrl: configuredUrl })
  ) {
    const refused = new NextResponse("请求来源无效，已拒绝。请从系统页面重新操作。", { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
    return withSecurityHeaders(refused, policy, https);
  }

  const isPublic = PUBLIC_PREFIXES.some((prefix) => pathname.startsWith(prefix));
  if (!isPublic && !SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    const url = request.nextUrl.clone();
    url.pathname = "/login";
    url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    return withSecurityHeaders(NextResponse.redirect(url), policy, https);
  }
  const headers = new Headers(request.headers);
  headers.set("x-pathname", pathname + search);
  // Next reads the nonce from the request's policy and puts it on its own scripts.
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  return withSecurityHeaders(NextResponse.next({ request: { headers } }), policy, https);
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
