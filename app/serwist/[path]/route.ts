import { createSerwistRoute } from "@serwist/turbopack";

// Serves /serwist/sw.js: app/sw.ts bundled with esbuild and its precache list (Next's static files, the
// offline page, the icons), both made once at build time (force-static). Decision 020.
export const { dynamic, dynamicParams, revalidate, generateStaticParams, GET } = createSerwistRoute({
  swSrc: "app/sw.ts",
  useNativeEsbuild: true,
  globPatterns: [".next/static/**/*.{js,css,woff2}", "public/offline.html", "public/icons/*.png", "public/manifest.webmanifest"],
  // Source maps stay out of the browser's cache, and the worker gets none.
  globIgnores: ["**/*.map"],
  esbuildOptions: { sourcemap: false },
});
