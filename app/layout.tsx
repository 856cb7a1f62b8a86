import type { Metadata, Viewport } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "精准扶贫业务系统", template: "%s · 精准扶贫业务系统" },
  description: "一户一档、帮扶措施、脱贫退出核验",
  // The web app manifest (public/manifest.webmanifest): installable on a phone's home screen (decision 027).
  manifest: "/manifest.webmanifest",
  // Named here so that browsers do not ask for /favicon.ico, which the app does not serve.
  icons: { icon: "/icons/icon-192.png", apple: "/icons/icon-192.png" },
  appleWebApp: { title: "扶贫业务", capable: true },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#991b1b" };

// Rendered per request: every page carries its own CSP nonce (proxy.ts), which a prerendered page could not.
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
