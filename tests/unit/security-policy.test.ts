import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isAllowedOrigin, securityHeaders } from "@/lib/http/security-policy";

describe("content security policy", () => {
  it("allows scripts only with the nonce and never eval in production", () => {
    const policy = contentSecurityPolicy("abc123");
    expect(policy).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(contentSecurityPolicy("n", { development: true })).toContain("'unsafe-eval'");
  });

  it("sends HSTS only for an HTTPS public URL", () => {
    expect(securityHeaders({ https: true })["Strict-Transport-Security"]).toMatch(/max-age=\d{7,}/);
    expect(securityHeaders({ https: false })).not.toHaveProperty("Strict-Transport-Security");
    expect(securityHeaders({ https: false })["Cross-Origin-Opener-Policy"]).toBe("same-origin");
    expect(securityHeaders({ https: false })["Permissions-Policy"]).toContain("camera=()");
  });
});

describe("origin of state-changing requests", () => {
  const post = (origin: string | null, host: string | null, publicUrl: string | null = null) => isAllowedOrigin({ method: "POST", origin, host, publicUrl });

  it("lets reads through whatever their origin", () => {
    expect(isAllowedOrigin({ method: "GET", origin: "https://evil.example", host: "app.example", publicUrl: null })).toBe(true);
  });

  it("with a public URL: exactly its origin", () => {
    expect(post("https://fupin.example.gov.cn", "anything", "https://fupin.example.gov.cn/")).toBe(true);
    expect(post("http://fupin.example.gov.cn", "fupin.example.gov.cn", "https://fupin.example.gov.cn")).toBe(false);
    expect(post("https://evil.example", "fupin.example.gov.cn", "https://fupin.example.gov.cn")).toBe(false);
    expect(post("https://fupin.example.gov.cn.evil.example", "fupin.example.gov.cn", "https://fupin.example.gov.cn")).toBe(false);
  });

  it("without one: the Host header, never a forwarded host", () => {
    expect(post("http://127.0.0.1:3000", "127.0.0.1:3000")).toBe(true);
    expect(post("https://evil.example", "127.0.0.1:3000")).toBe(false);
    expect(post("http://127.0.0.1:3001", "127.0.0.1:3000")).toBe(false);
  });

  it("refuses a missing, opaque or malformed origin", () => {
    expect(post(null, "127.0.0.1:3000")).toBe(false);
    expect(post("null", "127.0.0.1:3000")).toBe(false);
    expect(post("not a url", "127.0.0.1:3000")).toBe(false);
    expect(post("http://127.0.0.1:3000", null)).toBe(false);
  });
});
