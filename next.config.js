// A file may be at most ATTACHMENT_MAX_BYTES (10 MiB by default) and a visit carries several
// photos: the transport limits sit well above, so an oversized file reaches the app and gets
// its Chinese "文件过大" answer instead of a broken request. The largest is the national import
// (lib/imports/file-type.ts IMPORT_MAX_BYTES, 90 MiB: a tier-M county's export).
const REQUEST_BODY_LIMIT = "100mb";

import { withSerwist } from "@serwist/turbopack";

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "exceljs"],
  experimental: {
    serverActions: { bodySizeLimit: REQUEST_BODY_LIMIT },
    proxyClientMaxBodySize: REQUEST_BODY_LIMIT,
  },
  // Pages and route handlers get their headers (CSP with a nonce, COOP, HSTS…) from proxy.ts;
  // static assets, which the proxy skips, get these.
  async headers() {
    return [
      {
        source: "/_next/static/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

// withSerwist keeps esbuild (which bundles the service worker, app/serwist/[path]/route.ts) out of the server bundle.
export default withSerwist(nextConfig);
