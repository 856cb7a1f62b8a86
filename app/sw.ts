/// <reference lib="webworker" />
// The service worker (bundled by app/serwist/[path]/route.ts at build time; decision 027). It keeps the app
// shell (Next's hashed static files, the icons, the offline page) and the signed-in user's pages last opened,
// so that a cadre who loses the signal can still open them and record work as drafts (lib/offline).
import { CacheFirst, ExpirationPlugin, NetworkFirst, Serwist, type PrecacheEntry, type SerwistGlobalConfig } from "serwist";
import { PAGES_CACHE, STATIC_CACHE, OFFLINE_PAGE, isCacheablePage, isKeptPageResponse } from "@/lib/offline/cache-rules";

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}

declare const self: ServiceWorkerGlobalScope;

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: false,
  disableDevLogs: true,
  runtimeCaching: [
    {
      // Hashed file names: a cached copy is always the right one.
      matcher: ({ sameOrigin, url, request }) => sameOrigin && request.method === "GET" && url.pathname.startsWith("/_next/static/"),
      handler: new CacheFirst({ cacheName: STATIC_CACHE, plugins: [new ExpirationPlugin({ maxEntries: 300, maxAgeSeconds: 60 * 24 * 3600 })] }),
    },
    {
      // The user's pages: always from the network when there is one (never stale while online), the copy
      // kept from the last visit only when the network fails. Redirects (to the sign-in page) are not kept.
      matcher: ({ sameOrigin, url, request }) =>
        sameOrigin && isCacheablePage({ method: request.method, pathname: url.pathname, search: url.search, rsc: request.headers.has("RSC") }),
      handler: new NetworkFirst({
        cacheName: PAGES_CACHE,
        networkTimeoutSeconds: 10,
        plugins: [
          {
            cacheWillUpdate: async ({ response }) =>
              isKeptPageResponse({ status: response.status, redirected: response.redirected, contentType: response.headers.get("content-type") })
                ? response
                : null,
          },
          new ExpirationPlugin({ maxEntries: 60, maxAgeSeconds: 14 * 24 * 3600 }),
        ],
      }),
    },
  ],
  fallbacks: { entries: [{ url: OFFLINE_PAGE, matcher: ({ request }) => request.destination === "document" }] },
});

serwist.addEventListeners();
