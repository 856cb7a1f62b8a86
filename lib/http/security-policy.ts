/**
 * The browser-side protections every response carries, and the origin rule for state-changing
 * requests. Pure functions: proxy.ts applies them; tests/unit/security-policy.test.ts pins them.
 */

/**
 * Scripts only with this response's nonce ('strict-dynamic' lets Next's own loader add its
 * chunks); development needs 'unsafe-eval' for React's tooling, production never. Styles allow
 * inline attributes because components set `style` for widths of bars and print layout.
 */
export function contentSecurityPolicy(nonce: string, { development = false }: { development?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), interest-cohort=()";

/** Headers for every response; HSTS only when the public URL is HTTPS (over plain HTTP it would be ignored or lock users out). */
export function securityHeaders({ https }: { https: boolean }): Record<string, string> {
  return {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * May this request change state? A browser always sends Origin on a cross-site POST and on
 * same-origin fetch/form POSTs, so a missing Origin is refused too. The comparison is with the
 * configured public URL when there is one, otherwise with the Host header — never with
 * X-Forwarded-Host, which any client can write.
 */
export function isAllowedOrigin({
  method,
  origin,
  host,
  publicUrl,
}: {
  method: string;
  origin: string | null;
  host: string | null;
  publicUrl: string | null;
}): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  if (!origin || origin === "null") return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (publicUrl) return parsed.origin === new URL(publicUrl).origin;
  return Boolean(host) && parsed.host === host;
}
